import * as tf from "@tensorflow/tfjs";

/**
 * A sub-model of `model` sharing its layers and weights, whose outputs are the outputs of the named
 * layers (default: every layer but the input, whose output is the input itself). Concatenations are
 * included: they show exactly what each decoder layer is given. Outputs are in the model's layer
 * order; `probe.outputNames` lists them. Build a probe once and reuse it, since building one links
 * a new graph; it sees the model's later training, as the weights are shared. Never dispose a
 * probe: it owns nothing, and disposing it releases the shared layers' weights, the model's too.
 */
export function createProbe(model: tf.LayersModel, layers?: string[]): tf.LayersModel {
  const names = layers ?? model.layers.filter((l) => l.getClassName() !== "InputLayer").map((l) => l.name);
  if (names.length === 0) throw new Error("createProbe: no layers to probe");
  const outputs = names.map((name) => {
    const layer = model.layers.find((l) => l.name === name);
    if (!layer) throw new Error(`createProbe: the model "${model.name}" has no layer "${name}" (it has ${model.layers.map((l) => l.name).join(", ")})`);
    if (layer.inboundNodes.length !== 1) throw new Error(`createProbe: layer "${name}" is used ${layer.inboundNodes.length} times in the model, so its output is ambiguous`);
    return layer.output as tf.SymbolicTensor;
  });
  const probe = tf.model({ inputs: model.inputs, outputs, name: `${model.name}_probe` });
  probes.add(probe);
  return probe;
}

const probes = new WeakSet<tf.LayersModel>();

/**
 * Runs `input` through the model in inference mode (no dropout, batch norm's moving statistics) and
 * returns each probed layer's output by layer name, in layer order. The caller disposes the tensors.
 * Pass a probe from `createProbe` to avoid building one per call.
 */
export function probeActivations(modelOrProbe: tf.LayersModel, input: tf.Tensor, layers?: string[]): Map<string, tf.Tensor> {
  const probe = probes.has(modelOrProbe) && !layers ? modelOrProbe : createProbe(modelOrProbe, layers);
  const expected = probe.inputs[0].shape;
  if (input.rank !== expected.length || expected.some((d, i) => d !== null && d !== input.shape[i])) {
    throw new Error(`probeActivations: input must be [${expected.map((d) => d ?? "batch")}], got [${input.shape}]`);
  }
  const out = probe.predict(input);
  const tensors = Array.isArray(out) ? out : [out];
  return new Map(probe.outputNames.map((name, i) => [name, tensors[i]]));
}
