import { basePrefix, decoderBackbone, decoderHead, inventoryOf } from "./decoder.js";
import { range } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";
import { plainMlp } from "./nemotron.js";

/**
 * Arcee AFM (modeling_arcee.py): Llama's layout (attention biased with `attention_bias`, two
 * RMSNorms per layer) with Nemotron's non-gated MLP (`up_proj`, `down_proj`, ReLU², biased with
 * `mlp_bias`). Defaults from ArceeConfig (a LlamaConfig with AFM-4.5B's sizes).
 */
export const arceeSpecs: ModelTypeSpec[] = [
  {
    modelType: "arcee",
    family: "arcee",
    kind: "decoder",
    modelingFile: "models/arcee/modeling_arcee.py",
    classPrefixes: ["Arcee"],
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 32000, hiddenSize: 2560, intermediateSize: 18432, numLayers: 32, numHeads: 32, numKvHeads: (m) => m.numHeads ?? null, maxPositions: 4096 },
    tieWordEmbeddingsDefault: false,
    inventory: (d) => {
      const prefix = basePrefix(d.model.head);
      const attentionBias = d.model.text.bool("attention_bias", false).value;
      const head = decoderHead(d, `${prefix}embed_tokens.weight`);
      const backbone = decoderBackbone(d, { attention: { qkvBias: attentionBias, oBias: attentionBias }, layerNorms: ["input_layernorm", "post_attention_layernorm"] }, prefix);
      const mlp = plainMlp(`${prefix}layers.{i}.mlp`, d.hiddenSize, d.intermediateSize, d.model.text.bool("mlp_bias", false).value, range(d.numLayers));
      return inventoryOf({ tensors: [...backbone, ...mlp, ...head.tensors], tied: head.tied }, d);
    },
  },
];
