import type { ConfigReader } from "../normalize/config-reader.js";
import { basePrefix, decoderBackbone, decoderHead, gatedMlp, inventoryOf } from "./decoder.js";
import { linear, norm, range, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * MiniCPM and MiniCPM3 (modeling_minicpm.py / modular_minicpm.py and modeling_minicpm3.py in
 * transformers; the openbmb Hub repos ship remote code of the same module layout).
 *
 * - MiniCPM (MiniCPM-2B, MiniCPM4): Llama's modules exactly. `scale_emb`, `scale_depth` and
 *   `dim_model_base` are scalars of the config; the embedding's `embed_scale` is a non-persistent
 *   buffer. Tied by default (tie_word_embeddings true).
 * - MiniCPM3: DeepSeek-V2's multi-head latent attention — `q_a_proj` → `q_a_layernorm` →
 *   `q_b_proj` (or one `q_proj` when q_lora_rank is null), `kv_a_proj_with_mqa` [kv_lora_rank +
 *   qk_rope_head_dim, h], `kv_a_layernorm`, `kv_b_proj`, `o_proj`; `attention_bias` on q_a, kv_a
 *   and o — with a dense SwiGLU MLP in every layer (no experts). v_head_dim defaults to
 *   hidden_size / num_attention_heads. Tied by default.
 */

const HEADS = ["causal-lm", "base", "sequence-classification"] as const;

function nullableInt(c: ConfigReader, key: string, fallback: number | null): number | null {
  if (c.value(key) === null) return null;
  return c.int(key, fallback, "width").value;
}

function minicpm3Attention(d: RequiredDims, p: string, layers: readonly number[]): TensorTemplate[] {
  const c = d.model.text;
  const h = d.hiddenSize;
  const heads = d.numHeads;
  const qLoraRank = nullableInt(c, "q_lora_rank", 768);
  const kvLoraRank = c.int("kv_lora_rank", 256, "width").value ?? 256;
  const nope = c.int("qk_nope_head_dim", 64, "width").value ?? 64;
  const rope = c.int("qk_rope_head_dim", 32, "width").value ?? 32;
  const vHead = nullableInt(c, "v_head_dim", null) ?? Math.floor(h / heads);
  const bias = c.bool("attention_bias", false).value;
  const a = `${p}.self_attn`;
  const out: TensorTemplate[] = [];
  if (qLoraRank === null) out.push(...linear(`${a}.q_proj`, heads * (nope + rope), h, false, "attention", layers));
  else {
    out.push(...linear(`${a}.q_a_proj`, qLoraRank, h, bias, "attention", layers));
    out.push(...norm(`${a}.q_a_layernorm`, qLoraRank, false, layers));
    out.push(...linear(`${a}.q_b_proj`, heads * (nope + rope), qLoraRank, false, "attention", layers));
  }
  out.push(...linear(`${a}.kv_a_proj_with_mqa`, kvLoraRank + rope, h, bias, "attention", layers));
  out.push(...norm(`${a}.kv_a_layernorm`, kvLoraRank, false, layers));
  out.push(...linear(`${a}.kv_b_proj`, heads * (nope + vHead), kvLoraRank, false, "attention", layers));
  out.push(...linear(`${a}.o_proj`, h, heads * vHead, bias, "attention", layers));
  return out;
}

export const minicpmSpecs: ModelTypeSpec[] = [
  {
    modelType: "minicpm",
    family: "minicpm",
    classPrefixes: ["MiniCPM"],
    kind: "decoder",
    modelingFile: "models/minicpm/modeling_minicpm.py",
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 73448, hiddenSize: 4096, intermediateSize: 16384, numLayers: 32, numHeads: 32, numKvHeads: 2, maxPositions: 32768 },
    tieWordEmbeddingsDefault: true,
    inventory: (d) => {
      const prefix = basePrefix(d.model.head);
      const c = d.model.text;
      const attentionBias = c.bool("attention_bias", false).value;
      const head = decoderHead(d, `${prefix}embed_tokens.weight`);
      const backbone = decoderBackbone(d, { attention: { qkvBias: attentionBias, oBias: attentionBias }, layerNorms: ["input_layernorm", "post_attention_layernorm"] }, prefix);
      const mlp = gatedMlp(`${prefix}layers.{i}.mlp`, d.hiddenSize, d.intermediateSize, c.bool("mlp_bias", false).value, range(d.numLayers));
      return inventoryOf({ tensors: [...backbone, ...mlp, ...head.tensors], tied: head.tied, notes: ["scale_emb, scale_depth and dim_model_base are scalars: no parameters"] }, d);
    },
  },
  {
    modelType: "minicpm3",
    family: "minicpm",
    classPrefixes: ["MiniCPM3"],
    kind: "decoder",
    modelingFile: "models/minicpm3/modeling_minicpm3.py",
    heads: [...HEADS],
    defaultHead: "causal-lm",
    // MiniCPM3Config sets head_dim to qk_rope_head_dim (the rotary width).
    defaults: {
      vocabSize: 73448,
      hiddenSize: 2560,
      intermediateSize: 6400,
      numLayers: 62,
      numHeads: 40,
      numKvHeads: 40,
      maxPositions: 32768,
      headDim: (_m, c) => {
        const v = c.value("qk_rope_head_dim");
        return typeof v === "number" && Number.isInteger(v) && v > 0 ? v : 32;
      },
    },
    ownAliasesOnly: ["headDim"],
    tieWordEmbeddingsDefault: true,
    inventory: (d) => {
      const prefix = basePrefix(d.model.head);
      const c = d.model.text;
      const layers = range(d.numLayers);
      const p = `${prefix}layers.{i}`;
      const tensors: TensorTemplate[] = [
        { name: `${prefix}embed_tokens.weight`, shape: [d.vocabSize, d.hiddenSize], role: "embedding" },
        ...minicpm3Attention(d, p, layers),
        ...gatedMlp(`${p}.mlp`, d.hiddenSize, d.intermediateSize, c.bool("mlp_bias", false).value, layers),
        ...norm(`${p}.input_layernorm`, d.hiddenSize, false, layers),
        ...norm(`${p}.post_attention_layernorm`, d.hiddenSize, false, layers),
        ...norm(`${prefix}norm`, d.hiddenSize, false),
      ];
      const head = decoderHead(d, `${prefix}embed_tokens.weight`);
      return { ...inventoryOf({ tensors: [...tensors, ...head.tensors], tied: head.tied }, d), attentionType: "MLA" };
    },
  },
];
