import { basePrefix, decoderHead, inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * JetMoE (modeling_jetmoe.py, configuration_jetmoe.py; jetmoe/jetmoe-8b): mixture of experts in the
 * attention (MoA) and in the MLP, both with fused per-layer experts (JetMoeParallelExperts, weight
 * [experts, out, in]) and a top-k router `router.layer` [experts, hidden] (no bias):
 *
 * - `self_attention.experts` (JetMoeMoA): `input_linear` [experts, kv_heads·kv_channels, hidden]
 *   (the query projection of each attention expert), `output_linear` [experts, hidden,
 *   kv_heads·kv_channels], `router.layer`, and a bias [hidden] added after the merge;
 *   `self_attention.kv_proj` [2·kv_heads·kv_channels, hidden] is shared by all experts (no bias).
 * - `mlp` (JetMoeMoE): `input_linear` [experts, 2·intermediate, hidden], `output_linear`
 *   [experts, hidden, intermediate], `router.layer`, and a bias [hidden].
 * - RMSNorms `input_layernorm`, `post_attention_layernorm` and the final `norm`.
 * - The first jetmoe-8b uploads named the class JetMoEForCausalLM (remote code, same modules): both prefixes are known.
 * - JetMoeConfig derives num_attention_heads = num_key_value_heads × num_experts_per_tok and maps
 *   head_dim to kv_channels; tie_word_embeddings defaults to true.
 */

function jetmoeInventory(d: RequiredDims): Inventory {
  const prefix = basePrefix(d.model.head);
  const layers = range(d.numLayers);
  const experts = d.model.numExperts.value ?? 0;
  const h = d.hiddenSize;
  const kv = d.numKvHeads * d.headDim;
  const p = `${prefix}layers.{i}`;
  const fused = (name: string, shape: number[]): TensorTemplate => ({ name, shape, role: name.includes("self_attention") ? "attention" : "mlp", layers, experts, fusedExperts: true });
  const tensors: TensorTemplate[] = [
    { name: `${prefix}embed_tokens.weight`, shape: [d.vocabSize, h], role: "embedding" },
    ...norm(`${p}.input_layernorm`, h, false, layers),
    fused(`${p}.self_attention.experts.input_linear.weight`, [kv, h]),
    fused(`${p}.self_attention.experts.output_linear.weight`, [h, kv]),
    ...linear(`${p}.self_attention.experts.router.layer`, experts, h, false, "router", layers),
    { name: `${p}.self_attention.experts.bias`, shape: [h], role: "attention", layers },
    ...linear(`${p}.self_attention.kv_proj`, 2 * kv, h, false, "attention", layers),
    ...norm(`${p}.post_attention_layernorm`, h, false, layers),
    fused(`${p}.mlp.input_linear.weight`, [2 * d.intermediateSize, h]),
    fused(`${p}.mlp.output_linear.weight`, [h, d.intermediateSize]),
    ...linear(`${p}.mlp.router.layer`, experts, h, false, "router", layers),
    { name: `${p}.mlp.bias`, shape: [h], role: "mlp", layers },
    ...norm(`${prefix}norm`, h, false),
  ];
  const head = decoderHead(d, `${prefix}embed_tokens.weight`);
  tensors.push(...head.tensors);
  return inventoryOf({ tensors, tied: head.tied, expertsPerToken: d.model.expertsPerToken.value }, d);
}

export const jetmoeSpecs: ModelTypeSpec[] = [
  {
    modelType: "jetmoe",
    family: "jetmoe",
    kind: "decoder",
    modelingFile: "models/jetmoe/modeling_jetmoe.py",
    classPrefixes: ["JetMoe", "JetMoE"],
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    // configuration_jetmoe.py: the query heads are derived, kv_num_heads × top-k.
    defaults: {
      vocabSize: 32000,
      hiddenSize: 2048,
      numLayers: 12,
      numHeads: (_m, c) => {
        const kv = c.int("num_key_value_heads", 16, "count").value ?? 16;
        const k = c.int("num_experts_per_tok", 2, "count").value ?? 2;
        return kv * k;
      },
      numKvHeads: 16,
      headDim: 128,
      intermediateSize: 5632,
      maxPositions: 4096,
      numExperts: 8,
      expertsPerToken: 2,
    },
    aliases: { headDim: ["kv_channels"] },
    tieWordEmbeddingsDefault: true,
    inventory: jetmoeInventory,
  },
];
