/**
 * Just enough of the WebAssembly binary format to write a small kernel as a list of instructions in
 * TypeScript, for bench/ceiling.ts: its peak loop must be exactly the instructions written (twelve
 * independent multiply-add chains), which a compiler's optimiser would be free to change. The
 * project's kernels are AssemblyScript (wasm/, `npm run build:wasm`). `WebAssembly.validate` checks
 * the result before anything runs it.
 */

export const I32 = 0x7f;
export const V128 = 0x7b;
export type ValueType = typeof I32 | typeof V128;

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (i32.const immediates). */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const simd = (op: number) => [0xfd, ...uleb(op)];
/** Memory immediate: log2 alignment hint and a constant byte offset added to the address. */
const mem = (align: number, offset = 0) => [align, ...uleb(offset)];

/** Instructions, each a function returning its bytes. Names follow the text format. */
export const op = {
  get: (i: number) => [0x20, ...uleb(i)],
  set: (i: number) => [0x21, ...uleb(i)],
  i32: (n: number) => [0x41, ...sleb(n)],
  i32Sub: () => [0x6b],
  i32LtS: () => [0x48],
  /** v128.const of four float32 lanes. */
  f32x4Const: (lanes: [number, number, number, number]) => [...simd(0x0c), ...new Uint8Array(new Float32Array(lanes).buffer)],
  f32x4Add: () => simd(0xe4),
  f32x4Mul: () => simd(0xe6),
  /** Relaxed SIMD's fused (or not: the engine's choice) a·b + c. */
  f32x4RelaxedMadd: () => simd(0x105),
  v128Store: () => [...simd(0x0b), ...mem(4)],
  /** block/loop with no result; `end` closes either; br/brIf take the label depth. */
  block: () => [0x02, 0x40],
  loop: () => [0x03, 0x40],
  end: () => [0x0b],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
};

/** Instructions nest freely (an instruction is itself a list of bytes); `assemble` flattens them. */
export type Code = number | readonly Code[];

export interface WasmFunction {
  name: string;
  params: ValueType[];
  /** Locals after the parameters, numbered from params.length. */
  locals: ValueType[];
  body: Code[];
}

function flatten(code: readonly Code[], out: number[] = []): number[] {
  for (const c of code) {
    if (typeof c === "number") out.push(c);
    else flatten(c, out);
  }
  return out;
}

const section = (id: number, bytes: number[]) => [id, ...uleb(bytes.length), ...bytes];
const vector = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (s: string) => vector([...s].map((c) => [c.charCodeAt(0)]));

/** A module exporting `functions` (no results) and its memory as "memory" (`pages` × 64 KiB to start). */
export function assemble(functions: WasmFunction[], pages: number): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vector(f.params.map((t) => [t])), 0]);
  const bodies = functions.map((f) => {
    const locals = vector(f.locals.map((t) => [1, t]));
    const code = [...locals, ...flatten(f.body), 0x0b];
    return [...uleb(code.length), ...code];
  });
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(3, vector(functions.map((_, i) => uleb(i)))),
    ...section(5, vector([[0x00, ...uleb(pages)]])),
    ...section(7, vector([...functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]), [...name("memory"), 0x02, 0]])),
    ...section(10, vector(bodies)),
  ];
  return new Uint8Array(bytes);
}
