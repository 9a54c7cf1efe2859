import { range, type Inventory } from "./inventory.js";
import type { RequiredDims } from "./model-type-spec.js";

/**
 * The labelled estimate for configs whose class modelcheck does not model: a Llama-like decoder
 * when the config names a gated activation and an intermediate size, otherwise the classic
 * 12·L·d² (4d² attention + 8d² MLP per layer) plus the embeddings, untied unless the config ties them.
 */
export function estimateInventory(d: RequiredDims): Inventory {
  const h = d.hiddenSize;
  const layers = range(d.numLayers);
  const q = d.numHeads * d.headDim;
  const kv = d.numKvHeads * d.headDim;
  const ff = d.intermediateSize;
  const act = String(d.model.text.value("hidden_act") ?? d.model.text.value("activation_function") ?? "");
  const gated = /silu|swiglu|geglu|swish/i.test(act);
  const mlpShapes = gated ? [[ff, h], [ff, h], [h, ff]] : [[ff, h], [h, ff]];
  return {
    tensors: [
      { name: "embed_tokens.weight", shape: [d.vocabSize, h], role: "embedding" },
      { name: "layers.{i}.attention.q.weight", shape: [q, h], role: "attention", layers },
      { name: "layers.{i}.attention.kv.weight", shape: [2 * kv, h], role: "attention", layers },
      { name: "layers.{i}.attention.o.weight", shape: [h, q], role: "attention", layers },
      ...mlpShapes.map((shape, k) => ({ name: `layers.{i}.mlp.${k}.weight`, shape, role: "mlp" as const, layers })),
      { name: "layers.{i}.norms.weight", shape: [2 * h], role: "norm", layers },
      { name: "norm.weight", shape: [h], role: "norm" },
      ...(d.tied ? [] : [{ name: "lm_head.weight", shape: [d.vocabSize, h], role: "lmHead" as const }]),
    ],
    tied: d.tied ? [{ name: "lm_head.weight", tiedTo: "embed_tokens.weight" }] : [],
    expertsPerToken: null,
    estimated: true,
    notes: [`estimated as a ${gated ? "gated-MLP " : ""}decoder from the common config keys`],
  };
}
