import { assertSignal, frameCount, type AudioSignal } from "./signal";
import {
  FORMAT_EXTENSIBLE,
  FORMAT_IEEE_FLOAT,
  FORMAT_PCM,
  SUBFORMAT_GUID_TAIL,
  WAV_SAMPLE_FORMATS,
  defaultChannelMask,
  type WavSampleFormat,
} from "./wav-format";

const SPECS: Record<WavSampleFormat, { code: number; bits: number }> = {
  pcm8: { code: FORMAT_PCM, bits: 8 },
  pcm16: { code: FORMAT_PCM, bits: 16 },
  pcm24: { code: FORMAT_PCM, bits: 24 },
  pcm32: { code: FORMAT_PCM, bits: 32 },
  float32: { code: FORMAT_IEEE_FLOAT, bits: 32 },
  float64: { code: FORMAT_IEEE_FLOAT, bits: 64 },
};

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Encodes a signal as a WAV file.
 *
 * Integer formats scale by 2^(bits-1), round to nearest and clip to the representable range (1.0 →
 * 32767 in pcm16); no dither (TPDF or other) is applied, so quantising is deterministic and values
 * that came from a file of the same format are written back bit-exactly. pcm8 is unsigned with 128
 * as zero, as the format requires. Float formats store the values unchanged (no clipping).
 *
 * Following Microsoft's WAVE_FORMAT_EXTENSIBLE rules, a plain PCM/float fmt chunk is written only for
 * up to 2 channels and up to 16 bits; wider samples or more channels get EXTENSIBLE with the default
 * speaker mask for the channel count (5.1 for 6 channels; none beyond 8). Float files carry the
 * `fact` chunk the spec requires for non-PCM data.
 */
export function encodeWav(signal: AudioSignal, format: WavSampleFormat = "pcm16"): Uint8Array {
  assertSignal(signal, "encodeWav");
  const spec = SPECS[format];
  if (!spec) throw new Error(`encodeWav: unknown sample format "${format}"; use one of ${WAV_SAMPLE_FORMATS.join(", ")}`);
  if (!Number.isInteger(signal.sampleRate) || signal.sampleRate > 0xffffffff) {
    throw new Error(`encodeWav: WAV needs a whole-number sample rate, got ${signal.sampleRate}`);
  }
  const nch = signal.channels.length;
  if (nch > 0xffff) throw new Error(`encodeWav: WAV holds at most 65535 channels, got ${nch}`);
  const frames = frameCount(signal);
  const bytesPerSample = spec.bits / 8;
  const blockAlign = bytesPerSample * nch;
  const dataBytes = frames * blockAlign;

  const extensible = nch > 2 || spec.bits > 16;
  const fmtSize = extensible ? 40 : spec.code === FORMAT_PCM ? 16 : 18;
  const factSize = spec.code === FORMAT_IEEE_FLOAT ? 12 : 0;
  const headerBytes = 12 + 8 + fmtSize + factSize + 8;
  const riffSize = headerBytes - 8 + dataBytes + (dataBytes & 1);
  if (riffSize > 0xffffffff) {
    throw new Error(`encodeWav: ${dataBytes} bytes of samples exceed the 4 GiB limit of a WAV file; write shorter pieces or a smaller sample format`);
  }

  const out = new Uint8Array(riffSize + 8);
  const view = new DataView(out.buffer);
  const text = (offset: number, s: string) => {
    for (let i = 0; i < s.length; i++) out[offset + i] = s.charCodeAt(i);
  };
  text(0, "RIFF");
  view.setUint32(4, riffSize, true);
  text(8, "WAVE");
  text(12, "fmt ");
  view.setUint32(16, fmtSize, true);
  view.setUint16(20, extensible ? FORMAT_EXTENSIBLE : spec.code, true);
  view.setUint16(22, nch, true);
  view.setUint32(24, signal.sampleRate, true);
  view.setUint32(28, signal.sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, spec.bits, true);
  if (fmtSize >= 18) view.setUint16(36, fmtSize - 18, true);
  if (extensible) {
    view.setUint16(38, spec.bits, true);
    view.setUint32(40, defaultChannelMask(nch), true);
    view.setUint16(44, spec.code, true);
    out.set(SUBFORMAT_GUID_TAIL, 46);
  }
  let pos = 20 + fmtSize;
  if (factSize) {
    text(pos, "fact");
    view.setUint32(pos + 4, 4, true);
    view.setUint32(pos + 8, Math.min(frames, 0xffffffff), true);
    pos += factSize;
  }
  text(pos, "data");
  view.setUint32(pos + 4, dataBytes, true);
  writeSamples(out, view, pos + 8, signal.channels, format);
  return out;
}

/**
 * Interleaves and quantises into out[start …]. Integers: round to nearest, clip to range, NaN → 0.
 * Samples are written through a typed-array view where the host is little-endian and the data is
 * aligned (always, for the headers written above), else through a DataView.
 */
function writeSamples(out: Uint8Array, view: DataView, start: number, channels: Float32Array[], format: WavSampleFormat): void {
  const nch = channels.length;
  const { bits } = SPECS[format];
  const step = bits / 8;
  const frames = channels[0].length;
  const scale = 2 ** (bits - 1);
  const max = scale - 1;
  const aligned = LITTLE_ENDIAN && start % step === 0;
  const target =
    !aligned || format === "pcm8" || format === "pcm24"
      ? undefined
      : format === "pcm16"
        ? new Int16Array(out.buffer, start, frames * nch)
        : format === "pcm32"
          ? new Int32Array(out.buffer, start, frames * nch)
          : format === "float32"
            ? new Float32Array(out.buffer, start, frames * nch)
            : new Float64Array(out.buffer, start, frames * nch);
  const isFloat = format === "float32" || format === "float64";
  for (let c = 0; c < nch; c++) {
    const x = channels[c];
    for (let i = 0, k = c; i < frames; i++, k += nch) {
      let v = x[i];
      if (!isFloat) {
        v = Math.round(v * scale);
        v = v > max ? max : v < -scale ? -scale : v === v ? v : 0;
      }
      if (target) {
        target[k] = v;
        continue;
      }
      const p = start + k * step;
      switch (format) {
        case "pcm8":
          out[p] = v + 128;
          break;
        case "pcm24":
          out[p] = v & 0xff;
          out[p + 1] = (v >> 8) & 0xff;
          out[p + 2] = (v >> 16) & 0xff;
          break;
        case "pcm16":
          view.setInt16(p, v, true);
          break;
        case "pcm32":
          view.setInt32(p, v, true);
          break;
        case "float32":
          view.setFloat32(p, v, true);
          break;
        case "float64":
          view.setFloat64(p, v, true);
          break;
      }
    }
  }
}
