/**
 * Quick mode: notebooks shorten long work (fewer training steps, shorter songs) when it is on, so
 * that tests and `demix notebook run --quick` finish in seconds. Browser-safe.
 */

/** True when DEMIX_QUICK=1 in Node, or the page's URL has `?quick`. */
export function quickMode(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  if (env?.DEMIX_QUICK === "1") return true;
  const search = (globalThis as { location?: { search?: string } }).location?.search;
  return typeof search === "string" && new URLSearchParams(search).has("quick");
}
