import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ReferenceName } from "./items";
import type { ReferenceTimes } from "./rows";

/** Debian's interpreter: it has python3-torch and python3-scipy (the first python3 on PATH may not; FIELD-NOTES). */
export const PYTHON = process.env.BENCH_PYTHON ?? "/usr/bin/python3";
const SCRIPT = fileURLToPath(new URL("./reference.py", import.meta.url));

/**
 * Runs bench/reference.py for `names`. Never throws: a missing interpreter or a failing script is
 * reported in `missing`, and the bench goes on with our numbers alone (ratios null).
 */
export function runReference(names: readonly ReferenceName[], quick: boolean): Promise<ReferenceTimes> {
  const none = (why: string): ReferenceTimes => ({ items: {}, versions: {}, missing: [why] });
  if (!names.length) return Promise.resolve({ items: {}, versions: {}, missing: [] });
  if (!existsSync(PYTHON)) return Promise.resolve(none(`no Python at ${PYTHON}: the PyTorch/scipy references were not run (apt-get install python3-torch python3-scipy, or set BENCH_PYTHON)`));
  const args = [SCRIPT, "--only", names.join(","), ...(quick ? ["--quick"] : [])];
  return new Promise((resolve) => {
    execFile(PYTHON, args, { maxBuffer: 1 << 20, timeout: 10 * 60_000 }, (error, stdout, stderr) => {
      if (error) {
        const last = stderr.trim().split("\n").at(-1) ?? "";
        resolve(none(`bench/reference.py failed (${error.message.split("\n")[0]}): ${last}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout) as ReferenceTimes);
      } catch (e) {
        resolve(none(`bench/reference.py printed something that is not JSON: ${(e as Error).message}`));
      }
    });
  });
}
