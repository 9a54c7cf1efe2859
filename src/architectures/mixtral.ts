import { basePrefix, decoderBackbone, decoderHead, gatedMlp, inventoryOf, type AttentionLayout } from "./decoder.js";
import { linear, range, type Inventory, type TensorTemplate } from "./inventory.js";
import { qwenSlidingWindow } from "./llama.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * Mixture-of-experts decoders with Llama-style attention: modeling_mixtral.py (every layer sparse,
 * experts stored as `block_sparse_moe.experts.N.w1/w2/w3`), modeling_qwen2_moe.py (plus a shared
 * expert with a sigmoid gate) and modeling_qwen3_moe.py (per-head q/k norms). Qwen's layers are
 * sparse unless listed in `mlp_only_layers` or skipped by `decoder_sparse_step`. OLMoE
 * (modeling_olmoe.py) is Mixtral's layout under Qwen's names (`mlp.gate`, `mlp.experts.N.gate_proj`)
 * with OLMo-2's full-width q/k norms (q_norm [hidden], k_norm [kv heads × head_dim]).
 */

const HEADS = ["causal-lm", "base", "sequence-classification"] as const;
const TWO_NORMS = ["input_layernorm", "post_attention_layernorm"];

function requireExperts(d: RequiredDims): { experts: number; perToken: number } {
  const experts = d.model.numExperts.value ?? 0;
  const perToken = d.model.expertsPerToken.value ?? 0;
  return { experts, perToken };
}

function mixtralInventory(d: RequiredDims): Inventory {
  const prefix = basePrefix(d.model.head);
  const layers = range(d.numLayers);
  const { experts, perToken } = requireExperts(d);
  const moe = `${prefix}layers.{i}.block_sparse_moe`;
  const head = decoderHead(d, `${prefix}embed_tokens.weight`);
  const expertTensors: TensorTemplate[] = [
    { name: `${moe}.experts.{e}.w1.weight`, shape: [d.intermediateSize, d.hiddenSize], role: "mlp", layers, experts },
    { name: `${moe}.experts.{e}.w2.weight`, shape: [d.hiddenSize, d.intermediateSize], role: "mlp", layers, experts },
    { name: `${moe}.experts.{e}.w3.weight`, shape: [d.intermediateSize, d.hiddenSize], role: "mlp", layers, experts },
  ];
  return inventoryOf(
    {
      tensors: [
        ...decoderBackbone(d, { attention: { qkvBias: false, oBias: false }, layerNorms: TWO_NORMS }, prefix),
        ...linear(`${moe}.gate`, experts, d.hiddenSize, false, "router", layers),
        ...expertTensors,
        ...head.tensors,
      ],
      tied: head.tied,
      expertsPerToken: perToken,
    },
    d,
  );
}

/** Which layers of a Qwen MoE are sparse (Qwen2MoeDecoderLayer / Qwen3MoeDecoderLayer). */
export function qwenSparseLayers(d: RequiredDims): { sparse: number[]; dense: number[] } {
  const step = d.model.text.int("decoder_sparse_step", 1, "count").value ?? 1;
  const mlpOnly = new Set(d.model.text.intList("mlp_only_layers").value);
  const experts = d.model.numExperts.value ?? 0;
  const sparse: number[] = [];
  const dense: number[] = [];
  for (const i of range(d.numLayers)) {
    if (!mlpOnly.has(i) && experts > 0 && (i + 1) % step === 0) sparse.push(i);
    else dense.push(i);
  }
  return { sparse, dense };
}

function qwenMoeInventory(withSharedExpert: boolean, attention: (d: RequiredDims) => AttentionLayout) {
  return (d: RequiredDims): Inventory => {
    const prefix = basePrefix(d.model.head);
    const { experts, perToken } = requireExperts(d);
    const { sparse, dense } = qwenSparseLayers(d);
    const moeFf = d.model.text.int("moe_intermediate_size", withSharedExpert ? 1408 : 768).value ?? d.intermediateSize;
    const mlp = `${prefix}layers.{i}.mlp`;
    const tensors: TensorTemplate[] = [...decoderBackbone(d, { attention: attention(d), layerNorms: TWO_NORMS }, prefix)];
    if (dense.length) tensors.push(...gatedMlp(mlp, d.hiddenSize, d.intermediateSize, false, dense));
    if (sparse.length) {
      tensors.push(...linear(`${mlp}.gate`, experts, d.hiddenSize, false, "router", sparse));
      for (const t of gatedMlp(`${mlp}.experts.{e}`, d.hiddenSize, moeFf, false, sparse)) tensors.push({ ...t, experts });
      if (withSharedExpert) {
        const sharedFf = d.model.text.int("shared_expert_intermediate_size", 5632).value ?? 0;
        if (sharedFf > 0) {
          tensors.push(...gatedMlp(`${mlp}.shared_expert`, d.hiddenSize, sharedFf, false, sparse));
          tensors.push(...linear(`${mlp}.shared_expert_gate`, 1, d.hiddenSize, false, "router", sparse));
        }
      }
    }
    const head = decoderHead(d, `${prefix}embed_tokens.weight`);
    tensors.push(...head.tensors);
    return inventoryOf({ tensors, tied: head.tied, expertsPerToken: perToken }, d);
  };
}

function olmoeInventory(d: RequiredDims): Inventory {
  const prefix = basePrefix(d.model.head);
  const layers = range(d.numLayers);
  const { experts, perToken } = requireExperts(d);
  const bias = d.model.text.bool("attention_bias", false).value;
  const mlp = `${prefix}layers.{i}.mlp`;
  const head = decoderHead(d, `${prefix}embed_tokens.weight`);
  const tensors: TensorTemplate[] = [
    ...decoderBackbone(d, { attention: { qkvBias: bias, oBias: bias, qkNorm: "full" }, layerNorms: TWO_NORMS }, prefix),
    ...linear(`${mlp}.gate`, experts, d.hiddenSize, false, "router", layers),
    ...gatedMlp(`${mlp}.experts.{e}`, d.hiddenSize, d.intermediateSize, false, layers).map((t) => ({ ...t, experts })),
    ...head.tensors,
  ];
  return inventoryOf({ tensors, tied: head.tied, expertsPerToken: perToken }, d);
}

export const mixtralSpecs: ModelTypeSpec[] = [
  {
    modelType: "mixtral",
    family: "mixtral",
    modelingFile: "models/mixtral/modeling_mixtral.py",
    classPrefixes: ["Mixtral"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 32000, hiddenSize: 4096, intermediateSize: 14336, numLayers: 32, numHeads: 32, numKvHeads: 8, maxPositions: 4096 * 32, numExperts: 8, expertsPerToken: 2 },
    tieWordEmbeddingsDefault: false,
    inventory: mixtralInventory,
  },
  {
    modelType: "olmoe",
    family: "mixtral",
    modelingFile: "models/olmoe/modeling_olmoe.py",
    classPrefixes: ["Olmoe"],
    heads: ["causal-lm", "base"],
    defaultHead: "causal-lm",
    // configuration_olmoe.py: num_key_value_heads None means as many as the heads.
    defaults: { vocabSize: 50304, hiddenSize: 2048, intermediateSize: 2048, numLayers: 16, numHeads: 16, numKvHeads: (m) => m.numHeads ?? null, maxPositions: 4096, numExperts: 64, expertsPerToken: 8 },
    tieWordEmbeddingsDefault: false,
    inventory: olmoeInventory,
  },
  {
    modelType: "qwen2_moe",
    family: "mixtral",
    modelingFile: "models/qwen2_moe/modeling_qwen2_moe.py",
    classPrefixes: ["Qwen2Moe"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 151936, hiddenSize: 2048, intermediateSize: 5632, numLayers: 24, numHeads: 16, numKvHeads: 16, maxPositions: 32768, numExperts: 60, expertsPerToken: 4 },
    tieWordEmbeddingsDefault: false,
    slidingWindow: qwenSlidingWindow,
    // Qwen2MoeAttention: q/k/v always carry a bias, o_proj never.
    inventory: qwenMoeInventory(true, () => ({ qkvBias: true, oBias: false })),
  },
  {
    modelType: "qwen3_moe",
    family: "mixtral",
    modelingFile: "models/qwen3_moe/modeling_qwen3_moe.py",
    classPrefixes: ["Qwen3Moe"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 151936, hiddenSize: 2048, intermediateSize: 6144, numLayers: 24, numHeads: 32, numKvHeads: 4, maxPositions: 32768, numExperts: 128, expertsPerToken: 8 },
    tieWordEmbeddingsDefault: false,
    slidingWindow: qwenSlidingWindow,
    inventory: qwenMoeInventory(false, (d) => {
      const bias = d.model.text.bool("attention_bias", false).value;
      return { qkvBias: bias, oBias: bias, qkNorm: "head" };
    }),
  },
];
