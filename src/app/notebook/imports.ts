/**
 * What a cell's `import` can reach in the page: the library under the names a notebook file uses
 * ("../src" so that `tsc` and Node resolve it too, or "demix"), and the packages the workbench
 * bundles. Each loads on first use; Vite splits them into their own chunks.
 */
const LIBRARY = () => import("../../index");

const MODULES: Record<string, () => Promise<unknown>> = {
  demix: LIBRARY,
  "../src": LIBRARY,
  "../src/index": LIBRARY,
  "@tensorflow/tfjs": () => import("@tensorflow/tfjs"),
  "@tensorflow/tfjs-vis": () => import("@tensorflow/tfjs-vis"),
  "@observablehq/plot": () => import("@observablehq/plot"),
  "@observablehq/inputs": () => import("@observablehq/inputs"),
};

export const IMPORTABLE = Object.keys(MODULES);

export async function resolveImport(specifier: string): Promise<unknown> {
  // "../src/dsp" and the like: the library's public face has every domain's names.
  const load = MODULES[specifier] ?? (/^(\.\.\/)+src(\/[\w-]+)*$/.test(specifier) ? LIBRARY : undefined);
  if (!load) {
    throw new Error(`cannot import "${specifier}" in a notebook: the workbench bundles ${IMPORTABLE.filter((s) => s !== "../src/index").map((s) => `"${s}"`).join(", ")}`);
  }
  return load();
}
