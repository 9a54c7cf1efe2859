import { basePrefix, decoderBackbone, decoderHead, gatedMlp, inventoryOf } from "./decoder.js";
import { range } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * EXAONE 4.0 (modeling_exaone4.py): Llama's names with OLMo-2's layer (no input norm; RMSNorms
 * `post_attention_layernorm` and `post_feedforward_layernorm` on the attention and MLP outputs),
 * per-head q/k RMSNorms over head_dim, no biases anywhere, gated SiLU MLP. Hybrid sliding/global
 * attention and NoPE on global layers add no parameters. Defaults from Exaone4Config
 * (head_dim from the config, else hidden / heads).
 */
export const exaoneSpecs: ModelTypeSpec[] = [
  {
    modelType: "exaone4",
    family: "exaone",
    kind: "decoder",
    modelingFile: "models/exaone4/modeling_exaone4.py",
    classPrefixes: ["Exaone4"],
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 102400, hiddenSize: 4096, intermediateSize: 16384, numLayers: 32, numHeads: 32, numKvHeads: 32, maxPositions: 2048 },
    tieWordEmbeddingsDefault: false,
    inventory: (d) => {
      const prefix = basePrefix(d.model.head);
      const head = decoderHead(d, `${prefix}embed_tokens.weight`);
      const backbone = decoderBackbone(d, { attention: { qkvBias: false, oBias: false, qkNorm: "head" }, layerNorms: ["post_attention_layernorm", "post_feedforward_layernorm"] }, prefix);
      const mlp = gatedMlp(`${prefix}layers.{i}.mlp`, d.hiddenSize, d.intermediateSize, false, range(d.numLayers));
      return inventoryOf({ tensors: [...backbone, ...mlp, ...head.tensors], tied: head.tied }, d);
    },
  },
];
