import type { CanonicalKey, Dialect } from "../normalize/dialect.js";
import type { NormalizedModel } from "../normalize/normalized-model.js";
import type { Inventory } from "./inventory.js";

export type { CanonicalKey, DefaultValue } from "../normalize/dialect.js";

/** What a model is, which decides the facts that mean something for it (a KV cache only where it generates). */
export type ModelKind = "decoder" | "encoder" | "encoder-decoder" | "vision" | "audio" | "vision-language" | "state-space" | "hybrid";

/** The core dims every inventory gets by default; a spec lists fewer in `requires` when its class has no such field. */
export const DEFAULT_REQUIRED: readonly CanonicalKey[] = ["hiddenSize", "numLayers", "numHeads", "numKvHeads", "headDim", "vocabSize", "intermediateSize"];

/**
 * What modelcheck knows of one `model_type`: its config dialect (normalize/dialect.ts: defaults
 * from `configuration_<type>.py`, key spellings, class names) and its tensor inventory (from
 * `modeling_<type>.py`).
 */
export interface ModelTypeSpec extends Dialect {
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
