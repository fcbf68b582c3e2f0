/**
 * CSV as RFC 4180 writes it: comma-separated, CRLF-free ("\n" lines, which every reader accepts), a
 * field quoted only when it holds a comma, a quote or a line break. Numbers are written with a fixed
 * number of decimals so a column lines up and a diff of two exports shows real changes only.
 */

/** One field: quoted (with doubled quotes) only when it needs to be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One line of fields, without its line break. */
export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(",");
}

/**
 * A number with `decimals` fixed decimals. Non-finite values are spelled so that both JavaScript's
 * `Number()` and Python's `float()` read them back: "NaN", "Infinity", "-Infinity".
 */
export function csvNumber(value: number, decimals: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  const text = value.toFixed(decimals);
  // toFixed keeps the sign of a value that rounds to zero ("-0.00"): one zero is enough.
  return Number(text) === 0 ? (0).toFixed(decimals) : text;
}
