/**
 * MUSDB18(-HQ) conventions. Browser-safe; reading the folders lives in "./musdb-node".
 */

/** The 14 training tracks of the official musdb `validation` subset; the other 86 train. */
export const MUSDB_VALIDATION_TRACKS: readonly string[] = Object.freeze([
  "Actions - One Minute Smile",
  "Clara Berry And Wooldog - Waltz For My Victims",
  "Johnny Lokke - Promises & Lies",
  "Patrick Talbot - A Reason To Leave",
  "Triviul - Angelsaint",
  "Alexander Ross - Goodbye Bolero",
  "Fergessen - Nos Palpitants",
  "Leaf - Summerghost",
  "Skelpolu - Human Mistakes",
  "Young Griffo - Pennies",
  "ANiMAL - Rockshow",
  "James May - On The Line",
  "Meaxic - Take A Step",
  "Traffic Experiment - Sirens",
]);

/** Track counts of the full dataset, for messages about partial copies. */
export const MUSDB_COUNTS = Object.freeze({ train: 86, valid: 14, test: 50 });

/**
 * Splits the names of MUSDB's train/ folder into the standard train and validation subsets,
 * keeping their order. Names are compared exactly, as musdb does.
 */
export function splitMusdbTrainNames(names: readonly string[]): { train: string[]; valid: string[] } {
  const valid = new Set(MUSDB_VALIDATION_TRACKS);
  return { train: names.filter((n) => !valid.has(n)), valid: names.filter((n) => valid.has(n)) };
}
