export { oracleMasks, isOracleMaskKind, ORACLE_MASK_KINDS, type OracleMaskKind } from "./masks";
export { oracleSeparate, type OracleOptions } from "./oracle";
