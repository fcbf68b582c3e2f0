/**
 * Every architectural choice of the U-Net is a field here, so a notebook can vary one at a time and
 * a saved model records exactly what it is. `UNET_PAPER` is Jansson et al. (ISMIR 2017).
 */

/** A non-linearity after a (de)convolution and its batch norm. */
export type ActivationSpec = { kind: "leakyRelu"; alpha: number } | { kind: "relu" } | { kind: "elu" } | { kind: "linear" };

/** The mask's output non-linearity: sigmoid keeps the mask in [0, 1] as in the paper. */
export type MaskActivation = "sigmoid" | "relu" | "linear";
export const MASK_ACTIVATIONS: readonly MaskActivation[] = ["sigmoid", "relu", "linear"];

export type KernelInitializer = "glorotUniform" | "glorotNormal" | "heUniform" | "heNormal";
export const KERNEL_INITIALIZERS: readonly KernelInitializer[] = ["glorotUniform", "glorotNormal", "heUniform", "heNormal"];

export interface UNetConfig {
  /** Patch height: frequency bins (the paper drops the top bin of 513, leaving 512). */
  inputBins: number;
  /** Patch width: STFT frames (128 frames at hop 768 and 8192 Hz ≈ 12 s). */
  inputFrames: number;
  /** Filters of each encoder level; its length is the depth. The decoder mirrors it. */
  encoderFilters: number[];
  /**
   * Dropout rate after each decoder layer, first (deepest) to last; length depth − 1, 0 = none.
   * The paper drops 50 % in the first three.
   */
  decoderDropout: number[];
  /** [height (bins), width (frames)]. */
  kernel: [number, number];
  /** [height, width]; the input shrinks by this per encoder level and grows back per decoder level. */
  stride: [number, number];
  encoderActivation: ActivationSpec;
  decoderActivation: ActivationSpec;
  /** Batch norm after every (de)convolution except the mask layer. */
  batchNorm: boolean;
  /** Weight of the old moving statistics per update; 0.99 is the TF/Keras and tfjs default. */
  batchNormMomentum: number;
  /** Added to the variance before dividing; 1e-3 is the TF/Keras and tfjs default. */
  batchNormEpsilon: number;
  /**
   * Biases on the (de)convolutions even when batch norm follows (where its beta makes them
   * redundant). Keras's default, and what the paper's 9,823,313 parameters count.
   */
  convBias: boolean;
  maskActivation: MaskActivation;
  /**
   * 1: one mask (the target's; the other stem is mixture − estimate, or (1 − mask) × mixture, or a
   * second model). 2: a two-mask model, channel 0 vocals, channel 1 accompaniment.
   */
  outputs: 1 | 2;
  kernelInitializer: KernelInitializer;
  /** Seeds every initializer (each layer gets its own seed derived from this and its name). */
  seed: number;
}

/** The paper's rule: 50 % dropout on the first three decoder layers, none on the rest. */
export function paperDropout(depth: number): number[] {
  return Array.from({ length: Math.max(0, depth - 1) }, (_, i) => (i < 3 ? 0.5 : 0));
}

/** Jansson et al. 2017: 6 levels 16…512, 5×5 stride 2, leaky ReLU 0.2 / ReLU, BN, 3 dropouts, sigmoid. */
export const UNET_PAPER: UNetConfig = Object.freeze<UNetConfig>({
  inputBins: 512,
  inputFrames: 128,
  encoderFilters: [16, 32, 64, 128, 256, 512],
  decoderDropout: paperDropout(6),
  kernel: [5, 5],
  stride: [2, 2],
  encoderActivation: { kind: "leakyRelu", alpha: 0.2 },
  decoderActivation: { kind: "relu" },
  batchNorm: true,
  batchNormMomentum: 0.99,
  batchNormEpsilon: 1e-3,
  convBias: true,
  maskActivation: "sigmoid",
  outputs: 1,
  kernelInitializer: "glorotUniform",
  seed: 1,
});

/**
 * The paper's architecture scaled down (64 bins × 32 frames, 3 levels of 4…16 filters) to train in
 * seconds on a CPU, for tests and demos. No dropout: with 4–8 channels a decoder layer has no
 * capacity to spare, and a model meant to fit in seconds should not have its fit blurred.
 */
export const UNET_TINY: UNetConfig = Object.freeze<UNetConfig>({
  ...UNET_PAPER,
  inputBins: 64,
  inputFrames: 32,
  encoderFilters: [4, 8, 16],
  decoderDropout: [0, 0],
});

/**
 * Fills a partial config from the paper preset. When `encoderFilters` changes the depth and no
 * `decoderDropout` is given, the dropout follows the paper's rule for the new depth rather than
 * failing on the paper's five entries.
 */
export function resolveConfig(partial: Partial<UNetConfig> = {}): UNetConfig {
  const config: UNetConfig = { ...UNET_PAPER, ...partial };
  // Copies, so a built model's config never aliases a preset's (or the caller's) arrays.
  const copy = <T>(v: T): T => (Array.isArray(v) ? ([...v] as T) : v);
  config.encoderFilters = copy(config.encoderFilters);
  config.decoderDropout = copy(config.decoderDropout);
  config.kernel = copy(config.kernel);
  config.stride = copy(config.stride);
  if (partial.decoderDropout === undefined && partial.encoderFilters !== undefined) {
    config.decoderDropout = paperDropout(Array.isArray(config.encoderFilters) ? config.encoderFilters.length : 0);
  }
  return config;
}

const isWhole = (n: unknown, min: number): n is number => typeof n === "number" && Number.isInteger(n) && n >= min;

function checkActivation(spec: ActivationSpec, field: string): string[] {
  if (!spec || typeof spec !== "object") return [`${field} must be an activation object such as { kind: "relu" }`];
  switch (spec.kind) {
    case "leakyRelu":
      return Number.isFinite(spec.alpha) && spec.alpha >= 0 ? [] : [`${field}.alpha must be a number ≥ 0, got ${spec.alpha}`];
    case "relu":
    case "elu":
    case "linear":
      return [];
    default:
      return [`${field}.kind must be leakyRelu, relu, elu or linear, got "${(spec as { kind: unknown }).kind}"`];
  }
}

/** Every problem with a config, each said so a person can fix it; empty when it is valid. */
export function configProblems(config: UNetConfig): string[] {
  const problems: string[] = [];
  const { encoderFilters: filters, kernel, stride } = config;
  if (!isWhole(config.inputBins, 1)) problems.push(`inputBins must be a whole number ≥ 1, got ${config.inputBins}`);
  if (!isWhole(config.inputFrames, 1)) problems.push(`inputFrames must be a whole number ≥ 1, got ${config.inputFrames}`);
  if (!Array.isArray(filters) || filters.length < 1) {
    problems.push("encoderFilters must list at least one level");
  } else if (!filters.every((f) => isWhole(f, 1))) {
    problems.push(`encoderFilters must be whole numbers ≥ 1, got [${filters.join(", ")}]`);
  }
  const pairOk = (p: unknown) => Array.isArray(p) && p.length === 2 && p.every((v) => isWhole(v, 1));
  if (!pairOk(kernel)) problems.push(`kernel must be [height, width] of whole numbers ≥ 1, got ${JSON.stringify(kernel)}`);
  if (!pairOk(stride)) problems.push(`stride must be [height, width] of whole numbers ≥ 1, got ${JSON.stringify(stride)}`);
  const depth = Array.isArray(filters) ? filters.length : 0;
  if (depth >= 1 && pairOk(stride)) {
    // 'same' padding halves (for stride 2) with rounding up, and a transposed conv doubles exactly,
    // so only sizes divisible by stride^depth come back to the input's size for the skip concatenations.
    const [sh, sw] = stride;
    const needH = sh ** depth;
    const needW = sw ** depth;
    if (isWhole(config.inputBins, 1) && config.inputBins % needH !== 0) {
      problems.push(`inputBins (${config.inputBins}) must be divisible by stride[0]^depth = ${sh}^${depth} = ${needH}`);
    }
    if (isWhole(config.inputFrames, 1) && config.inputFrames % needW !== 0) {
      problems.push(`inputFrames (${config.inputFrames}) must be divisible by stride[1]^depth = ${sw}^${depth} = ${needW}`);
    }
  }
  const dropout = config.decoderDropout;
  if (!Array.isArray(dropout) || (depth >= 1 && dropout.length !== depth - 1)) {
    problems.push(`decoderDropout must have depth − 1 = ${depth - 1} entries (one per decoder layer before the mask), got ${Array.isArray(dropout) ? dropout.length : dropout}`);
  } else if (!dropout.every((r) => typeof r === "number" && r >= 0 && r < 1)) {
    problems.push(`decoderDropout rates must be in [0, 1), got [${dropout.join(", ")}]`);
  }
  problems.push(...checkActivation(config.encoderActivation, "encoderActivation"));
  problems.push(...checkActivation(config.decoderActivation, "decoderActivation"));
  if (typeof config.batchNorm !== "boolean") problems.push(`batchNorm must be true or false, got ${config.batchNorm}`);
  if (!(config.batchNormMomentum > 0 && config.batchNormMomentum < 1)) problems.push(`batchNormMomentum must be in (0, 1), got ${config.batchNormMomentum}`);
  if (!(config.batchNormEpsilon > 0)) problems.push(`batchNormEpsilon must be > 0, got ${config.batchNormEpsilon}`);
  if (typeof config.convBias !== "boolean") problems.push(`convBias must be true or false, got ${config.convBias}`);
  if (!MASK_ACTIVATIONS.includes(config.maskActivation)) {
    problems.push(`maskActivation must be one of ${MASK_ACTIVATIONS.join(", ")}, got "${config.maskActivation}"`);
  }
  if (config.outputs !== 1 && config.outputs !== 2) problems.push(`outputs must be 1 (one mask) or 2 (vocals and accompaniment), got ${config.outputs}`);
  if (!KERNEL_INITIALIZERS.includes(config.kernelInitializer)) {
    problems.push(`kernelInitializer must be one of ${KERNEL_INITIALIZERS.join(", ")}, got "${config.kernelInitializer}"`);
  }
  if (!Number.isSafeInteger(config.seed)) problems.push(`seed must be a whole number, got ${config.seed}`);
  return problems;
}

/** Throws one error listing every problem, so a person fixes them all at once. */
export function validateConfig(config: UNetConfig): void {
  const problems = configProblems(config);
  if (problems.length) throw new Error(`invalid U-Net config:\n  - ${problems.join("\n  - ")}`);
}
