import type { HeadKind } from "../normalize/normalized-model.js";
import { linear, norm, range, type Inventory, type Role, type TensorTemplate } from "./inventory.js";
import type { RequiredDims } from "./model-type-spec.js";

/**
 * Building blocks shared by the decoder-only families that follow Llama's module layout
 * (modeling_llama.py): embed_tokens, a stack of attention + gated MLP blocks with RMSNorms, a final
 * norm and an LM head. Families choose biases, extra norms and fused projections.
 */
export interface AttentionLayout {
  qkvBias: boolean;
  oBias: boolean;
  /** Phi-3 fuses q, k and v into one `qkv_proj`. */
  fusedQkv?: boolean;
  /**
   * Per-head q/k norms (Qwen3, Gemma3: [head_dim]), full-width ones (OLMo-2: [heads·head_dim]) or
   * one weight per head and channel (Cohere: [heads, head_dim]).
   */
  qkNorm?: "head" | "full" | "grid";
}

export interface DecoderLayout {
  attention: AttentionLayout;
  /** Per-layer norm names, e.g. input_layernorm and post_attention_layernorm. */
  layerNorms: string[];
  normBias?: boolean;
  /** OLMo-1's LayerNorms have neither weight nor bias: no norm tensors at all. */
  nonParametricNorms?: boolean;
}

/** State-dict prefix of the base model inside a head class (`model.` for LlamaForCausalLM). */
export function basePrefix(head: HeadKind, prefix = "model."): string {
  return head === "base" ? "" : prefix;
}

/** Embeddings, attention, per-layer norms and the final norm: everything but the MLPs and the head. */
export function decoderBackbone(d: RequiredDims, layout: DecoderLayout, prefix: string): TensorTemplate[] {
  const layers = range(d.numLayers);
  const p = `${prefix}layers.{i}`;
  const a = layout.attention;
  const q = d.numHeads * d.headDim;
  const kv = d.numKvHeads * d.headDim;
  const out: TensorTemplate[] = [{ name: `${prefix}embed_tokens.weight`, shape: [d.vocabSize, d.hiddenSize], role: "embedding" }];
  if (a.fusedQkv) out.push(...linear(`${p}.self_attn.qkv_proj`, q + 2 * kv, d.hiddenSize, a.qkvBias, "attention", layers));
  else {
    out.push(...linear(`${p}.self_attn.q_proj`, q, d.hiddenSize, a.qkvBias, "attention", layers));
    out.push(...linear(`${p}.self_attn.k_proj`, kv, d.hiddenSize, a.qkvBias, "attention", layers));
    out.push(...linear(`${p}.self_attn.v_proj`, kv, d.hiddenSize, a.qkvBias, "attention", layers));
  }
  out.push(...linear(`${p}.self_attn.o_proj`, d.hiddenSize, q, a.oBias, "attention", layers));
  if (a.qkNorm === "grid") {
    out.push({ name: `${p}.self_attn.q_norm.weight`, shape: [d.numHeads, d.headDim], role: "norm", layers });
    out.push({ name: `${p}.self_attn.k_norm.weight`, shape: [d.numKvHeads, d.headDim], role: "norm", layers });
  } else if (a.qkNorm) {
    out.push(...norm(`${p}.self_attn.q_norm`, a.qkNorm === "head" ? d.headDim : q, false, layers));
    out.push(...norm(`${p}.self_attn.k_norm`, a.qkNorm === "head" ? d.headDim : kv, false, layers));
  }
  if (layout.nonParametricNorms) return out;
  for (const name of layout.layerNorms) out.push(...norm(`${p}.${name}`, d.hiddenSize, layout.normBias ?? false, layers));
  out.push(...norm(`${prefix}norm`, d.hiddenSize, layout.normBias ?? false));
  return out;
}

/** A SwiGLU/GeGLU MLP: gate and up [ff, d], down [d, ff]; Phi-3 fuses gate and up. */
export function gatedMlp(path: string, hidden: number, ff: number, bias: boolean, layers: readonly number[] | undefined, fused = false, role: Role = "mlp"): TensorTemplate[] {
  if (fused) return [...linear(`${path}.gate_up_proj`, 2 * ff, hidden, bias, role, layers), ...linear(`${path}.down_proj`, hidden, ff, bias, role, layers)];
  return [
    ...linear(`${path}.gate_proj`, ff, hidden, bias, role, layers),
    ...linear(`${path}.up_proj`, ff, hidden, bias, role, layers),
    ...linear(`${path}.down_proj`, hidden, ff, bias, role, layers),
  ];
}

/** Number of labels of a classification head: `num_labels`, else the size of `id2label`, else 2. */
export function numLabels(d: RequiredDims): number {
  const r = d.model.root;
  const explicit = r.int("num_labels", null, "count").value;
  if (explicit) return explicit;
  const id2label = r.value("id2label");
  if (id2label && typeof id2label === "object") return Object.keys(id2label).length || 2;
  return 2;
}

/**
 * The head of a decoder-only class: a tied or untied `lm_head`, a `score` classifier, or nothing.
 * Returns the tensors and the tied pairs. Tying shares only the weight: a head bias (GPT-J) stays.
 */
export function decoderHead(d: RequiredDims, embedName: string, lmHeadBias = false): Pick<Inventory, "tensors" | "tied"> {
  const head = d.model.head;
  if (head === "causal-lm") {
    if (d.tied) {
      const bias: TensorTemplate[] = lmHeadBias ? [{ name: "lm_head.bias", shape: [d.vocabSize], role: "lmHead" }] : [];
      return { tensors: bias, tied: [{ name: "lm_head.weight", tiedTo: embedName }] };
    }
    return { tensors: linear("lm_head", d.vocabSize, d.hiddenSize, lmHeadBias, "lmHead"), tied: [] };
  }
  if (head === "sequence-classification") return { tensors: linear("score", numLabels(d), d.hiddenSize, false, "other"), tied: [] };
  return { tensors: [], tied: [] };
}

/** Assemble an inventory from parts. */
export function inventoryOf(parts: { tensors: TensorTemplate[]; tied?: Inventory["tied"]; expertsPerToken?: number | null; notes?: string[] }, d: RequiredDims): Inventory {
  return {
    tensors: parts.tensors,
    tied: parts.tied ?? [],
    expertsPerToken: parts.expertsPerToken ?? null,
    estimated: d.model.estimateReason !== null,
    notes: parts.notes ?? [],
  };
}
