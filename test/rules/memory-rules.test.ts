import { describe, expect, it } from "vitest";
import { ffnRatioUnusual } from "../../rules/ffn-ratio-unusual.js";
import { kvCacheDominates } from "../../rules/kv-cache-dominates.js";
import { vocabNotPadded } from "../../rules/vocab-not-padded.js";
import { readFixtureConfig } from "../helpers/count.js";
import { runRule, testRule } from "../rule-tester.js";

const llama = { model_type: "llama", architectures: ["LlamaForCausalLM"], hidden_size: 4096, intermediate_size: 14336, num_hidden_layers: 32, num_attention_heads: 32, num_key_value_heads: 8, vocab_size: 128256 };

describe("MC203 vocab-not-padded", () => {
  testRule(vocabNotPadded, {
    valid: [
      { name: "Llama-3's 128,256 = 2,004 × 64", config: llama },
      { name: "Mistral-7B's 32,000 = 500 × 64", config: readFixtureConfig("mistralai--Mistral-7B-v0.1") },
      { name: "a vocabulary the config does not state (family default) is not reported", config: { model_type: "gpt2", architectures: ["GPT2LMHeadModel"], n_embd: 64, n_layer: 2, n_head: 4 } },
      { name: "option multiple: 50,264 = 3,141.5 × 16 fails 64 but passes 8", config: { ...llama, vocab_size: 50264 }, options: { multiple: 8 } },
      // facebook/wav2vec2-base-960h: a 32-symbol CTC alphabet is a task vocabulary, not a tokenizer's.
      { name: "a CTC alphabet of 32 symbols", config: { model_type: "wav2vec2", architectures: ["Wav2Vec2ForCTC"], vocab_size: 33 } },
    ],
    invalid: [
      { name: "GPT-2's 50,257", config: readFixtureConfig("openai-community--gpt2"), errors: [{ ruleId: "MC203", pointer: "/vocab_size", severity: "info" }] },
      { name: "BERT's 30,522", config: readFixtureConfig("google-bert--bert-base-uncased"), errors: [{ ruleId: "MC203", pointer: "/vocab_size" }] },
      { name: "option multiple 128: 128,064 = 2,001 × 64 but 1,000.5 × 128", config: { ...llama, vocab_size: 128_064 }, options: { multiple: 128 }, errors: [{ ruleId: "MC203", pointer: "/vocab_size" }] },
      { name: "multimodal: the text_config's vocabulary", config: { model_type: "llava", architectures: ["LlavaForConditionalGeneration"], text_config: { model_type: "llama", hidden_size: 256, num_hidden_layers: 2, num_attention_heads: 4, vocab_size: 32001 } }, errors: [{ ruleId: "MC203", pointer: "/text_config/vocab_size" }] },
    ],
  });

  it("gives the padded size: GPT-2's 50,257 pads to 50,304 (nanoGPT's padded vocabulary)", () => {
    const [finding] = runRule(vocabNotPadded, { config: readFixtureConfig("openai-community--gpt2") });
    expect(finding!.message).toBe("vocab_size 50,257 is not a multiple of 64; padded it would be 50,304 (+47 rows in the embedding and LM head)");
  });

  it("speaks of an LM head only when the class has one: BertModel has the embedding table alone", () => {
    const bert = readFixtureConfig("google-bert--bert-base-uncased");
    const [base] = runRule(vocabNotPadded, { config: { ...bert, architectures: ["BertModel"] } });
    expect(base!.message).toBe("vocab_size 30,522 is not a multiple of 64; padded it would be 30,528 (+6 rows in the embedding table)");
    const [mlm] = runRule(vocabNotPadded, { config: { ...bert, architectures: ["BertForMaskedLM"] } });
    expect(mlm!.message).toContain("embedding and LM head");
  });
});

describe("MC204 ffn-ratio-unusual", () => {
  testRule(ffnRatioUnusual, {
    valid: [
      { name: "Mistral-7B at 3.5×", config: readFixtureConfig("mistralai--Mistral-7B-v0.1") },
      { name: "Gemma-2B at exactly 8× (16,384 / 2,048)", config: readFixtureConfig("google--gemma-2b") },
      { name: "GPT-2 at 4× (n_inner unset: the family default is not the config's)", config: readFixtureConfig("openai-community--gpt2") },
      { name: "a mixture of experts with fine-grained experts is skipped", config: readFixtureConfig("Qwen--Qwen3-30B-A3B") },
      { name: "a state-space model's inner width is not a feed-forward", config: readFixtureConfig("state-spaces--mamba-130m-hf") },
      { name: "option max widens the band", config: { ...llama, intermediate_size: 16 * 4096 }, options: { max: 16 } },
    ],
    invalid: [
      { name: "a missing digit: 1,433 for 14,336", config: { ...llama, intermediate_size: 1433 }, errors: [{ ruleId: "MC204", pointer: "/intermediate_size", severity: "info" }] },
      { name: "an extra digit: 143,360", config: { ...llama, intermediate_size: 143360 }, errors: [{ ruleId: "MC204", pointer: "/intermediate_size" }] },
      { name: "option min raises the floor", config: readFixtureConfig("meta-llama--Llama-3.2-3B-Instruct"), options: { min: 3 }, errors: [{ ruleId: "MC204", pointer: "/intermediate_size" }] },
    ],
  });

  it("states the ratio", () => {
    const [finding] = runRule(ffnRatioUnusual, { config: { ...llama, intermediate_size: 143360 } });
    expect(finding!.message).toBe("d_ff / d_model = 143360 / 4096 = 35.00×, outside the usual 1–8×; check intermediate_size");
  });
});

describe("MC205 kv-cache-dominates", () => {
  testRule(kvCacheDominates, {
    valid: [
      // Llama-3.1-70B: 327,680 B/token × 131,072 = 42.9 GB of cache against 141.1 GB of weights.
      { name: "Llama-3.1-70B", config: readFixtureConfig("meta-llama--Llama-3.1-70B") },
      // Mistral-7B: every layer slides at 4,096 tokens, so the cache stops at 512 MiB.
      { name: "Mistral-7B's sliding window caps the cache", config: readFixtureConfig("mistralai--Mistral-7B-v0.1") },
      { name: "Llama-3-8B at 8,192 tokens: 1.07 GB of cache, 16.06 GB of weights", config: { ...llama, max_position_embeddings: 8192 } },
      { name: "an encoder has no cache", config: readFixtureConfig("google-bert--bert-base-uncased") },
      { name: "Mamba's fixed state", config: readFixtureConfig("state-spaces--mamba-130m-hf") },
    ],
    invalid: [
      // 131,072 B/token × 131,072 tokens = 17.18 GB > 8,030,261,248 × 2 = 16.06 GB.
      { name: "Llama-3.1-8B's shape at 131,072 tokens", config: { ...llama, max_position_embeddings: 131072 }, errors: [{ ruleId: "MC205", pointer: "/max_position_embeddings", severity: "info" }] },
      // Qwen3-0.6B: 28 layers × 8 KV heads × 128 × 2 × 2 B = 114,688 B/token × 40,960 = 4.70 GB > 1.19 GB of weights.
      { name: "Qwen3-0.6B", config: readFixtureConfig("Qwen--Qwen3-0.6B"), errors: [{ ruleId: "MC205", pointer: "/max_position_embeddings" }] },
      { name: "the context length from the family default has no pointer", config: { ...llama, model_type: "gemma3_text", architectures: ["Gemma3ForCausalLM"], head_dim: 128, sliding_window: 131072 }, errors: [{ ruleId: "MC205", pointer: null }] },
    ],
  });

  it("states both sizes, and MLA's latent cache beside the full one", () => {
    const [llama8b] = runRule(kvCacheDominates, { config: { ...llama, max_position_embeddings: 131072 } });
    expect(llama8b!.message).toContain("KV cache (17.18 GB, 16-bit) is larger than the BF16 weights (16.06 GB)");
    // DeepSeek-V2-Lite: 27 layers × 16 heads × (192 + 128) × 2 B = 276,480 B/token × 163,840 tokens = 45.30 GB, above
    // 15,706,484,224 parameters (the model card's 15.7B, test/architectures/deepseek.test.ts) × 2 B = 31.41 GB;
    // its latent cache is 27 × (512 + 64) × 2 B = 31,104 B/token, 5.10 GB.
    const [lite] = runRule(kvCacheDominates, { config: readFixtureConfig("deepseek-ai--DeepSeek-V2-Lite") });
    expect(lite!.message).toContain("full K/V cache (45.30 GB, 16-bit, as transformers holds it) is larger than the BF16 weights (31.41 GB); MLA's latent cache (vLLM, SGLang) holds 5.10 GB");
  });
});
