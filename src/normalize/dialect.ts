import type { ConfigReader, Field } from "./config-reader.js";
import type { HeadKind, NormalizedModel } from "./normalized-model.js";

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

/**
 * How one `model_type` writes its config: its configuration class's defaults (from
 * `configuration_<type>.py`), key spellings and class names. Normalization needs only this; the
 * architectures' specs extend it with their tensor inventories, and are handed to normalization
 * through a DialectLookup, so that normalize/ never imports the stage after it.
 */
export interface Dialect {
  modelType: string;
  /** The architectures/ file that builds it. */
  family: string;
  /** Class-name prefixes: `Llama` matches `LlamaForCausalLM` and `LlamaModel`. */
  classPrefixes: string[];
  /** Heads whose parameters the inventory knows; others are counted as the base model and labelled an estimate. */
  heads: HeadKind[];
  /** The head assumed when a config names no class. */
  defaultHead: HeadKind;
  defaults: Partial<Record<CanonicalKey, DefaultValue>>;
  tieWordEmbeddingsDefault: boolean;
  /**
   * Config keys whose null means "derive it" for this dialect (GPT-Neo's `intermediate_size: null`
   * is 4 × hidden_size), so a null there takes the family default without a type problem.
   */
  nullMeansDerived?: string[];
  /** Extra key spellings tried before the common ones. */
  aliases?: Partial<Record<CanonicalKey, string[]>>;
  /**
   * Canonical keys read only under the family's own `aliases`, never the common spellings (Swin's
   * `num_heads` is a list of per-stage head counts, not one head count).
   */
  ownAliasesOnly?: CanonicalKey[];
  /**
   * Canonical keys whose 0 is a real value of the family, not a broken config (GraniteMoeHybrid's
   * dense checkpoints publish num_local_experts 0 and num_experts_per_tok 0).
   */
  allowZero?: CanonicalKey[];
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
}

/** Finds the dialect of a config: by its `model_type`, or by the class named in `architectures[0]`. */
export interface DialectLookup {
  byModelType(modelType: string): Dialect | null;
  byClass(className: string): Dialect | null;
}
