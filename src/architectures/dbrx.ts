import type { ConfigReader } from "../normalize/config-reader.js";
import { inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * DBRX (modeling_dbrx.py, configuration_dbrx.py). The base model is `transformer.` inside
 * DbrxForCausalLM:
 *
 * - `transformer.wte` embedding; `transformer.blocks.{i}` each with `norm_attn_norm.norm_1`, a
 *   fused `norm_attn_norm.attn.Wqkv` [d + 2·kv_heads·head_dim, d] and `attn.out_proj` [d, d] (no
 *   biases; `clip_qkv` only clamps activations), `norm_attn_norm.norm_2`, then `ffn.router.layer`
 *   [experts, d] and the experts fused as three 2-D parameters `ffn.experts.mlp.w1`, `v1`, `w2`,
 *   each [experts·ffn_hidden_size, d] (w2 is stored transposed like the others).
 * - Every norm is `nn.LayerNorm(d, bias=False)`: a weight only. Final norm `transformer.norm_f`.
 * - `lm_head` [vocab, d], untied (DbrxConfig's tie_word_embeddings defaults to false).
 *
 * The attention and MoE sizes live in the nested `attn_config` (kv_n_heads) and `ffn_config`
 * (ffn_hidden_size, moe_num_experts, moe_top_k); head_dim is d_model / n_heads.
 */

function attnConfig(c: ConfigReader): ConfigReader | null {
  return c.child("attn_config");
}
function ffnConfig(c: ConfigReader): ConfigReader | null {
  return c.child("ffn_config");
}

function dbrxInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const prefix = head === "base" ? "" : "transformer.";
  const layers = range(d.numLayers);
  const experts = d.model.numExperts.value ?? 0;
  const h = d.hiddenSize;
  const b = `${prefix}blocks.{i}`;
  const kv = d.numKvHeads * d.headDim;
  // The fused experts are plain 2-D parameters [experts·ffn, d]: modelled per expert as [ffn, d]
  // slices of one stored tensor (fusedExperts), which keeps the active count per token right.
  const fused = (name: string): TensorTemplate => ({ name: `${b}.ffn.experts.mlp.${name}`, shape: [d.intermediateSize, h], role: "mlp", layers, experts, fusedExperts: true, fusedExpertsFlat: true });
  const tensors: TensorTemplate[] = [
    { name: `${prefix}wte.weight`, shape: [d.vocabSize, h], role: "embedding" },
    ...norm(`${b}.norm_attn_norm.norm_1`, h, false, layers),
    ...linear(`${b}.norm_attn_norm.attn.Wqkv`, d.numHeads * d.headDim + 2 * kv, h, false, "attention", layers),
    ...linear(`${b}.norm_attn_norm.attn.out_proj`, h, d.numHeads * d.headDim, false, "attention", layers),
    ...norm(`${b}.norm_attn_norm.norm_2`, h, false, layers),
    ...linear(`${b}.ffn.router.layer`, experts, h, false, "router", layers),
    fused("w1"),
    fused("v1"),
    fused("w2"),
    ...norm(`${prefix}norm_f`, h, false),
  ];
  const tied: Inventory["tied"] = [];
  if (head === "causal-lm") {
    if (d.tied) tied.push({ name: "lm_head.weight", tiedTo: `${prefix}wte.weight` });
    else tensors.push(...linear("lm_head", d.vocabSize, h, false, "lmHead"));
  }
  const notes = [`ffn.experts.mlp.w1/v1/w2 are stored as 2-D [${experts}·${d.intermediateSize}, ${h}] tensors (all experts of a layer stacked on the first axis)`];
  return inventoryOf({ tensors, tied, expertsPerToken: d.model.expertsPerToken.value, notes }, d);
}

export const dbrxSpecs: ModelTypeSpec[] = [
  {
    modelType: "dbrx",
    family: "dbrx",
    kind: "decoder",
    modelingFile: "models/dbrx/modeling_dbrx.py",
    classPrefixes: ["Dbrx"],
    heads: ["causal-lm", "base"],
    defaultHead: "causal-lm",
    // configuration_dbrx.py: DbrxConfig d_model 2048, n_heads 16, n_layers 24, max_seq_len 2048,
    // vocab 32000; DbrxAttentionConfig kv_n_heads 1; DbrxFFNConfig ffn_hidden_size 3584,
    // moe_num_experts 4, moe_top_k 1. The nested values are read through the default functions.
    defaults: {
      vocabSize: 32000,
      hiddenSize: 2048,
      numLayers: 24,
      numHeads: 16,
      numKvHeads: (_m, c) => attnConfig(c)?.int("kv_n_heads", 1, "count").value ?? 1,
      intermediateSize: (_m, c) => ffnConfig(c)?.int("ffn_hidden_size", 3584).value ?? 3584,
      maxPositions: 2048,
      numExperts: (_m, c) => ffnConfig(c)?.int("moe_num_experts", 4, "count").value ?? 4,
      expertsPerToken: (_m, c) => ffnConfig(c)?.int("moe_top_k", 1, "count").value ?? 1,
    },
    tieWordEmbeddingsDefault: false,
    inventory: dbrxInventory,
  },
];
