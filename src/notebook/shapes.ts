/**
 * What the library's and tfjs's values look like, recognised by shape rather than class: a value
 * made in a worker or by another copy of the library is still an AudioSignal. One set of tests for
 * the console's descriptions (display.ts) and the page's renderers.
 */
import type { AudioSignal } from "../audio/signal";
import type { Spectrogram } from "../dsp/stft";

type TypedArray = Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | Uint8Array | Uint8ClampedArray | Uint16Array | Uint32Array;

export function isTypedArray(value: unknown): value is TypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView) && typeof (value as TypedArray).length === "number" && !(value instanceof BigInt64Array) && !(value instanceof BigUint64Array);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

export function isAudioSignal(v: unknown): v is AudioSignal {
  return isObject(v) && typeof v.sampleRate === "number" && Array.isArray(v.channels) && v.channels.every(isTypedArray);
}

export function isSpectrogram(v: unknown): v is Spectrogram {
  return isObject(v) && typeof v.frames === "number" && typeof v.bins === "number" && isTypedArray(v.re) && isTypedArray(v.im);
}

