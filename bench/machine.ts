import { execFileSync } from "node:child_process";
import { cpus, loadavg } from "node:os";

/** `git rev-parse --short HEAD`, with "-dirty" when tracked or untracked files differ from it. */
export function commitId(cwd = "."): string {
  const git = (...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8" }).trim();
  try {
    const head = git("rev-parse", "--short", "HEAD");
    return git("status", "--porcelain") ? `${head}-dirty` : head;
  } catch (e) {
    throw new Error(`the bench records the commit it measured and git could not tell it: ${(e as Error).message}`);
  }
}

export function machineBasics(): { cores: number; cpu: string; node: string; load: number[] } {
  const list = cpus();
  return {
    cores: list.length,
    cpu: list[0]?.model.trim() ?? "unknown",
    node: process.version,
    load: loadavg().map((l) => Number(l.toFixed(2))),
  };
}
