/**
 * Times BSS Eval v3/v4 on the signals written by
 *   /usr/bin/python3 scripts/fixtures/eval_fixtures.py --bench DIR
 * (2 sources × 30 s at 44.1 kHz, mono and stereo) and compares scores and times with the
 * mir_eval / museval-port results saved there. Usage: npx tsx scripts/eval_bench.ts DIR
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { bssEvalImages, bssEvalSources, bssEvalV4 } from "../src/eval";

type Encoded = number | string | null;
const decode = (v: Encoded) => (v === null ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : (v as number));

function load(file: string, nsrc: number, nchan: number, n: number): Float32Array[][] {
  const b = readFileSync(file);
  const all = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
  return Array.from({ length: nsrc }, (_, j) => Array.from({ length: nchan }, (_, c) => all.subarray((j * nchan + c) * n, (j * nchan + c + 1) * n)));
}

function maxDiff(ours: ArrayLike<number>[], theirs: Encoded[][]): number {
  let worst = 0;
  theirs.forEach((row, j) =>
    row.forEach((v, t) => {
      const w = decode(v);
      const a = ours[j][t];
      if (Number.isFinite(w)) worst = Math.max(worst, Math.abs(a - w));
      else if (!Object.is(a, w) && !(Number.isNaN(a) && Number.isNaN(w))) worst = Infinity;
    }),
  );
  return worst;
}

const dir = process.argv[2] ?? "/tmp/evalbench";
const report = JSON.parse(readFileSync(join(dir, "bench.json"), "utf8"));
for (const name of ["mono", "stereo"]) {
  const e = report[name];
  const refs = load(join(dir, `${name}.refs.f32`), e.sources, e.channels, e.samples);
  const ests = load(join(dir, `${name}.ests.f32`), e.sources, e.channels, e.samples);
  const time = <T>(f: () => T): [T, number] => {
    const t = performance.now();
    const r = f();
    return [r, (performance.now() - t) / 1000];
  };
  const rows: string[] = [];
  const metrics = ["sdr", "isr", "sir", "sar"] as const;
  if (e.v3Sources) {
    const [r, s] = time(() => bssEvalSources(refs, ests));
    const d = Math.max(...(["sdr", "sir", "sar"] as const).map((m) => maxDiff([...r[m]].map((x) => [x]), e.v3Sources[m].map((x: Encoded) => [x]))));
    rows.push(`v3 sources  ours ${s.toFixed(2)} s  mir_eval ${e.v3Sources.seconds.toFixed(2)} s  max |Δ| ${d.toExponential(1)} dB`);
  }
  {
    const [r, s] = time(() => bssEvalImages(refs, ests));
    const d = Math.max(...metrics.map((m) => maxDiff([...r[m]].map((x) => [x]), e.v3Images[m].map((x: Encoded) => [x]))));
    rows.push(`v3 images   ours ${s.toFixed(2)} s  mir_eval ${e.v3Images.seconds.toFixed(2)} s  max |Δ| ${d.toExponential(1)} dB`);
  }
  {
    const [r, s] = time(() => bssEvalV4(refs, ests, { sampleRate: e.sampleRate }));
    const d = Math.max(...metrics.map((m) => maxDiff(r[m], e.v4[m])));
    rows.push(`v4          ours ${s.toFixed(2)} s  museval  ${e.v4.seconds.toFixed(2)} s  max |Δ| ${d.toExponential(1)} dB`);
  }
  console.log(`${name} (${e.sources} sources × ${e.channels} ch × ${e.samples / e.sampleRate} s @ ${e.sampleRate} Hz)\n  ${rows.join("\n  ")}`);
}
