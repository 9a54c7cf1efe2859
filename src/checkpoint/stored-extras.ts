import { elementCount, type Inventory, type TensorTemplate } from "../architectures/inventory.js";
import type { NormalizedModel } from "../normalize/normalized-model.js";
import type { DifferenceKind } from "../facts/checkpoint-facts.js";

/**
 * What a checkpoint of this config may store beyond the class's parameters, named from the config
 * alone (no checkpoint read): the candidates that explain a Hub total above the config's count.
 * Whether a given repo stores each one depends on how it was saved, so these are candidates, each
 * with its exact count; reconcileCheckpoint names the ones a checkpoint really stores.
 *
 * Checked against the Hub: DeepSeek-V3's 684,531,386,000 = config + every candidate here (MTP
 * layer, FP8 block scales, router biases); GPT-2's 137,022,720 = config + the causal masks;
 * Llama-2-7b-hf's 6,738,417,664 = config + inv_freq; Qwen3-0.6B's 751,632,384 = config + tied head.
 */
export interface StoredExtra {
  tensor: string;
  count: number;
  kind: DifferenceKind;
  reason: string;
}

/** Families whose attention applies rotary embeddings through a module with an `inv_freq` buffer. */
const ROTARY_FAMILIES = new Set(["llama", "mixtral", "gemma", "phi3", "phi", "olmo", "gpt-neox", "cohere", "stablelm", "granite", "deepseek"]);

export function storedExtrasFromConfig(model: NormalizedModel, inventory: Inventory): StoredExtra[] {
  const out: StoredExtra[] = [];
  const shapes = new Map(inventory.tensors.map((t) => [t.name, t.shape]));
  for (const t of inventory.tied) {
    const shape = shapes.get(t.tiedTo);
    if (shape) out.push({ tensor: t.name, count: elementCount(shape), kind: "tied-stored", reason: `tied to ${t.tiedTo}, stored anyway by some checkpoints` });
  }
  const layers = model.numLayers.value ?? 0;
  const text = model.text;
  const p = inventory.tensors.some((t) => t.name.startsWith("model.layers.")) ? "model." : "";
  if (model.family && ROTARY_FAMILIES.has(model.family) && layers > 0) {
    const rotary = rotaryDim(model, inventory);
    if (rotary > 0) out.push({ tensor: `${p}layers.{0..${layers - 1}}.self_attn.rotary_emb.inv_freq`, count: layers * Math.floor(rotary / 2), kind: "buffer", reason: "rotary inv_freq buffer, stored by checkpoints saved with transformers before 4.31" });
  }
  if (model.family === "gpt2" || model.family === "gptj") {
    const n = model.maxPositions.value ?? 1024;
    out.push({ tensor: `${model.family === "gptj" ? "transformer." : ""}h.{0..${layers - 1}}.attn.bias`, count: layers * n * n, kind: "buffer", reason: "causal-mask buffer [1, 1, n_positions, n_positions] per layer" });
  }
  if (model.family === "bert") {
    const n = model.maxPositions.value ?? 512;
    out.push({ tensor: "embeddings.position_ids", count: n, kind: "buffer", reason: "position_ids buffer [1, max_position_embeddings]" });
  }
  const mtp = model.family === "deepseek" ? (text.int("num_nextn_predict_layers", 0, "count", true).value ?? 0) : 0;
  const router = inventory.tensors.find((t) => t.role === "router" && t.name.endsWith("mlp.gate.weight") && t.layers);
  const v3 = model.layoutType === "deepseek_v3" || model.layoutType === "kimi_k2";
  if (v3 && router?.layers) {
    const experts = router.shape[0]!;
    out.push({ tensor: `${p}layers.{i}.mlp.gate.e_score_correction_bias`, count: experts * (router.layers.length + mtp), kind: "buffer", reason: `router bias buffer [${experts}] in each MoE layer${mtp ? " and MTP layer" : ""}` });
  }
  const last = layers - 1;
  const lastLayer = inventory.tensors.filter((t) => t.layers?.includes(last));
  if (mtp > 0) {
    const h = model.hiddenSize.value ?? 0;
    const vocab = model.vocabSize.value ?? 0;
    const layer = lastLayer.reduce((a, t) => a + elementCount(t.shape) * (t.experts ?? 1), 0);
    // eh_proj [h, 2h], enorm, hnorm, shared_head.norm [h], and its own embed_tokens and shared_head.head [vocab, h].
    const perLayer = layer + 2 * h * h + 3 * h + 2 * vocab * h;
    out.push({ tensor: `${p}layers.${layers}${mtp > 1 ? `..${layers + mtp - 1}` : ""}.*`, count: mtp * perLayer, kind: "mtp", reason: `multi-token-prediction layer${mtp > 1 ? "s" : ""} (num_nextn_predict_layers ${mtp})` });
  }
  const block = fp8BlockSize(model);
  if (block) {
    const scaled = (t: TensorTemplate) => t.shape.length === 2 && (t.role === "attention" || t.role === "mlp");
    let count = 0;
    for (const t of inventory.tensors) if (scaled(t)) count += scaleCount(t.shape, block) * (t.layers?.length ?? 1) * (t.experts ?? 1);
    for (const t of lastLayer) if (scaled(t)) count += mtp * scaleCount(t.shape, block) * (t.experts ?? 1);
    out.push({ tensor: "*.weight_scale_inv", count, kind: "quantization-bookkeeping", reason: `FP8 block scales, one F32 per ${block[0]}×${block[1]} block of each linear weight` });
  }
  return out;
}

function scaleCount(shape: readonly number[], block: [number, number]): number {
  return Math.ceil(shape[0]! / block[0]) * Math.ceil(shape[1]! / block[1]);
}

/** `quantization_config.weight_block_size` of an FP8 checkpoint (DeepSeek-V3: [128, 128]). */
function fp8BlockSize(model: NormalizedModel): [number, number] | null {
  const q = model.root.value("quantization_config") as { quant_method?: unknown; weight_block_size?: unknown } | undefined;
  if (!q || typeof q !== "object" || q.quant_method !== "fp8" || !Array.isArray(q.weight_block_size)) return null;
  const [a, b] = q.weight_block_size as unknown[];
  return typeof a === "number" && typeof b === "number" && a > 0 && b > 0 ? [a, b] : null;
}

/** Width of the rotary part of a head: MLA's qk_rope_head_dim, else head_dim × the partial rotary factor. */
function rotaryDim(model: NormalizedModel, inventory: Inventory): number {
  if (inventory.attentionType === "MLA") return model.text.int("qk_rope_head_dim", 64).value ?? 64;
  const head = model.headDim.value ?? 0;
  const factor = model.text.value("partial_rotary_factor") ?? model.text.value("rotary_pct");
  return typeof factor === "number" && factor > 0 && factor <= 1 ? Math.floor(head * factor) : head;
}
