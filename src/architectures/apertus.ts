import { basePrefix, decoderBackbone, decoderHead, inventoryOf } from "./decoder.js";
import { range, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";
import { plainMlp } from "./nemotron.js";

/**
 * Apertus (modeling_apertus.py): Llama's attention (biased with `attention_bias`) plus per-head
 * q/k RMSNorms over head_dim; the layer's RMSNorms are named `attention_layernorm` and
 * `feedforward_layernorm`; a non-gated MLP `up_proj`/`down_proj` without bias. With
 * `hidden_act: "xielu"` (the default) the activation is XIELUActivation, whose `alpha_p` and
 * `alpha_n` are parameters of shape [1] in every layer (`beta` and `eps` are buffers, not counted).
 * Defaults from ApertusConfig.
 */
export const apertusSpecs: ModelTypeSpec[] = [
  {
    modelType: "apertus",
    family: "apertus",
    kind: "decoder",
    modelingFile: "models/apertus/modeling_apertus.py",
    classPrefixes: ["Apertus"],
    heads: ["causal-lm", "base"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 131072, hiddenSize: 4096, intermediateSize: 14336, numLayers: 32, numHeads: 32, numKvHeads: (m) => m.numHeads ?? null, maxPositions: 65536 },
    tieWordEmbeddingsDefault: false,
    inventory: (d) => {
      const prefix = basePrefix(d.model.head);
      const layers = range(d.numLayers);
      const attentionBias = d.model.text.bool("attention_bias", false).value;
      const head = decoderHead(d, `${prefix}embed_tokens.weight`);
      const backbone = decoderBackbone(d, { attention: { qkvBias: attentionBias, oBias: attentionBias, qkNorm: "head" }, layerNorms: ["attention_layernorm", "feedforward_layernorm"] }, prefix);
      const mlp = plainMlp(`${prefix}layers.{i}.mlp`, d.hiddenSize, d.intermediateSize, false, layers);
      const xielu: TensorTemplate[] =
        (d.model.text.string("hidden_act").value ?? "xielu") === "xielu"
          ? ["alpha_p", "alpha_n"].map((p): TensorTemplate => ({ name: `${prefix}layers.{i}.mlp.act_fn.${p}`, shape: [1], role: "mlp", layers }))
          : [];
      return inventoryOf({ tensors: [...backbone, ...mlp, ...xielu, ...head.tensors], tied: head.tied }, d);
    },
  },
];
