import { linear, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { t5Inventory } from "./t5.js";

/**
 * Switch Transformers (modeling_switch_transformers.py: SwitchTransformersForConditionalGeneration,
 * SwitchTransformersModel, SwitchTransformersEncoderModel; configuration_switch_transformers.py).
 * T5's blocks (bias-free q/k/v/o, relative_attention_bias in block 0 of each stack, weight-only
 * norms, one `shared` embedding that both stacks' embed_tokens and, by default, the LM head share)
 * with the feed-forward under `layer.N.mlp`: a plain wi/wo DenseActDense (never gated), or in the
 * sparse blocks a SwitchTransformersSparseMLP: `mlp.router.classifier` [num_experts, d] (bias when
 * router_bias) and `mlp.experts.expert_{e}.wi/wo`. Top-1 routing: one expert per token.
 *
 * Sparse blocks: SwitchTransformersConfig sets encoder_sparse_step = num_layers //
 * num_sparse_encoder_layers (num_layers when that is 0), the decoder's likewise from
 * num_decoder_layers; SwitchTransformersStack makes block i sparse when step > 0 and
 * (i % step == 1 or step == 1). expert_capacity changes no parameter.
 */

function sparseStep(layers: number, sparseLayers: number): number {
  return sparseLayers > 0 ? Math.floor(layers / sparseLayers) : layers;
}

function isSparse(i: number, step: number): boolean {
  return step > 0 && (i % step === 1 || step === 1);
}

function switchInventory(d: RequiredDims) {
  const t = d.model.text;
  const h = d.hiddenSize;
  const ff = d.intermediateSize;
  const experts = d.model.numExperts.value ?? 8;
  const routerBias = t.bool("router_bias", false).value;
  const encoderLayers = d.numLayers;
  const decoderLayers = t.int("num_decoder_layers", 12, "count").value ?? 12;
  const steps = {
    encoder: sparseStep(encoderLayers, t.int("num_sparse_encoder_layers", 3, "count", true).value ?? 3),
    decoder: sparseStep(decoderLayers, t.int("num_sparse_decoder_layers", 3, "count", true).value ?? 3),
  };
  return t5Inventory(
    d,
    {
      feedForward: (_d, stack, path, layers): TensorTemplate[] => {
        const step = steps[stack];
        const sparse = layers.filter((i) => isSparse(i, step));
        const dense = layers.filter((i) => !isSparse(i, step));
        const out: TensorTemplate[] = [];
        if (dense.length > 0) out.push(...linear(`${path}.mlp.wi`, ff, h, false, "mlp", dense), ...linear(`${path}.mlp.wo`, h, ff, false, "mlp", dense));
        if (sparse.length > 0) {
          out.push(...linear(`${path}.mlp.router.classifier`, experts, h, routerBias, "router", sparse));
          out.push({ name: `${path}.mlp.experts.expert_{e}.wi.weight`, shape: [ff, h], role: "mlp", layers: sparse, experts });
          out.push({ name: `${path}.mlp.experts.expert_{e}.wo.weight`, shape: [h, ff], role: "mlp", layers: sparse, experts });
        }
        return out;
      },
    },
    12,
    { expertsPerToken: 1 },
  );
}

export const switchTransformersSpecs: ModelTypeSpec[] = [
  {
    modelType: "switch_transformers",
    family: "switch-transformers",
    kind: "encoder-decoder",
    modelingFile: "models/switch_transformers/modeling_switch_transformers.py",
    classPrefixes: ["SwitchTransformers", "SwitchTransformersEncoder"],
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    // SwitchTransformersConfig defaults (switch-base-8's shape but for d_ff and the sparse layers).
    defaults: { vocabSize: 32128, hiddenSize: 768, headDim: 64, intermediateSize: 2048, numLayers: 12, numHeads: 12, numKvHeads: (m) => m.numHeads ?? null, maxPositions: null, numExperts: 8, expertsPerToken: 1 },
    tieWordEmbeddingsDefault: true,
    aliases: { headDim: ["d_kv"] },
    inventory: switchInventory,
  },
];
