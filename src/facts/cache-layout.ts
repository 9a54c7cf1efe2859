import type { Inventory } from "../architectures/inventory.js";
import { generates, kindOf } from "../architectures/model-kind.js";
import { findSpecByModelType } from "../architectures/registry.js";
import type { ConfigReader } from "../normalize/config-reader.js";
import type { NormalizedModel } from "../normalize/normalized-model.js";

/**
 * What each layer of a model keeps between tokens, the input of the KV-cache facts.
 *
 * - Attention layers keep keys and values for every token they attend to: KV heads × (key width +
 *   value width) elements per token in transformers' cache (DynamicCache; for MLA, DeepSeek's
 *   modeling code caches the decompressed per-head keys and values).
 * - A sliding-window layer holds at most `window` tokens; which layers slide comes from the config's
 *   `layer_types` when it lists them, else from the defaults of the configuration classes
 *   (configuration_gemma2.py: layer i slides when (i + 1) % 2 ≠ 0; configuration_gemma3.py: when
 *   (i + 1) % sliding_window_pattern ≠ 0, pattern 6; configuration_qwen2.py / qwen3: layers from
 *   `max_window_layers` on, only with `use_sliding_window`; Mistral, Phi-3, Starcoder2: every layer).
 * - MLA layers can instead keep the compressed latent, kv_lora_rank + qk_rope_head_dim elements per
 *   token, as vLLM, SGLang and the DeepSeek-V2 paper (§2.1) do.
 * - State-space layers keep a fixed state per sequence: MambaCache's conv state [inner, conv_kernel]
 *   and SSM state [inner, state_size] (Mamba, Jamba), Mamba2's [inner + 2·groups·state, conv_kernel]
 *   and [heads, head_dim, state_size].
 */
export interface CacheLayout {
  /** Attention layers that keep every token. */
  fullLayers: number;
  /** Attention layers that keep at most `window` tokens. */
  slidingLayers: number;
  window: number | null;
  ssmLayers: number;
  /** Cached elements per token per attention layer (keys and values), as transformers holds them. */
  kvElementsPerLayer: number;
  /** The same with one KV head per query head: plain multi-head attention. */
  mhaElementsPerLayer: number;
  /** MLA's compressed latent per token per layer; null without MLA. */
  latentElementsPerLayer: number | null;
  /** Fixed state elements per state-space layer and sequence. */
  stateElementsPerLayer: number;
  notes: string[];
}


/** A positive integer from the config, read without recording problems (the inventory already reported them). */
export function configInt(c: ConfigReader, key: string, fallback: number): number {
  const v = c.value(key);
  return typeof v === "number" && Number.isInteger(v) && v > 0 ? v : fallback;
}

/** The cache layout of a model, or null when it has none (encoder-only) or its dims are unknown. */
export function cacheLayout(model: NormalizedModel, inventory: Inventory): CacheLayout | null {
  // Encoders, vision and audio encoders do not generate, so they keep no cache.
  const spec = model.layoutType ? findSpecByModelType(model.layoutType) : null;
  if (spec && !generates(kindOf(spec))) return null;
  const notes: string[] = [];
  const layers = inventory.decoderLayers ?? model.numLayers.value;
  if (!layers) return null;
  const c = model.text;
  const attentionFree = inventory.attentionType === "NONE";
  const ssm = attentionFree ? layers : ssmLayerCount(inventory);
  const attention = layers - ssm;
  const nHeads = model.numHeads.value ?? 0;
  const nKv = model.numKvHeads.value ?? nHeads;
  const headDim = model.headDim.value ?? 0;
  if (attention > 0 && (!nHeads || !headDim)) return null;

  let kv = 2 * nKv * headDim;
  let mha = 2 * nHeads * headDim;
  let latent: number | null = null;
  if (inventory.attentionType === "MLA") {
    // MiniCPM3Config's MLA defaults differ from DeepSeek's: 32 / 64, v_head_dim = hidden / heads, kv_lora_rank 256.
    const minicpm3 = model.layoutType === "minicpm3";
    const rope = configInt(c, "qk_rope_head_dim", minicpm3 ? 32 : 64);
    const nope = configInt(c, "qk_nope_head_dim", minicpm3 ? 64 : 128);
    const vHead = configInt(c, "v_head_dim", minicpm3 && nHeads ? Math.floor((model.hiddenSize.value ?? 0) / nHeads) : 128);
    kv = nHeads * (nope + rope + vHead);
    mha = kv;
    latent = configInt(c, "kv_lora_rank", minicpm3 ? 256 : 512) + rope;
  }
  const sliding = attention > 0 ? slidingLayerCount(model, attention, notes) : { count: 0, window: null };
  if (inventory.encoderLayers !== undefined) {
    notes.push("decoder self-attention only: cross-attention keys and values over the encoder output (2 × layers × heads × head_dim per encoder token) are not included");
  }
  const state = ssm > 0 ? ssmStateElements(model, notes) : 0;
  return {
    fullLayers: attention - sliding.count,
    slidingLayers: sliding.count,
    window: sliding.count > 0 ? sliding.window : null,
    ssmLayers: ssm,
    kvElementsPerLayer: attention > 0 ? kv : 0,
    mhaElementsPerLayer: attention > 0 ? mha : 0,
    latentElementsPerLayer: latent,
    stateElementsPerLayer: state,
    notes,
  };
}

/** Layers holding state-space tensors (Jamba's Mamba layers), from the inventory's layer lists. */
function ssmLayerCount(inventory: Inventory): number {
  let layers: Set<number> | null = null;
  for (const t of inventory.tensors) {
    if (t.role !== "ssm" || !t.layers) continue;
    layers ??= new Set<number>();
    for (const i of t.layers) layers.add(i);
  }
  return layers?.size ?? 0;
}

function slidingLayerCount(model: NormalizedModel, attentionLayers: number, notes: string[]): { count: number; window: number | null } {
  const c = model.text;
  const window = model.slidingWindow.value;
  const types = c.value("layer_types");
  if (Array.isArray(types) && types.length > 0) {
    let sliding = 0;
    let chunked = 0;
    const other = new Set<string>();
    for (const t of types) {
      if (t === "sliding_attention") sliding++;
      else if (t === "chunked_attention") chunked++;
      else if (t !== "full_attention" && typeof t === "string") other.add(t);
    }
    if (other.size) notes.push(`layer types ${[...other].join(", ")} are counted as full attention`);
    if (chunked > 0) {
      // Llama 4's chunked layers attend within chunks of attention_chunk_size: at most that many tokens.
      const chunk = configInt(c, "attention_chunk_size", 0);
      if (chunk > 0 && (!sliding || window === chunk)) return { count: chunked + sliding, window: chunk };
      notes.push("chunked-attention layers are counted as full attention");
    }
    return window ? { count: Math.min(sliding, attentionLayers), window } : { count: 0, window: null };
  }
  if (!window) return { count: 0, window: null };
  switch (model.layoutType) {
    case "gemma2":
    // GptOssConfig's default layer_types: sliding on layers 0, 2, 4, … (i + 1 odd).
    case "gpt_oss":
      return { count: Math.ceil(attentionLayers / 2), window };
    case "gemma3_text":
    case "gemma3": {
      const pattern = configInt(c, "sliding_window_pattern", configInt(c, "_sliding_window_pattern", 6));
      return { count: attentionLayers - Math.floor(attentionLayers / pattern), window };
    }
    case "qwen2":
    case "qwen2_moe":
    case "qwen3":
    case "qwen3_moe": {
      const first = configInt(c, "max_window_layers", 28);
      return { count: Math.max(0, attentionLayers - first), window };
    }
    default:
      return { count: attentionLayers, window };
  }
}

/** Fixed state elements per state-space layer, per sequence (transformers' Mamba caches). */
function ssmStateElements(model: NormalizedModel, notes: string[]): number {
  const c = model.text;
  const hidden = model.hiddenSize.value ?? 0;
  switch (model.layoutType) {
    case "mamba": {
      const inner = model.intermediateSize.value ?? 2 * hidden;
      return inner * (configInt(c, "conv_kernel", 4) + configInt(c, "state_size", 16));
    }
    case "mamba2": {
      const expand = typeof c.value("expand") === "number" && (c.value("expand") as number) > 0 ? (c.value("expand") as number) : 2;
      const inner = Math.floor(expand * hidden);
      const state = configInt(c, "state_size", 128);
      const heads = configInt(c, "num_heads", 128);
      const headDim = configInt(c, "head_dim", 64);
      const convDim = inner + 2 * configInt(c, "n_groups", 8) * state;
      return convDim * configInt(c, "conv_kernel", 4) + heads * headDim * state;
    }
    case "jamba": {
      const inner = configInt(c, "mamba_expand", 2) * hidden;
      return inner * (configInt(c, "mamba_d_conv", 4) + configInt(c, "mamba_d_state", 16));
    }
    default:
      notes.push("the state of the state-space layers is not modelled for this type and is left out");
      return 0;
  }
}
