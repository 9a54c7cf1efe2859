import type { ConfigReader } from "../normalize/config-reader.js";
import { basePrefix, decoderHead, gatedMlp, inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * DeepSeek-V2, DeepSeek-V3 and Kimi-K2 (modeling_deepseek_v2.py, modeling_deepseek_v3.py in
 * transformers 5.18, and DeepSeek's published modeling_deepseek.py): multi-head latent attention
 * (MLA) and a mixture of experts with always-on shared experts.
 *
 * - MLA: queries come from `q_proj`, or, with a `q_lora_rank`, from `q_a_proj` → `q_a_layernorm` →
 *   `q_b_proj`; keys and values from `kv_a_proj_with_mqa` (latent plus the shared rotary key),
 *   `kv_a_layernorm` and `kv_b_proj`. `attention_bias` puts biases on q_a, kv_a and o only.
 * - MoE: the first `first_k_dense_replace` layers keep a dense MLP of `intermediate_size`; the others
 *   hold `n_routed_experts` experts of `moe_intermediate_size`, a router `mlp.gate.weight` and one
 *   fused shared MLP of `n_shared_experts × moe_intermediate_size`.
 * - V3's router also holds `e_score_correction_bias`, a registered (persistent) buffer in
 *   transformers (`nn.Buffer`), an `nn.Parameter` in DeepSeek's own remote code: checkpoints store
 *   it, but it is not counted here.
 * - The multi-token-prediction layers (`num_nextn_predict_layers`) are stored in DeepSeek-V3's
 *   checkpoint as `model.layers.61.*` but are not modules of DeepseekV3ForCausalLM
 *   (`_keys_to_ignore_on_load_unexpected`): not counted.
 *
 * Routed experts are named per expert, as the Hub checkpoints store them (`mlp.experts.{e}.gate_proj`);
 * transformers 5 fuses them into `experts.gate_up_proj` / `experts.down_proj` on load, same count.
 */

const HEADS = ["causal-lm", "base", "sequence-classification"] as const;

/** An integer key where an explicit null means "none" (q_lora_rank, n_shared_experts) and absence means the default. */
function nullableInt(c: ConfigReader, key: string, fallback: number | null): number | null {
  if (c.value(key) === null) return null;
  return c.int(key, fallback, "width").value;
}

/** The config classes set head_dim to qk_rope_head_dim (the rotary width). */
function ropeHeadDim(_m: unknown, c: ConfigReader): number {
  const v = c.value("qk_rope_head_dim");
  return typeof v === "number" && Number.isInteger(v) && v > 0 ? v : 64;
}

interface DeepseekDefaults {
  qLoraRank: number;
  moeIntermediateSize: number;
  nSharedExperts: number;
  firstKDense: number;
  /** DeepSeek-V2's MLPs follow Llama's `mlp_bias`; V3's never carry a bias. */
  mlpBias: boolean;
  /** V3's sigmoid router keeps the e_score_correction_bias buffer. */
  correctionBias: boolean;
}

function mlaAttention(d: RequiredDims, p: string, layers: readonly number[], defaults: DeepseekDefaults): TensorTemplate[] {
  const c = d.model.text;
  const heads = d.numHeads;
  const qLoraRank = nullableInt(c, "q_lora_rank", defaults.qLoraRank);
  const kvLoraRank = c.int("kv_lora_rank", 512).value ?? 512;
  const nope = c.int("qk_nope_head_dim", 128).value ?? 128;
  const rope = c.int("qk_rope_head_dim", 64).value ?? 64;
  const vHead = c.int("v_head_dim", 128).value ?? 128;
  const bias = c.bool("attention_bias", false).value;
  const qkHead = nope + rope;
  const h = d.hiddenSize;
  const a = `${p}.self_attn`;
  const out: TensorTemplate[] = [];
  if (qLoraRank === null) out.push(...linear(`${a}.q_proj`, heads * qkHead, h, false, "attention", layers));
  else {
    out.push(...linear(`${a}.q_a_proj`, qLoraRank, h, bias, "attention", layers));
    out.push(...norm(`${a}.q_a_layernorm`, qLoraRank, false, layers));
    out.push(...linear(`${a}.q_b_proj`, heads * qkHead, qLoraRank, false, "attention", layers));
  }
  out.push(...linear(`${a}.kv_a_proj_with_mqa`, kvLoraRank + rope, h, bias, "attention", layers));
  out.push(...norm(`${a}.kv_a_layernorm`, kvLoraRank, false, layers));
  out.push(...linear(`${a}.kv_b_proj`, heads * (nope + vHead), kvLoraRank, false, "attention", layers));
  out.push(...linear(`${a}.o_proj`, h, heads * vHead, bias, "attention", layers));
  return out;
}

/**
 * Which layers are sparse. transformers checks only `layer_idx >= first_k_dense_replace`; DeepSeek's
 * remote code also requires `layer_idx % moe_layer_freq == 0` and `n_routed_experts` not null.
 * Every released checkpoint has moe_layer_freq 1, where the two agree.
 */
function moeLayers(d: RequiredDims, defaults: DeepseekDefaults): { sparse: number[]; dense: number[]; freq: number } {
  const c = d.model.text;
  const firstDense = c.int("first_k_dense_replace", defaults.firstKDense, "count", true).value ?? defaults.firstKDense;
  const freq = c.int("moe_layer_freq", 1, "count").value ?? 1;
  const routed = c.value("n_routed_experts") === null ? 0 : (d.model.numExperts.value ?? 0);
  const sparse: number[] = [];
  const dense: number[] = [];
  for (const i of range(d.numLayers)) (routed > 0 && i >= firstDense && i % freq === 0 ? sparse : dense).push(i);
  return { sparse, dense, freq };
}

function deepseekInventory(defaults: DeepseekDefaults) {
  return (d: RequiredDims): Inventory => {
    const c = d.model.text;
    const prefix = basePrefix(d.model.head);
    const p = `${prefix}layers.{i}`;
    const all = range(d.numLayers);
    const { sparse, dense, freq } = moeLayers(d, defaults);
    const mlpBias = defaults.mlpBias && c.bool("mlp_bias", false).value;
    const tensors: TensorTemplate[] = [{ name: `${prefix}embed_tokens.weight`, shape: [d.vocabSize, d.hiddenSize], role: "embedding" }];
    tensors.push(...mlaAttention(d, p, all, defaults));
    tensors.push(...norm(`${p}.input_layernorm`, d.hiddenSize, false, all));
    tensors.push(...norm(`${p}.post_attention_layernorm`, d.hiddenSize, false, all));
    if (dense.length) tensors.push(...gatedMlp(`${p}.mlp`, d.hiddenSize, d.intermediateSize, mlpBias, dense));
    const experts = d.model.numExperts.value ?? 0;
    const notes: string[] = [];
    if (sparse.length) {
      const moeFf = c.int("moe_intermediate_size", defaults.moeIntermediateSize).value ?? defaults.moeIntermediateSize;
      const shared = nullableInt(c, "n_shared_experts", defaults.nSharedExperts) ?? 0;
      tensors.push(...linear(`${p}.mlp.gate`, experts, d.hiddenSize, false, "router", sparse));
      for (const t of gatedMlp(`${p}.mlp.experts.{e}`, d.hiddenSize, moeFf, false, sparse)) tensors.push({ ...t, experts });
      if (shared > 0) tensors.push(...gatedMlp(`${p}.mlp.shared_experts`, d.hiddenSize, moeFf * shared, mlpBias, sparse));
      if (defaults.correctionBias) {
        notes.push(`mlp.gate.e_score_correction_bias [${experts}] in each of ${sparse.length} MoE layers is a buffer: checkpoints store it (${(experts * sparse.length).toLocaleString("en-US")} values), but it is not a parameter`);
      }
    }
    tensors.push(...norm(`${prefix}norm`, d.hiddenSize, false));
    const head = decoderHead(d, `${prefix}embed_tokens.weight`);
    tensors.push(...head.tensors);
    const mtp = c.int("num_nextn_predict_layers", 0, "count", true).value ?? 0;
    if (mtp > 0) {
      notes.push(`${mtp} multi-token-prediction layer${mtp === 1 ? "" : "s"} (num_nextn_predict_layers) stored in the checkpoint as model.layers.${d.numLayers}${mtp === 1 ? "" : "+"}.* ${mtp === 1 ? "is" : "are"} not part of the class and not counted`);
    }
    if (freq !== 1) notes.push(`moe_layer_freq ${freq} is applied as DeepSeek's remote code does; transformers' native class ignores it and makes every layer from first_k_dense_replace on sparse`);
    const perToken = d.model.expertsPerToken.value;
    return { ...inventoryOf({ tensors, tied: head.tied, expertsPerToken: sparse.length ? perToken : null, notes }, d), attentionType: "MLA" };
  };
}

const V3_DEFAULTS: DeepseekDefaults = { qLoraRank: 1536, moeIntermediateSize: 2048, nSharedExperts: 1, firstKDense: 3, mlpBias: false, correctionBias: true };

/** configuration_deepseek_v3.py (transformers 5.18); Kimi-K2 ships DeepSeek-V3's config class under model_type kimi_k2. */
const V3_SPEC_DEFAULTS: ModelTypeSpec["defaults"] = {
  vocabSize: 129280,
  hiddenSize: 7168,
  intermediateSize: 18432,
  numLayers: 61,
  numHeads: 128,
  numKvHeads: 128,
  headDim: ropeHeadDim,
  maxPositions: 4096,
  numExperts: 256,
  expertsPerToken: 8,
};

export const deepseekSpecs: ModelTypeSpec[] = [
  {
    modelType: "deepseek_v2",
    family: "deepseek",
    modelingFile: "models/deepseek_v2/modeling_deepseek_v2.py",
    classPrefixes: ["DeepseekV2"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    // configuration_deepseek_v2.py (transformers 5.18): num_experts_per_tok has no default (None).
    defaults: {
      vocabSize: 102400,
      hiddenSize: 4096,
      intermediateSize: 11008,
      numLayers: 32,
      numHeads: 32,
      numKvHeads: (m) => m.numHeads ?? null,
      headDim: ropeHeadDim,
      maxPositions: 2048,
      numExperts: 64,
      expertsPerToken: null,
    },
    tieWordEmbeddingsDefault: false,
    inventory: deepseekInventory({ qLoraRank: 1536, moeIntermediateSize: 1407, nSharedExperts: 2, firstKDense: 0, mlpBias: true, correctionBias: false }),
  },
  {
    modelType: "deepseek_v3",
    family: "deepseek",
    modelingFile: "models/deepseek_v3/modeling_deepseek_v3.py",
    classPrefixes: ["DeepseekV3"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: V3_SPEC_DEFAULTS,
    tieWordEmbeddingsDefault: false,
    inventory: deepseekInventory(V3_DEFAULTS),
  },
  {
    // Kimi-K2 configs declare DeepseekV3ForCausalLM, which selects deepseek_v3 by class; this spec
    // covers a kimi_k2 config without `architectures`. Same layout and defaults as DeepSeek-V3.
    modelType: "kimi_k2",
    family: "deepseek",
    modelingFile: "models/deepseek_v3/modeling_deepseek_v3.py",
    classPrefixes: [],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: V3_SPEC_DEFAULTS,
    tieWordEmbeddingsDefault: false,
    inventory: deepseekInventory(V3_DEFAULTS),
  },
];
