export { oracleMasks, isOracleMaskKind, ORACLE_MASK_KINDS, type OracleMaskKind } from "./masks";
export { oracleSeparate, type OracleOptions } from "./oracle";
export { separate, type SeparationModels, type SeparateOptions, type Separation } from "./separate";
export { predictMasks, defaultStep, type Progress } from "./model-masks";
export { separateLong, separateToWav, wavBlobSource, signalSource, blobStemStorage, type ChunkSource, type ClosableChunkSource, type SeparatedChunk, type LongSeparateOptions, type StemStorage, type StemWriter } from "./long";
export { canWriteOpfs, opfsStemStorage, browserStemStorage } from "./opfs-stems";
export { canStreamDecode, mediaBlobSource } from "./media-source";
export { forwardSource, type ForwardDecoder, type DecodedPiece } from "./forward-source";
