import type { ConfigReader, Field, FieldProblem } from "./config-reader.js";

/** What sits on top of the base model, read from the suffix of `architectures[0]`. */
export type HeadKind =
  | "causal-lm"
  | "base"
  | "masked-lm"
  | "pretraining"
  | "sequence-classification"
  | "token-classification"
  | "question-answering"
  | "conditional-generation"
  | "multiple-choice"
  | "image-classification"
  | "masked-image-modeling"
  | "object-detection"
  | "semantic-segmentation"
  | "depth-estimation"
  | "mask-generation"
  | "image-text-to-text"
  | "ctc"
  | "audio-classification"
  | "audio-frame-classification"
  | "x-vector"
  | "speech-seq2seq"
  | "text-to-speech"
  | "with-projection"
  | "backbone"
  | "unknown";

/**
 * One schema for every config dialect. Each field keeps the JSON pointer it was read from, so a
 * rule can point at the key without knowing the dialect.
 */
export interface NormalizedModel {
  modelType: string | null;
  /** `architectures[0]`, the class whose parameters are counted. */
  architecture: string | null;
  /** The architectures/ family that models it; null when unknown. */
  family: string | null;
  /** The model type whose defaults and layout were used (may differ from modelType: kimi_k2 → deepseek_v3). */
  layoutType: string | null;
  head: HeadKind;
  /** Why the layout is a guess, when it is; null when the class is known. */
  estimateReason: string | null;
  /** `_name_or_path`, the name the config was saved under. */
  nameOrPath: Field<string | null>;
  hiddenSize: Field<number | null>;
  numLayers: Field<number | null>;
  intermediateSize: Field<number | null>;
  numHeads: Field<number | null>;
  numKvHeads: Field<number | null>;
  headDim: Field<number | null>;
  vocabSize: Field<number | null>;
  maxPositions: Field<number | null>;
  tieWordEmbeddings: Field<boolean>;
  slidingWindow: Field<number | null>;
  numExperts: Field<number | null>;
  expertsPerToken: Field<number | null>;
  /** Type problems found while reading; MC003 reports them. */
  problems: FieldProblem[];
  /** The config object holding the language model's keys (the root, or `text_config`). */
  text: ConfigReader;
  root: ConfigReader;
}

/** The normalized model as plain data (what `schemas/normalized-model.schema.json` describes). */
export function normalizedModelData(model: NormalizedModel): Record<string, unknown> {
  const { text: _text, root: _root, ...data } = model;
  return data;
}
