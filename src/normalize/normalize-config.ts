import type { CanonicalKey, Dialect, DialectLookup } from "./dialect.js";
import { ConfigReader, field, type Field, type FieldProblem, type IntegerKind } from "./config-reader.js";
import { splitClassName } from "./class-name.js";
import type { HeadKind, NormalizedModel } from "./normalized-model.js";

/** Key spellings of the config dialects, tried in order after a family's own aliases. */
const COMMON_ALIASES: Record<CanonicalKey, string[]> = {
  hiddenSize: ["hidden_size", "n_embd", "d_model", "n_embed", "dim", "model_dim"],
  numLayers: ["num_hidden_layers", "n_layer", "num_layers", "n_layers"],
  numHeads: ["num_attention_heads", "n_head", "num_heads", "n_heads"],
  numKvHeads: ["num_key_value_heads", "num_kv_heads", "n_head_kv", "n_kv_heads"],
  intermediateSize: ["intermediate_size", "n_inner", "ffn_dim", "d_ff", "ffn_hidden_size"],
  vocabSize: ["vocab_size", "n_vocab", "padded_vocab_size"],
  maxPositions: ["max_position_embeddings", "n_positions", "max_sequence_length", "seq_length", "n_ctx", "max_seq_len"],
  headDim: ["head_dim"],
  numExperts: ["num_local_experts", "num_experts", "n_routed_experts", "moe_num_experts"],
  expertsPerToken: ["num_experts_per_tok", "num_experts_per_token", "moe_top_k"],
};

const KINDS: Record<CanonicalKey, IntegerKind> = {
  hiddenSize: "width",
  numLayers: "count",
  numHeads: "count",
  numKvHeads: "count",
  intermediateSize: "width",
  vocabSize: "vocab",
  maxPositions: "positions",
  headDim: "width",
  numExperts: "count",
  expertsPerToken: "count",
};

/** Read order matters: later defaults may depend on earlier values. */
const READ_ORDER: CanonicalKey[] = ["hiddenSize", "numLayers", "numHeads", "numKvHeads", "headDim", "intermediateSize", "vocabSize", "maxPositions", "numExperts", "expertsPerToken"];

/** Core dims a null cannot stand for. */
const NULL_IS_INVALID = new Set<CanonicalKey>(["hiddenSize", "numLayers", "numHeads", "intermediateSize"]);
/** Keys of other dims whose null no config class accepts (T5's d_kv; Llama's head_dim: null means hidden / heads). */
const NULL_INVALID_KEYS = new Set(["d_kv"]);
/** Keys whose null means "derive it": GPT-2/GPT-J/CodeGen's n_inner and Falcon's ffn_hidden_size are 4 × hidden when null. */
const NULL_MEANS_DERIVED = new Set(["n_inner", "ffn_hidden_size"]);

/** Keys an attention-free model (Dialect.attentionFree) does not have. */
const ATTENTION_KEYS = new Set<CanonicalKey>(["numHeads", "numKvHeads", "headDim"]);

const aliasCache = new WeakMap<object, Record<CanonicalKey, string[]>>();
const NO_SPEC = {};

/** A family's own spellings first, then the common ones; built once per family. */
function aliasesFor(spec: Dialect | null): Record<CanonicalKey, string[]> {
  const key = spec ?? NO_SPEC;
  let aliases = aliasCache.get(key);
  if (!aliases) {
    aliases = {} as Record<CanonicalKey, string[]>;
    for (const k of READ_ORDER) aliases[k] = [...(spec?.aliases?.[k] ?? []), ...(spec?.ownAliasesOnly?.includes(k) ? [] : COMMON_ALIASES[k])];
    aliasCache.set(key, aliases);
  }
  return aliases;
}

/**
 * Map any config dialect to the normalized model, applying the model type's own defaults. The
 * dialects come from the caller (architectures/normalize-config.ts hands over the registry's).
 */
export function normalizeWithDialects(config: Record<string, unknown>, dialects: DialectLookup): NormalizedModel {
  const problems: FieldProblem[] = [];
  const root = new ConfigReader(config, "", problems);
  const architecture = readArchitecture(root, problems);
  const modelType = root.string("model_type").value;

  const split = architecture ? splitClassName(architecture) : null;
  const byClass = architecture ? dialects.byClass(architecture) : null;
  const byType = modelType ? dialects.byModelType(modelType) : null;
  // A class prefix two model types share (Gemma3ForConditionalGeneration is "gemma3", Gemma3ForCausalLM
  // "gemma3_text") goes to the spec of the config's own model type when that type claims it.
  const spec = byType && split && byType.classPrefixes.includes(split.prefix) ? byType : (byClass ?? byType);
  const head: HeadKind = split?.head ?? spec?.defaultHead ?? "unknown";

  let estimateReason: string | null = null;
  if (!spec) {
    estimateReason = `model type ${modelType ? `"${modelType}"` : "(none)"}${architecture ? ` and class ${architecture}` : ""} are not known to modelcheck`;
  } else if (architecture && !byClass) {
    estimateReason = `class ${architecture} is not one modelcheck knows; counted with the layout of model type "${spec.modelType}"`;
  } else if (!spec.heads.includes(head)) {
    estimateReason = `the ${head} head of ${architecture} is not modelled; counted without its head`;
  }

  // A multimodal wrapper (Llava, Gemma 3) reads its language model from `text_config`, with the
  // defaults, spellings and sliding window of that model's own type.
  const textConfig = spec?.textModelType ? root.child("text_config") : null;
  const text = spec?.textModelType ? (textConfig ?? root) : languageModelReader(root);
  const textSpec = spec?.textModelType ? dialects.byModelType(spec.textModelType(textConfig)) : spec;
  const values: Partial<Record<CanonicalKey, number | null>> = {};
  const fields = {} as Record<CanonicalKey, Field<number | null>>;
  for (const key of READ_ORDER) {
    if (textSpec?.attentionFree && ATTENTION_KEYS.has(key)) {
      fields[key] = field(null, null, "default");
      values[key] = null;
      continue;
    }
    const aliases = aliasesFor(textSpec)[key];
    const fallback = textSpec?.defaults[key];
    const defaultValue = typeof fallback === "function" ? fallback(values, text) : (fallback ?? null);
    // A core dim written as null is unusable (the config class would build nothing from it), unless
    // the key means "derive it" (GPT-2's n_inner, Falcon's ffn_hidden_size: 4 × hidden).
    const nullKey = !text.firstKey(aliases) ? aliases.find((a) => Object.hasOwn(text.raw, a) && text.raw[a] === null && (NULL_IS_INVALID.has(key) ? !NULL_MEANS_DERIVED.has(a) && !textSpec?.nullMeansDerived?.includes(a) : NULL_INVALID_KEYS.has(a))) : undefined;
    // A null vocabulary is no vocabulary (Wav2Vec2-BERT's base model); a class that needs one gets no count.
    if (key === "vocabSize" && !text.firstKey(aliases) && aliases.some((a) => Object.hasOwn(text.raw, a) && text.raw[a] === null)) {
      const nullVocab = aliases.find((a) => Object.hasOwn(text.raw, a))!;
      fields[key] = field(null, text.pointerOf(nullVocab), "config");
      values[key] = null;
      continue;
    }
    if (nullKey) {
      problems.push({ key: nullKey, pointer: text.pointerOf(nullKey), value: null, problem: "type", message: `"${nullKey}" must be an integer, found null`, read: "int" });
      // Nothing sensible replaces a null width or depth; a null MLP width takes the class default, labelled.
      fields[key] = field(key === "intermediateSize" ? defaultValue : null, text.pointerOf(nullKey), "config");
      values[key] = fields[key].value;
      continue;
    }
    fields[key] = text.int(aliases, defaultValue, KINDS[key], textSpec?.allowZero?.includes(key) ?? false);
    values[key] = fields[key].value;
  }
  // head_dim defaults to hidden / heads (integer division, as the modeling code does) when neither key nor family default gives one.
  if (fields.headDim.value === null && fields.headDim.origin === "default" && values.hiddenSize && values.numHeads) {
    fields.headDim = field(Math.floor(values.hiddenSize / values.numHeads), null, "derived");
  }

  const tieSource = text !== root && text.has("tie_word_embeddings") ? text : root;
  const model: NormalizedModel = {
    modelType,
    architecture,
    family: spec?.family ?? null,
    layoutType: spec?.modelType ?? null,
    head,
    estimateReason,
    nameOrPath: root.string("_name_or_path"),
    hiddenSize: fields.hiddenSize,
    numLayers: fields.numLayers,
    intermediateSize: fields.intermediateSize,
    numHeads: fields.numHeads,
    numKvHeads: fields.numKvHeads,
    headDim: fields.headDim,
    vocabSize: fields.vocabSize,
    maxPositions: fields.maxPositions,
    tieWordEmbeddings: tieSource.bool("tie_word_embeddings", (textSpec ?? spec)?.tieWordEmbeddingsDefault ?? false),
    slidingWindow: field(null, null, "default"),
    numExperts: fields.numExperts,
    expertsPerToken: fields.expertsPerToken,
    problems,
    text,
    root,
  };
  const window = textSpec?.slidingWindow ? textSpec.slidingWindow(model) : text.int("sliding_window", null, "positions", true);
  // Some configs write 0 for "no window" (Qwen2-MoE's default).
  model.slidingWindow = window.value === 0 ? field(null, window.pointer, window.origin) : window;
  return model;
}

function readArchitecture(root: ConfigReader, problems: FieldProblem[]): string | null {
  if (!root.has("architectures")) return null;
  const value = root.value("architectures");
  if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  if (Array.isArray(value) && value.length === 0) return null;
  problems.push({ key: "architectures", pointer: "/architectures", value, problem: "type", message: `"architectures" must be a list of class names` });
  return null;
}

/** Multimodal configs keep the language model's keys under `text_config`. */
function languageModelReader(root: ConfigReader): ConfigReader {
  if (root.firstKey(COMMON_ALIASES.hiddenSize)) return root;
  return root.child("text_config") ?? root;
}

