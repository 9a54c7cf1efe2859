import { findSpecByModelType, MODEL_TYPE_SPECS } from "../architectures/registry.js";
import { UsageError } from "../errors.js";
import type { HeadKind } from "../normalize/normalized-model.js";

/** What `modelcheck estimate` was told; absent fields take the family's defaults. */
export interface EstimateInput {
  family: string;
  dModel: number;
  layers: number;
  vocab?: number;
  dFf?: number;
  heads?: number;
  kvHeads?: number;
  experts?: number;
  expertsPerToken?: number;
  tied?: boolean;
  context?: number;
  /** Any other config key, applied last. */
  set?: Record<string, unknown>;
}

export interface EstimateConfig {
  config: Record<string, unknown>;
  /** The model type whose layout is counted (llama with experts becomes mixtral). */
  modelType: string;
  /** Every default assumed, in words, for the report. */
  assumptions: string[];
}

/** Families whose MLP is gated (gate, up and down projections): d_ff defaults to 8/3·d. */
const GATED = new Set(["llama", "mistral", "mixtral", "qwen2", "qwen2_moe", "qwen3", "qwen3_moe", "gemma", "gemma2", "gemma3_text", "phi3", "olmo2", "smollm3", "cohere", "granite", "deepseek_v2", "deepseek_v3", "olmo", "starcoder2", "jamba"]);
/** Expert-count keys of the MoE families an estimate can build. */
const EXPERT_KEYS: Record<string, { experts: string; perToken: string; ff?: string }> = {
  mixtral: { experts: "num_local_experts", perToken: "num_experts_per_tok" },
  qwen3_moe: { experts: "num_experts", perToken: "num_experts_per_tok", ff: "moe_intermediate_size" },
  qwen2_moe: { experts: "num_experts", perToken: "num_experts_per_tok", ff: "moe_intermediate_size" },
  gpt_oss: { experts: "num_local_experts", perToken: "num_experts_per_tok" },
};
/** The dense family a MoE request turns into its MoE sibling. */
const MOE_SIBLING: Record<string, string> = { llama: "mixtral", mistral: "mixtral", qwen3: "qwen3_moe", qwen2: "qwen2_moe" };
/** The class an estimate counts: the family's usual head, under the name transformers gives it. */
const CLASS_SUFFIX: Record<string, string> = { gpt2: "LMHeadModel", "openai-gpt": "LMHeadModel" };
const HEAD_SUFFIX: Partial<Record<HeadKind, string>> = { "causal-lm": "ForCausalLM", "masked-lm": "ForMaskedLM", "conditional-generation": "ForConditionalGeneration", base: "Model" };
/**
 * Families an estimate cannot build from flat dims: vision-language models read their text_config,
 * and encoder-decoder configs name each stack's layers and widths apart (BartConfig maps
 * num_hidden_layers to encoder_layers only; T5Config ignores intermediate_size for d_ff).
 */
const NOT_BUILT: Record<string, string> = {
  llava: "is a vision-language model; estimate its language model with --family llama",
  gemma3: "is a vision-language model; estimate its language model with --family gemma3_text",
  t5: "is an encoder-decoder model, whose config names each stack apart; estimate builds decoder-only and encoder-only models",
  bart: "is an encoder-decoder model, whose config names each stack apart; estimate builds decoder-only and encoder-only models",
  whisper: "is an encoder-decoder model, whose config names each stack apart; estimate builds decoder-only and encoder-only models",
};
/** State-space families: their "intermediate" width is the mixer's inner width, expand × hidden (configuration_mamba.py: expand 2). */
const SSM_EXPAND: Record<string, number> = { mamba: 2, mamba2: 2 };
/** Families whose MLP width the config class does not read: it is 4 × hidden, whatever the config says (transformers' MptMLP too). */
const FIXED_FFN = new Set(["openai-gpt", "bloom", "mpt"]);
/**
 * Config keys a family's config class reads under another name, and would otherwise ignore (its
 * attribute_map covers hidden_size, num_attention_heads and num_hidden_layers, not the MLP width).
 */
const KEY_NAMES: Record<string, Record<string, string>> = {
  gpt2: { intermediate_size: "n_inner" },
  gptj: { intermediate_size: "n_inner" },
  gpt_bigcode: { intermediate_size: "n_inner" },
  opt: { intermediate_size: "ffn_dim" },
  falcon: { intermediate_size: "ffn_hidden_size" },
  distilbert: { intermediate_size: "hidden_dim" },
};

/** Llama's rule (multiple_of = 256): 2/3 of 4·d, rounded up to a multiple of 256. */
export function llamaFfn(dModel: number): number {
  return 256 * Math.ceil((8 * dModel) / 3 / 256);
}

/** Heads 128 wide from d_model 1024 on (when they divide it), else 64 wide; not an integer when neither divides. */
export function defaultHeads(dModel: number): number {
  return dModel % 128 === 0 && dModel >= 1024 ? dModel / 128 : dModel / 64;
}

/**
 * Build the config.json of a model that does not exist yet, stating every default it assumes.
 * The count then comes from the same inventory as for a real config.
 */
export function buildEstimateConfig(input: EstimateInput): EstimateConfig {
  const assumptions: string[] = [];
  let modelType = input.family;
  if (input.experts && !EXPERT_KEYS[modelType]) {
    const sibling = MOE_SIBLING[modelType];
    if (!sibling) throw new UsageError(`--experts is supported for llama, mistral, qwen2, qwen3 and their MoE families, not ${input.family}`);
    assumptions.push(`${input.experts} experts: counted with the ${sibling} layout`);
    modelType = sibling;
  }
  if (NOT_BUILT[modelType]) throw new UsageError(`--family ${modelType} ${NOT_BUILT[modelType]}`);
  const spec = findSpecByModelType(modelType);
  if (!spec) throw new UsageError(`unknown family "${input.family}"; the model types modelcheck counts exactly: ${MODEL_TYPE_SPECS.map((s) => s.modelType).sort().join(", ")}`);

  const d = input.dModel;
  const heads = input.heads ?? defaultHeads(d);
  if (input.heads === undefined) assumptions.push(`${heads} attention heads (head_dim ${d / heads})`);
  if (!Number.isInteger(heads)) throw new UsageError(`--d-model ${d} cannot be split into 64- or 128-wide heads; pass --heads`);
  const kvHeads = input.kvHeads ?? heads;
  if (input.kvHeads === undefined) assumptions.push(`${kvHeads} KV heads (MHA; pass --kv-heads for GQA)`);
  const gated = GATED.has(modelType);
  if (input.dFf !== undefined && FIXED_FFN.has(modelType) && input.dFf !== 4 * d) throw new UsageError(`--d-ff ${input.dFf}: ${modelType}'s MLP is 4 × d_model (${4 * d}); its config has no MLP width`);
  const ssm = SSM_EXPAND[modelType];
  const expertWidth = modelType === "gpt_oss";
  const dFf = input.dFf ?? (ssm ? ssm * d : expertWidth ? d : gated ? llamaFfn(d) : 4 * d);
  const rule = ssm
    ? `${ssm}·d_model, the inner width of Mamba's default expand = ${ssm}`
    : expertWidth
      ? "d_model: gpt-oss's experts are as wide as the model (2880 in both releases)"
      : gated
        ? "8/3·d_model rounded up to a multiple of 256, Llama's rule for a gated MLP"
        : "4·d_model";
  if (input.dFf === undefined) assumptions.push(`d_ff ${dFf} (${rule})`);
  const vocab = input.vocab ?? 32000;
  if (input.vocab === undefined) assumptions.push("vocabulary 32000");
  const context = input.context ?? 4096;
  if (input.context === undefined) assumptions.push("context 4096");
  const tied = input.tied ?? spec.tieWordEmbeddingsDefault;
  if (input.tied === undefined) assumptions.push(`${tied ? "tied" : "untied"} input and output embeddings (${modelType}'s default)`);

  const className = `${spec.classPrefixes[0]}${CLASS_SUFFIX[modelType] ?? HEAD_SUFFIX[spec.defaultHead] ?? "ForCausalLM"}`;
  const config: Record<string, unknown> = {
    architectures: [className],
    model_type: modelType,
    hidden_size: d,
    num_hidden_layers: input.layers,
    num_attention_heads: heads,
    num_key_value_heads: kvHeads,
    head_dim: d / heads,
    intermediate_size: dFf,
    vocab_size: vocab,
    max_position_embeddings: context,
    tie_word_embeddings: tied,
  };
  if (input.experts) {
    const keys = EXPERT_KEYS[modelType]!;
    const perToken = input.expertsPerToken ?? 2;
    if (input.expertsPerToken === undefined) assumptions.push("2 experts per token");
    config[keys.experts] = input.experts;
    config[keys.perToken] = perToken;
    if (keys.ff) config[keys.ff] = dFf;
  }
  for (const [key, renamed] of Object.entries(KEY_NAMES[modelType] ?? {})) {
    config[renamed] = config[key];
    delete config[key];
  }
  for (const [key, value] of Object.entries(input.set ?? {})) {
    if (key === "__proto__" || key === "constructor" || key === "prototype") throw new UsageError(`--set ${key} is not a config key`);
    config[key] = value;
  }
  return { config, modelType, assumptions };
}
