import { basePrefix, decoderBackbone, decoderHead, gatedMlp, inventoryOf } from "./decoder.js";
import { range } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * ERNIE 4.5 dense (modeling_ernie4_5.py, the 0.3B model): Llama's layout where every attention and
 * MLP projection carries a bias when `use_bias` (default false), two RMSNorms per layer, LM head
 * tied by default. Only Ernie4_5ForCausalLM and Ernie4_5Model exist. Defaults from Ernie4_5Config.
 */
export const ernie45DenseSpecs: ModelTypeSpec[] = [
  {
    modelType: "ernie4_5",
    family: "ernie4-5-dense",
    kind: "decoder",
    modelingFile: "models/ernie4_5/modeling_ernie4_5.py",
    classPrefixes: ["Ernie4_5"],
    heads: ["causal-lm", "base"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 103424, hiddenSize: 1024, intermediateSize: 3072, numLayers: 18, numHeads: 16, numKvHeads: 2, headDim: 128, maxPositions: 131072 },
    tieWordEmbeddingsDefault: true,
    inventory: (d) => {
      const prefix = basePrefix(d.model.head);
      const bias = d.model.text.bool("use_bias", false).value;
      const head = decoderHead(d, `${prefix}embed_tokens.weight`);
      const backbone = decoderBackbone(d, { attention: { qkvBias: bias, oBias: bias }, layerNorms: ["input_layernorm", "post_attention_layernorm"] }, prefix);
      const mlp = gatedMlp(`${prefix}layers.{i}.mlp`, d.hiddenSize, d.intermediateSize, bias, range(d.numLayers));
      return inventoryOf({ tensors: [...backbone, ...mlp, ...head.tensors], tied: head.tied }, d);
    },
  },
];
