import { basePrefix, decoderHead, inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { mamba2Mixer, plainAttention, readMamba2Dims } from "./bamba.js";

/**
 * Granite 4.0 hybrids (modeling_granitemoehybrid.py, configuration_granitemoehybrid.py): layer i is
 * a Mamba-2 mixer `mamba` (BambaMixer's tensors, see bamba.ts) when `layer_types[i]` is "mamba",
 * else Granite attention `self_attn` (q/k/v/o, bias with `attention_bias`, head_dim = hidden / heads);
 * no `layer_types` means every layer is Mamba. Every layer has `input_layernorm`,
 * `post_attention_layernorm` and a shared MLP `shared_mlp` (input_linear [2·shared_intermediate,
 * hidden], output_linear [hidden, shared_intermediate], no biases), plus, when num_local_experts > 0,
 * GraniteMoe's fused experts `block_sparse_moe.input_linear` [experts, 2·intermediate, hidden],
 * `output_linear` [experts, hidden, intermediate] and router `block_sparse_moe.router.layer`
 * [experts, hidden]. The model ends in `norm`; the multipliers are plain floats, the rotary
 * embedding (position_embedding_type "rope") a buffer. GraniteMoeHybridForCausalLM ties lm_head to
 * embed_tokens with tie_word_embeddings (default false; true in the Granite 4.0 checkpoints).
 * granite-4.0-micro is the dense, all-attention case of the same class.
 */

function graniteMoeHybridInventory(d: RequiredDims): Inventory {
  const c = d.model.text;
  const prefix = basePrefix(d.model.head);
  const p = `${prefix}layers.{i}`;
  const h = d.hiddenSize;
  const all = range(d.numLayers);
  const types = c.value("layer_types");
  const typeOf = (i: number) => (Array.isArray(types) && types.length > 0 ? types[i] : "mamba");
  const mamba = all.filter((i) => typeOf(i) === "mamba");
  const attention = all.filter((i) => typeOf(i) !== "mamba");
  const experts = d.model.numExperts.value ?? 0;
  const shared = c.int("shared_intermediate_size", 1024).value ?? 1024;
  const bias = c.bool("attention_bias", false).value;
  const tensors: TensorTemplate[] = [
    { name: `${prefix}embed_tokens.weight`, shape: [d.vocabSize, h], role: "embedding" },
    ...norm(`${p}.input_layernorm`, h, false, all),
    ...norm(`${p}.post_attention_layernorm`, h, false, all),
  ];
  if (mamba.length) tensors.push(...mamba2Mixer(`${p}.mamba`, h, readMamba2Dims(c, h), mamba));
  if (attention.length) tensors.push(...plainAttention(`${p}.self_attn`, d, attention, bias));
  if (experts > 0) {
    const moe = `${p}.block_sparse_moe`;
    tensors.push(
      { name: `${moe}.input_linear.weight`, shape: [2 * d.intermediateSize, h], role: "mlp", layers: all, experts, fusedExperts: true },
      { name: `${moe}.output_linear.weight`, shape: [h, d.intermediateSize], role: "mlp", layers: all, experts, fusedExperts: true },
      ...linear(`${moe}.router.layer`, experts, h, false, "router", all),
    );
  }
  tensors.push(...linear(`${p}.shared_mlp.input_linear`, 2 * shared, h, false, "mlp", all), ...linear(`${p}.shared_mlp.output_linear`, h, shared, false, "mlp", all));
  tensors.push(...norm(`${prefix}norm`, h, false));
  const head = decoderHead(d, `${prefix}embed_tokens.weight`);
  return inventoryOf({ tensors: [...tensors, ...head.tensors], tied: head.tied, expertsPerToken: experts > 0 ? d.model.expertsPerToken.value : null }, d);
}

export const graniteMoeHybridSpecs: ModelTypeSpec[] = [
  {
    modelType: "granitemoehybrid",
    family: "granitemoehybrid",
    kind: "hybrid",
    modelingFile: "models/granitemoehybrid/modeling_granitemoehybrid.py",
    classPrefixes: ["GraniteMoeHybrid"],
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    // configuration_granitemoehybrid.py: num_key_value_heads None means as many as the heads.
    defaults: {
      vocabSize: 32000,
      hiddenSize: 4096,
      intermediateSize: 11008,
      numLayers: 32,
      numHeads: 32,
      numKvHeads: (m) => m.numHeads ?? null,
      maxPositions: 2048,
      numExperts: 8,
      expertsPerToken: 2,
    },
    // granite-4.0-micro and the other dense checkpoints publish num_local_experts 0 and num_experts_per_tok 0.
    allowZero: ["numExperts", "expertsPerToken"],
    tieWordEmbeddingsDefault: false,
    inventory: graniteMoeHybridInventory,
  },
];
