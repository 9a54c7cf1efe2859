import { basePrefix, decoderBackbone, decoderHead, gatedMlp, inventoryOf, type AttentionLayout } from "./decoder.js";
import { linear, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * GLM-4.5 / GLM-4.5-Air (modeling_glm4_moe.py, transformers main): Llama-style GQA attention with
 * `attention_bias` on q/k/v only (o_proj never has one), optional per-head q/k RMSNorms
 * (`use_qk_norm`), and DeepSeek-V3's MoE: the first `first_k_dense_replace` layers keep a dense
 * SwiGLU of `intermediate_size`; the others hold `n_routed_experts` experts of
 * `moe_intermediate_size`, a router `mlp.gate.weight` [experts, hidden] and one shared SwiGLU of
 * `n_shared_experts × moe_intermediate_size`.
 *
 * - `mlp.gate.e_score_correction_bias` is a registered buffer (Glm4MoeTopkRouter): stored in the
 *   checkpoint, not a parameter.
 * - The multi-token-prediction layer (`num_nextn_predict_layers`, stored as `model.layers.46.*` in
 *   GLM-4.5-Air and `model.layers.92.*` in GLM-4.5) is not built by Glm4MoeModel, which lists it in
 *   `_keys_to_ignore_on_load_unexpected`: not counted, as for DeepSeek-V3.
 *
 * Routed experts are named per expert as the Hub checkpoints store them; transformers 5 fuses them
 * into `experts.gate_up_proj` / `experts.down_proj` on load (same count).
 */

const HEADS = ["causal-lm", "base"] as const;
const TWO_NORMS = ["input_layernorm", "post_attention_layernorm"];

export interface SharedExpertMoeOptions {
  firstKDense: number;
  moeIntermediateSize: number;
  nSharedExperts: number;
}

/**
 * The DeepSeek-V3 MoE MLP on GQA attention (GLM-4.5, dots.llm1): dense layers before
 * `first_k_dense_replace`, then router + routed experts + one fused shared MLP. Returns the
 * tensors, the sparse layer indices and notes.
 */
export function sharedExpertMoeMlp(d: RequiredDims, prefix: string, o: SharedExpertMoeOptions): { tensors: TensorTemplate[]; sparse: number[]; notes: string[] } {
  const c = d.model.text;
  const experts = d.model.numExperts.value ?? 0;
  const firstDense = c.int("first_k_dense_replace", o.firstKDense, "count", true).value ?? o.firstKDense;
  const sparse: number[] = [];
  const dense: number[] = [];
  for (const i of range(d.numLayers)) (experts > 0 && i >= firstDense ? sparse : dense).push(i);
  const p = `${prefix}layers.{i}.mlp`;
  const tensors: TensorTemplate[] = [];
  const notes: string[] = [];
  if (dense.length) tensors.push(...gatedMlp(p, d.hiddenSize, d.intermediateSize, false, dense));
  if (sparse.length) {
    const moeFf = c.int("moe_intermediate_size", o.moeIntermediateSize).value ?? o.moeIntermediateSize;
    const shared = c.int("n_shared_experts", o.nSharedExperts, "count", true).value ?? 0;
    tensors.push(...linear(`${p}.gate`, experts, d.hiddenSize, false, "router", sparse));
    for (const t of gatedMlp(`${p}.experts.{e}`, d.hiddenSize, moeFf, false, sparse)) tensors.push({ ...t, experts });
    if (shared > 0) tensors.push(...gatedMlp(`${p}.shared_experts`, d.hiddenSize, moeFf * shared, false, sparse));
    notes.push(`mlp.gate.e_score_correction_bias [${experts}] in each of ${sparse.length} MoE layers is a buffer: checkpoints store it (${(experts * sparse.length).toLocaleString("en-US")} values), but it is not a parameter`);
  }
  return { tensors, sparse, notes };
}

/** A note for MTP layers that the checkpoint stores but the class does not build. */
export function mtpNote(d: RequiredDims): string[] {
  const mtp = d.model.text.int("num_nextn_predict_layers", 0, "count", true).value ?? 0;
  if (mtp === 0) return [];
  const first = d.numLayers;
  return [`${mtp} multi-token-prediction layer${mtp === 1 ? "" : "s"} (num_nextn_predict_layers) stored in the checkpoint as model.layers.${first}${mtp === 1 ? "" : "+"}.* ${mtp === 1 ? "is" : "are"} not part of the class and not counted`];
}

function glm4MoeInventory(d: RequiredDims): Inventory {
  const c = d.model.text;
  const prefix = basePrefix(d.model.head);
  const attention: AttentionLayout = { qkvBias: c.bool("attention_bias", false).value, oBias: false, ...(c.bool("use_qk_norm", false).value ? { qkNorm: "head" as const } : {}) };
  const moe = sharedExpertMoeMlp(d, prefix, { firstKDense: 1, moeIntermediateSize: 1408, nSharedExperts: 1 });
  const head = decoderHead(d, `${prefix}embed_tokens.weight`);
  const tensors = [...decoderBackbone(d, { attention, layerNorms: TWO_NORMS }, prefix), ...moe.tensors, ...head.tensors];
  return inventoryOf({ tensors, tied: head.tied, expertsPerToken: moe.sparse.length ? d.model.expertsPerToken.value : null, notes: [...moe.notes, ...mtpNote(d)] }, d);
}

export const glm4MoeSpecs: ModelTypeSpec[] = [
  {
    modelType: "glm4_moe",
    family: "glm4-moe",
    kind: "decoder",
    modelingFile: "models/glm4_moe/modeling_glm4_moe.py",
    classPrefixes: ["Glm4Moe"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    // configuration_glm4_moe.py (GLM-4.5-Air's sizes): head_dim 128, n_routed_experts 128, top-8.
    defaults: {
      vocabSize: 151552,
      hiddenSize: 4096,
      intermediateSize: 10944,
      numLayers: 46,
      numHeads: 96,
      numKvHeads: 8,
      headDim: 128,
      maxPositions: 131072,
      numExperts: 128,
      expertsPerToken: 8,
    },
    tieWordEmbeddingsDefault: false,
    inventory: glm4MoeInventory,
  },
];
