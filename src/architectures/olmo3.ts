import { basePrefix, decoderBackbone, decoderHead, gatedMlp, inventoryOf } from "./decoder.js";
import { range } from "./inventory.js";
import { defaultedSlidingWindow } from "./llama.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * OLMo 3 (modeling_olmo3.py, configuration_olmo3.py): OLMo-2's module layout — q/k/v/o with
 * `attention_bias` (default false), RMSNorms `q_norm` [heads·head_dim] and `k_norm`
 * [kv_heads·head_dim] over the full projection width, norms after attention and MLP
 * (`post_attention_layernorm`, `post_feedforward_layernorm`), a SwiGLU MLP — with sliding-window
 * layers (`layer_types`, default: every fourth layer full, the others sliding over
 * `sliding_window`, default 4096). The window changes masks only, not parameters. Olmo3ForCausalLM
 * and Olmo3Model are the only classes; the LM head is untied by default.
 */
export const olmo3Specs: ModelTypeSpec[] = [
  {
    modelType: "olmo3",
    family: "olmo3",
    classPrefixes: ["Olmo3"],
    kind: "decoder",
    modelingFile: "models/olmo3/modeling_olmo3.py",
    heads: ["causal-lm", "base"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 50304, hiddenSize: 4096, intermediateSize: 11008, numLayers: 32, numHeads: 32, numKvHeads: (m) => m.numHeads ?? null, maxPositions: 2048 },
    tieWordEmbeddingsDefault: false,
    slidingWindow: defaultedSlidingWindow(4096),
    inventory: (d) => {
      const prefix = basePrefix(d.model.head);
      const bias = d.model.text.bool("attention_bias", false).value;
      const head = decoderHead(d, `${prefix}embed_tokens.weight`);
      const backbone = decoderBackbone(d, { attention: { qkvBias: bias, oBias: bias, qkNorm: "full" }, layerNorms: ["post_attention_layernorm", "post_feedforward_layernorm"] }, prefix);
      const mlp = gatedMlp(`${prefix}layers.{i}.mlp`, d.hiddenSize, d.intermediateSize, false, range(d.numLayers));
      return inventoryOf({ tensors: [...backbone, ...mlp, ...head.tensors], tied: head.tied }, d);
    },
  },
];
