/**
 * Record ids: time-ordered and random. crypto.randomUUID exists only in secure contexts, and the app
 * may be served over plain http on a LAN, so this uses getRandomValues, which exists everywhere.
 */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Date.now().toString(36) + "-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
