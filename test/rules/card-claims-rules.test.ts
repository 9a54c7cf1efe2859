import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cardArchitectureMismatch } from "../../rules/card-architecture-mismatch.js";
import { cardAttentionType } from "../../rules/card-attention-type.js";
import { cardContextLength } from "../../rules/card-context-length.js";
import { cardParameterCount } from "../../rules/card-parameter-count.js";
import { cardTrainingTokens } from "../../rules/card-training-tokens.js";
import { readFixtureConfig } from "../helpers/count.js";
import { ROOT } from "../helpers/run-cli.js";
import { runCardRule, testCardRule } from "../card-rule-tester.js";

const cardDir = (name: string) => join(ROOT, "fixtures", "cards", name);
const fixtureCard = (name: string) => readFileSync(join(cardDir(name), "README.md"), "utf8");
const fixtureConfig = (name: string) => JSON.parse(readFileSync(join(cardDir(name), "config.json"), "utf8")) as Record<string, unknown>;

// Totals computed from the configs, each equal to the Hub's safetensors total for the repo:
// Meta-Llama-3-8B 8,030,261,248; Meta-Llama-3-70B 70,553,706,496; Mistral-7B-v0.1 7,241,732,096;
// Qwen2.5-7B-Instruct 7,615,616,512; TinyLlama-1.1B 1,100,048,384; Mixtral-8x7B 46,702,792,704
// (12,879,925,248 active, 2 of 8 experts); gemma-2-2b 2,614,341,888 of which 589,824,000 embeddings.
const llama8b = readFixtureConfig("meta-llama--Meta-Llama-3-8B");
const llama70b = fixtureConfig("llama-3-70b-wrong-table");
const llama2 = readFixtureConfig("meta-llama--Llama-2-7b-hf");
const mistral = readFixtureConfig("mistralai--Mistral-7B-v0.1");
const mistralV3 = readFixtureConfig("mistralai--Mistral-7B-v0.3");
const mixtral = readFixtureConfig("mistralai--Mixtral-8x7B-v0.1");
const qwen = readFixtureConfig("Qwen--Qwen2.5-7B-Instruct");
const tinyllama = readFixtureConfig("TinyLlama--TinyLlama-1.1B-Chat-v1.0");
const gemma2b = readFixtureConfig("google--gemma-2-2b-it");
// Llama 3.1's rope scaling as its config.json on the Hub sets it.
const llama31 = { ...readFixtureConfig("meta-llama--Llama-3.1-70B"), rope_scaling: { rope_type: "llama3", factor: 8.0, original_max_position_embeddings: 8192, low_freq_factor: 1.0, high_freq_factor: 4.0 } };

const card = (body: string) => `---\nlicense: mit\n---\n${body}`;
/** The Llama-3-style two-row table of fixtures/cards/llama-3-8b-spec-table (rows for 8B and 70B). */
const llamaStyle = fixtureCard("llama-3-8b-spec-table");

describe("MC401 card-parameter-count", () => {
  testCardRule(cardParameterCount, {
    valid: [
      { name: "realistic: Llama-3-style table, 8B row on Meta-Llama-3-8B", card: llamaStyle, config: llama8b },
      { name: "realistic: the same table, 70B row on Meta-Llama-3-70B", card: llamaStyle, config: llama70b },
      { name: "realistic: Mistral-style prose, 7 billion on 7.24B", card: fixtureCard("mistral-7b-prose"), config: mistral },
      { name: "realistic: Qwen-style list, 7.61B and 6.53B non-embedding", card: fixtureCard("qwen2.5-7b-spec-list"), config: qwen },
      { name: "a 1.1B model", card: card("TinyLlama is a 1.1B model trained from scratch.\n"), config: tinyllama },
      { name: "MoE total and active", card: card("It has 46.7B total parameters but only uses 12.9B parameters per token.\n"), config: mixtral },
      { name: "comparisons describe other models", card: card("It outperforms 13B parameter models on every benchmark we ran.\n"), config: mistral },
      { name: "model names are MC201's", card: card("Fine-tuned from Mistral-7B-v0.1 with 100 steps.\n"), config: llama8b },
      { name: "lone README.md: no config, no claims checked", card: card("This is a 9B parameter model.\n") },
      { name: "a size in GB is not a count", card: card("| Spec | Value |\n|---|---|\n| Model size | 14.5 GB |\n"), config: mistral },
    ],
    invalid: [
      { name: "8.5B parameters on 7.24B", card: card("# M\n\nA model with 8.5B parameters.\n"), config: mistral, errors: [{ ruleId: "MC401", line: 6, column: 14, severity: "warning" }] },
      { name: "tolerance option: 7.3B is 0.8% above 7.24B, beyond 0.5% and the 0.05B rounding", card: card("A 7.3B-parameter model.\n\nThis is a 7.3B model.\n"), config: mistral, options: { tolerance: 0.005 }, errors: [{ ruleId: "MC401", line: 4 }, { ruleId: "MC401", line: 6 }] },
      { name: "spec table: Parameters | 13B", card: card("| Spec | Value |\n| --- | --- |\n| Parameters | 13B |\n"), config: mistral, errors: [{ ruleId: "MC401", line: 6, column: 16 }] },
      { name: "gemma-2-2b: 2B is the count without embeddings (info)", card: card("Gemma is a family of models; this is a 2B model.\n"), config: gemma2b, errors: [{ ruleId: "MC401", line: 4, severity: "info" }] },
      { name: "Mixtral: a 13B model is the active count (info)", card: card("This is a 13B model.\n"), config: mixtral, errors: [{ ruleId: "MC401", line: 4, severity: "info" }] },
      { name: "wrong active count", card: card("Only 7B active parameters per token.\n"), config: mixtral, errors: [{ ruleId: "MC401", line: 4, column: 6 }] },
      { name: "a sentence over two lines", card: card("The released checkpoint has\n9 billion parameters in total.\n"), config: mistral, errors: [{ ruleId: "MC401", line: 5, column: 1 }] },
    ],
  });

  it("names both values and the tolerance", () => {
    const [finding] = runCardRule(cardParameterCount, { card: card("A model with 8.5B parameters.\n"), config: mistral });
    expect(finding!.message).toContain('claims 8.50B total parameters ("8.5B parameters")');
    expect(finding!.message).toContain("7,241,732,096");
    expect(finding!.message).toContain("tolerance ±5%");
  });
});

describe("MC402 card-architecture-mismatch", () => {
  testCardRule(cardArchitectureMismatch, {
    valid: [
      { name: "realistic: Qwen-style list, 28 for Q and 4 for KV", card: fixtureCard("qwen2.5-7b-spec-list"), config: qwen },
      { name: "abbreviated vocabulary: 128K rounds to 128,256", card: card("| Spec | Value |\n|---|---|\n| Vocab size | 128K |\n| Layers | 80 |\n| Hidden size | 8,192 |\n| Attention heads | 64 |\n| KV heads | 8 |\n| d_ff | 28672 |\n"), config: llama70b },
      { name: "Mistral reference-style table", card: card("| dim | n_layers | head_dim | n_heads | n_kv_heads | vocab_size |\n|---|---|---|---|---|---|\n| 4096 | 32 | 128 | 32 | 8 | 32000 |\n"), config: mistral },
      { name: "a two-variant table is read at the variant matching the count", card: card("| Spec | 8B | 70B |\n|---|---|---|\n| Parameters | 8B | 70B |\n| Layers | 32 | 80 |\n| Hidden size | 4096 | 8192 |\n"), config: llama70b },
      { name: "an ambiguous multi-variant table is skipped", card: card("| Model | Params | Layers |\n|---|---|---|\n| A | 70B | 60 |\n| B | 70B | 96 |\n"), config: llama70b },
    ],
    invalid: [
      { name: "realistic: KV heads | 16 on Meta-Llama-3-70B (8)", card: fixtureCard("llama-3-70b-wrong-table"), config: llama70b, errors: [{ ruleId: "MC402", line: 21, column: 14 }] },
      { name: "list spec", card: card("- Number of Layers: 30\n- Hidden size: 4096\n"), config: mistral, errors: [{ ruleId: "MC402", line: 4, column: 21 }] },
      { name: "broken front matter (MC302) does not stop the body's claims", card: "---\nlicense: [mit\n---\n- Number of Layers: 30\n", config: mistral, errors: [{ ruleId: "MC402", line: 4 }] },
      { name: "default KV heads of a Llama config without the key", card: card("- KV heads: 8\n"), config: { ...llama8b, num_key_value_heads: undefined }, errors: [{ ruleId: "MC402", line: 4 }] },
    ],
  });

  it("names the config field and both values", () => {
    const [finding] = runCardRule(cardArchitectureMismatch, { card: fixtureCard("llama-3-70b-wrong-table"), config: llama70b });
    expect(finding!.message).toBe('the card states a key/value head count of 16 ("KV heads | 16"), but config.json has num_key_value_heads = 8');
  });
});

describe("MC403 card-context-length", () => {
  testCardRule(cardContextLength, {
    valid: [
      { name: "realistic: 8k on 8192 (Llama-3-style table)", card: llamaStyle, config: llama8b },
      { name: "Llama 3.1: 128K context is max_position_embeddings", card: card("It supports a 128K context window.\n"), config: llama31 },
      { name: "Llama 3.1: the 8k original context before rope scaling", card: card("- Context length: 8k\n"), config: llama31 },
      { name: "Qwen2.5 with YaRN set in the config: 32,768 × 4", card: fixtureCard("qwen2.5-7b-spec-list"), config: { ...qwen, rope_scaling: { type: "yarn", factor: 4.0, original_max_position_embeddings: 32768 } } },
      { name: "Mistral 7B v0.1: the 4096 sliding window", card: card("| Context length | 4096 |\n|---|---|\n"), config: mistral },
      { name: "32k written as 32768 tokens of context", card: card("A context length of 32768 tokens.\n"), config: mistral },
      { name: "a spec label whose value is a sentence, not a number", card: card("- Context: the model was trained on 2048-token sequences of support chats.\n"), config: llama8b },
    ],
    invalid: [
      { name: "realistic: Context length | 32k tokens on 8192", card: fixtureCard("llama-3-70b-wrong-table"), config: llama70b, errors: [{ ruleId: "MC403", line: 23, column: 20, severity: "warning" }] },
      { name: "realistic: Qwen2.5's 131,072 needs the YaRN the card describes (info)", card: fixtureCard("qwen2.5-7b-spec-list"), config: qwen, errors: [{ ruleId: "MC403", line: 26, column: 24, severity: "info" }] },
      { name: "the same claim without the YaRN instructions", card: card("- Context Length: 131,072 tokens\n"), config: qwen, errors: [{ ruleId: "MC403", line: 4, severity: "warning" }] },
      { name: "prose: a 32k context on Llama 3 8B", card: card("The model has a 32k context.\n"), config: llama8b, errors: [{ ruleId: "MC403", line: 4, column: 17 }] },
      { name: "shorter than the config (info)", card: card("Trained with a context length of 2048 tokens.\n"), config: llama8b, errors: [{ ruleId: "MC403", line: 4, severity: "info" }] },
    ],
  });

  it("names the config field and both values", () => {
    const [finding] = runCardRule(cardContextLength, { card: fixtureCard("llama-3-70b-wrong-table"), config: llama70b });
    expect(finding!.message).toBe('the card claims a context of 32k tokens ("Context length | 32k tokens"), but config.json has max_position_embeddings = 8192');
  });
});

describe("MC404 card-attention-type", () => {
  testCardRule(cardAttentionType, {
    valid: [
      { name: "realistic: Mistral-style bullets (GQA, sliding window)", card: fixtureCard("mistral-7b-prose"), config: mistral },
      { name: "realistic: Llama-3-style GQA sentence and table", card: llamaStyle, config: llama8b },
      { name: "negated", card: card("Unlike its successor, this model does not use grouped-query attention.\n"), config: llama2 },
      { name: "mentioned, not claimed", card: card("Grouped-query attention was introduced by Ainslie et al.\n"), config: llama2 },
      { name: "multi-head attention on Llama-2-7b's MHA", card: card("A transformer that uses multi-head attention.\n"), config: llama2 },
      { name: "multi-head attention as the generic mechanism beside GQA", card: card("It uses grouped-query attention, a variant of multi-head attention.\n"), config: llama8b },
    ],
    invalid: [
      { name: "GQA claimed on Llama-2-7b's MHA", card: card("The model uses grouped-query attention (GQA).\n"), config: llama2, errors: [{ ruleId: "MC404", line: 4, column: 16 }] },
      { name: "table cell GQA | Yes on MHA", card: card("| Params | GQA |\n|---|---|\n| 7B | Yes |\n"), config: llama2, errors: [{ ruleId: "MC404", line: 6 }] },
      { name: "multi-head attention claimed on Llama-3-8B's GQA (issue 15 item 6)", card: card("A transformer that uses multi-head attention.\n"), config: llama8b, errors: [{ ruleId: "MC404", line: 4, column: 25 }] }, // "A transformer that uses " is 24 characters
      { name: "MQA claimed on GQA", card: card("It employs multi-query attention for fast decoding.\n"), config: llama8b, errors: [{ ruleId: "MC404", line: 4 }] },
      { name: "sliding window claimed, v0.3 config has none", card: card("- Sliding-Window Attention\n"), config: mistralV3, errors: [{ ruleId: "MC404", line: 4, column: 3 }] },
    ],
  });
});

describe("MC405 card-training-tokens", () => {
  testCardRule(cardTrainingTokens, {
    valid: [
      { name: "no training amount", card: card("The dataset has 2T tokens of text.\n"), config: llama8b },
      { name: "no config", card: llamaStyle },
      { name: "comparison", card: card("Llama 2 was trained on 2T tokens, less than this model.\n"), config: llama8b },
    ],
    invalid: [
      // Stated twice (table line 24 and prose line 27): reported once, at the first.
      { name: "realistic: 15T+ on Meta-Llama-3-8B", card: llamaStyle, config: llama8b, errors: [{ ruleId: "MC405", line: 24, severity: "info" }] },
      { name: "prose: trained on 3 trillion tokens", card: card("TinyLlama was pretrained on 3 trillion tokens.\n"), config: tinyllama, errors: [{ ruleId: "MC405", line: 4 }] },
    ],
  });

  it("turns 15T tokens on 8,030,261,248 parameters into 93× Chinchilla's 20 tokens per parameter", () => {
    // 15e12 / 8,030,261,248 = 1,867.96 tokens per parameter; / 20 = 93.4.
    const [finding] = runCardRule(cardTrainingTokens, { card: llamaStyle, config: llama8b });
    expect(finding!.message).toContain("1,868 tokens per parameter, 93× the Chinchilla-optimal 20 tokens per parameter");
    expect(finding!.message).toContain("8,030,261,248 parameters");
  });

  it("reads the 70B row's token count from the row above (a merged cell)", () => {
    // 15e12 / 70,553,706,496 = 212.6 tokens per parameter; / 20 = 10.6 → 11×.
    const [finding] = runCardRule(cardTrainingTokens, { card: llamaStyle, config: llama70b });
    expect(finding!.message).toContain("213 tokens per parameter, 11× the Chinchilla-optimal");
  });
});
