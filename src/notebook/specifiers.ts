/**
 * How a notebook names the library. A notebook in notebooks/ imports "../src" (so that `tsc` and
 * Node resolve it as a plain module); "demix" is the short name the workbench accepts too. A
 * resolver maps both to the library; the compiler needs to know them only to recognise the
 * library's `display`, which in a cell is the cell's own.
 */
export const LIBRARY_NAME = "demix";

/** "demix", "demix/…", or a relative path to the repository's src folder or a module in it. */
export function isLibrarySpecifier(specifier: string): boolean {
  if (specifier === LIBRARY_NAME || specifier.startsWith(`${LIBRARY_NAME}/`)) return true;
  return /^(\.\.?\/)+src(\/[\w.-]+)*$/.test(specifier);
}
