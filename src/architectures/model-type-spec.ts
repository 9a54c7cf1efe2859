import type { ConfigReader, Field } from "../normalize/config-reader.js";
import type { HeadKind, NormalizedModel } from "../normalize/normalized-model.js";
import type { Inventory } from "./inventory.js";

/** The config fields every family shares, under their canonical names. */
export type CanonicalKey =
  | "hiddenSize"
  | "numLayers"
  | "intermediateSize"
  | "numHeads"
  | "numKvHeads"
  | "headDim"
  | "vocabSize"
  | "maxPositions"
  | "numExperts"
  | "expertsPerToken";

/**
 * A default may depend on fields already read (Llama's KV heads follow its head count) or on a
 * flag of the config itself (Falcon's and GPTBigCode's `multi_query` means one KV head).
 */
export type DefaultValue = number | null | ((m: Partial<Record<CanonicalKey, number | null>>, config: ConfigReader) => number | null);

/** What a model is, which decides the facts that mean something for it (a KV cache only where it generates). */
export type ModelKind = "decoder" | "encoder" | "encoder-decoder" | "vision" | "audio" | "vision-language" | "state-space" | "hybrid";

/** The core dims every inventory gets by default; a spec lists fewer in `requires` when its class has no such field. */
export const DEFAULT_REQUIRED: readonly CanonicalKey[] = ["hiddenSize", "numLayers", "numHeads", "numKvHeads", "headDim", "vocabSize", "intermediateSize"];

/**
 * What modelcheck knows of one `model_type`: its configuration class's defaults (from
 * `configuration_<type>.py`), its key spellings, and its tensor inventory (from `modeling_<type>.py`).
 */
export interface ModelTypeSpec {
  modelType: string;
  /** The architectures/ file that builds it. */
  family: string;
  /** What the model is; `decoder` when absent (state-space for attention-free specs). */
  kind?: ModelKind;
  /** The modeling file the inventory follows, relative to transformers' `src/transformers/` (or a Hub repo's file for remote code). */
  modelingFile?: string;
  /**
   * The canonical dims that must be valid for a count. Absent: DEFAULT_REQUIRED. A spec whose class
   * has no vocabulary (ViT), or no single width (ResNet, CLIP's two towers), lists only what it reads
   * through RequiredDims; the others are 0 there and its inventory reads its own keys from `model.root`.
   */
  requires?: readonly CanonicalKey[];
  /** Class-name prefixes: `Llama` matches `LlamaForCausalLM` and `LlamaModel`. */
  classPrefixes: string[];
  /** Heads whose parameters the inventory knows; others are counted as the base model and labelled an estimate. */
  heads: HeadKind[];
  /** The head assumed when a config names no class. */
  defaultHead: HeadKind;
  defaults: Partial<Record<CanonicalKey, DefaultValue>>;
  tieWordEmbeddingsDefault: boolean;
  /** Extra key spellings tried before the common ones. */
  aliases?: Partial<Record<CanonicalKey, string[]>>;
  /** The sliding window actually in effect (Qwen2 applies its window only with `use_sliding_window`). */
  slidingWindow?: (m: NormalizedModel) => Field<number | null>;
  /**
   * Pure state-space models (Mamba, Mamba-2) have no attention: head keys are not read (Mamba-2's
   * `num_heads` are SSM heads) and not required; RequiredDims carries 0 for them.
   */
  attentionFree?: boolean;
  /**
   * Multimodal wrappers (Llava, Gemma 3): the model type of the language model, given the config's
   * `text_config` (null when it has none). Its defaults, key spellings, sliding window and tie
   * default apply to the language model's keys; the wrapper's inventory builds the rest.
   */
  textModelType?: (textConfig: ConfigReader | null) => string;
  inventory: (m: RequiredDims) => Inventory;
}

/** A normalized model whose core dimensions are known to be valid. */
export interface RequiredDims {
  model: NormalizedModel;
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  numKvHeads: number;
  headDim: number;
  vocabSize: number;
  intermediateSize: number;
  maxPositions: number | null;
  tied: boolean;
}
