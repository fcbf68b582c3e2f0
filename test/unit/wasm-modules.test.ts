import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileWasm, WASM_MODULES, wasmModuleText } from "../../scripts/build-wasm";

describe("the WebAssembly kernels' committed bytes", () => {
  for (const m of WASM_MODULES) {
    it(`${m.target} is what ${m.source} compiles to (npm run build:wasm)`, async () => {
      const bytes = await compileWasm(m.source);
      expect(readFileSync(m.target, "utf8")).toBe(wasmModuleText(m.source, m.name, bytes));
    }, 60_000);
  }
});
