import { basePrefix, decoderHead, gatedMlp, inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import { qwenSparseLayers } from "./mixtral.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * Qwen3-Next (modeling_qwen3_next.py, configuration_qwen3_next.py): layer i is gated full attention
 * `self_attn` when `layer_types[i]` is "full_attention", else a Gated DeltaNet `linear_attn`; without
 * `layer_types`, layer i is full attention when (i + 1) % full_attention_interval == 0 (default 4).
 *
 * - Gated attention: q_proj [2·heads·head_dim, hidden] (query and output gate together), k/v_proj
 *   [kv·head_dim, hidden], o_proj, biases with attention_bias; per-head q_norm / k_norm [head_dim].
 * - Gated DeltaNet: with K = linear_num_key_heads·linear_key_head_dim and V =
 *   linear_num_value_heads·linear_value_head_dim: depthwise conv1d [2K + V, 1, linear_conv_kernel_dim]
 *   (no bias), in_proj_qkvz [2K + 2V, hidden], in_proj_ba [2·value heads, hidden], dt_bias and A_log
 *   [value heads], a gated RMSNorm `norm` [linear_value_head_dim], out_proj [hidden, V]; no biases.
 * - Feed-forward (Qwen2-MoE's block): sparse unless in mlp_only_layers or off decoder_sparse_step —
 *   router `mlp.gate` [experts, hidden], experts `mlp.experts.{e}.gate/up/down_proj` of
 *   moe_intermediate_size (transformers fuses them on load; same count), a shared expert of
 *   shared_expert_intermediate_size and its sigmoid gate `mlp.shared_expert_gate` [1, hidden];
 *   dense layers get a SwiGLU of intermediate_size.
 * - input_layernorm, post_attention_layernorm, the final `norm`; untied lm_head by default.
 *
 * The Hub checkpoints also store a multi-token-prediction block (`mtp.*`), which the class ignores on
 * load (`_keys_to_ignore_on_load_unexpected`): it is not a module parameter and is not counted.
 */

function qwen3NextInventory(d: RequiredDims): Inventory {
  const c = d.model.text;
  const prefix = basePrefix(d.model.head);
  const p = `${prefix}layers.{i}`;
  const h = d.hiddenSize;
  const all = range(d.numLayers);
  const types = c.value("layer_types");
  const interval = c.int("full_attention_interval", 4, "count").value ?? 4;
  const isFull = (i: number) => (Array.isArray(types) && types.length > 0 ? types[i] === "full_attention" : (i + 1) % interval === 0);
  const full = all.filter(isFull);
  const linearLayers = all.filter((i) => !isFull(i));

  const tensors: TensorTemplate[] = [{ name: `${prefix}embed_tokens.weight`, shape: [d.vocabSize, h], role: "embedding" }];
  if (full.length) {
    const bias = c.bool("attention_bias", false).value;
    const a = `${p}.self_attn`;
    const q = d.numHeads * d.headDim;
    const kv = d.numKvHeads * d.headDim;
    tensors.push(
      ...linear(`${a}.q_proj`, 2 * q, h, bias, "attention", full),
      ...linear(`${a}.k_proj`, kv, h, bias, "attention", full),
      ...linear(`${a}.v_proj`, kv, h, bias, "attention", full),
      ...linear(`${a}.o_proj`, h, q, bias, "attention", full),
      ...norm(`${a}.q_norm`, d.headDim, false, full),
      ...norm(`${a}.k_norm`, d.headDim, false, full),
    );
  }
  if (linearLayers.length) {
    const kHeads = c.int("linear_num_key_heads", 16, "count").value ?? 16;
    const vHeads = c.int("linear_num_value_heads", 32, "count").value ?? 32;
    const kDim = c.int("linear_key_head_dim", 128).value ?? 128;
    const vDim = c.int("linear_value_head_dim", 128).value ?? 128;
    const kernel = c.int("linear_conv_kernel_dim", 4).value ?? 4;
    const K = kHeads * kDim;
    const V = vHeads * vDim;
    const g = `${p}.linear_attn`;
    tensors.push(
      { name: `${g}.conv1d.weight`, shape: [2 * K + V, 1, kernel], role: "ssm", layers: linearLayers },
      ...linear(`${g}.in_proj_qkvz`, 2 * K + 2 * V, h, false, "ssm", linearLayers),
      ...linear(`${g}.in_proj_ba`, 2 * vHeads, h, false, "ssm", linearLayers),
      { name: `${g}.dt_bias`, shape: [vHeads], role: "ssm", layers: linearLayers },
      { name: `${g}.A_log`, shape: [vHeads], role: "ssm", layers: linearLayers },
      ...norm(`${g}.norm`, vDim, false, linearLayers, "ssm"),
      ...linear(`${g}.out_proj`, h, V, false, "ssm", linearLayers),
    );
  }
  const { sparse, dense } = qwenSparseLayers(d);
  const experts = d.model.numExperts.value ?? 0;
  const mlp = `${p}.mlp`;
  if (dense.length) tensors.push(...gatedMlp(mlp, h, d.intermediateSize, false, dense));
  if (sparse.length) {
    const moeFf = c.int("moe_intermediate_size", 512).value ?? 512;
    const sharedFf = c.int("shared_expert_intermediate_size", 512, "width", true).value ?? 0;
    tensors.push(...linear(`${mlp}.gate`, experts, h, false, "router", sparse));
    for (const t of gatedMlp(`${mlp}.experts.{e}`, h, moeFf, false, sparse)) tensors.push({ ...t, experts });
    if (sharedFf > 0) tensors.push(...gatedMlp(`${mlp}.shared_expert`, h, sharedFf, false, sparse), ...linear(`${mlp}.shared_expert_gate`, 1, h, false, "router", sparse));
  }
  tensors.push(...norm(`${p}.input_layernorm`, h, false, all), ...norm(`${p}.post_attention_layernorm`, h, false, all), ...norm(`${prefix}norm`, h, false));
  const head = decoderHead(d, `${prefix}embed_tokens.weight`);
  return inventoryOf(
    {
      tensors: [...tensors, ...head.tensors],
      tied: head.tied,
      expertsPerToken: sparse.length ? d.model.expertsPerToken.value : null,
      notes: ["the checkpoint's multi-token-prediction tensors (mtp.*) are not module parameters and are not counted"],
    },
    d,
  );
}

export const qwen3NextSpecs: ModelTypeSpec[] = [
  {
    modelType: "qwen3_next",
    family: "qwen3-next",
    kind: "hybrid",
    modelingFile: "models/qwen3_next/modeling_qwen3_next.py",
    classPrefixes: ["Qwen3Next"],
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 151936, hiddenSize: 2048, intermediateSize: 5632, numLayers: 48, numHeads: 16, numKvHeads: 2, headDim: 256, maxPositions: 32768, numExperts: 512, expertsPerToken: 10 },
    tieWordEmbeddingsDefault: false,
    inventory: qwen3NextInventory,
  },
];
