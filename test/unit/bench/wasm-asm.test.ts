import { describe, expect, it } from "vitest";
import { assemble, sleb, uleb } from "../../../bench/wasm-asm";

describe("wasm assembler", () => {
  it("encodes LEB128 as the spec's examples", () => {
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(uleb(0)).toEqual([0]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
    expect(sleb(-1)).toEqual([0x7f]);
  });

  it("builds a module WebAssembly accepts, exporting its functions and memory", () => {
    const bytes = assemble([{ name: "nothing", params: [], locals: [], body: [] }], 2);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
    expect(typeof exports.nothing).toBe("function");
    expect((exports.memory as WebAssembly.Memory).buffer.byteLength).toBe(2 * 65536);
  });
});
