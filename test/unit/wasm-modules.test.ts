import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { kernelsModuleText, WASM_KERNELS, WASM_TARGET } from "../../scripts/build-wasm";
import { kernelExports } from "../../src/wasm";

it(`${WASM_TARGET} holds what wasm/*.ts compile to (npm run build:wasm)`, async () => {
  expect(readFileSync(WASM_TARGET, "utf8")).toBe(await kernelsModuleText());
}, 60_000);

it("every kernel instantiates in Node, under the 4 KB a browser's main thread compiles synchronously", () => {
  for (const name of WASM_KERNELS) {
    expect(kernelExports(name)).not.toBeNull();
    expect(atob(readFileSync(WASM_TARGET, "utf8").match(new RegExp(`"${name}":\\s*"([^"]+)"`))![1]).length).toBeLessThan(4096);
  }
});
