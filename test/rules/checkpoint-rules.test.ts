import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkpointDtype } from "../../rules/checkpoint-dtype.js";
import { ggufFilesNotRead } from "../../rules/gguf-files-not-read.js";
import { readLocalGguf, type LoadedGguf } from "../../src/sources/read-gguf-header.js";
import { checkpointHeaderInvalid } from "../../rules/checkpoint-header-invalid.js";
import { checkpointNotRead } from "../../rules/checkpoint-not-read.js";
import { checkpointUnexplainedDifference } from "../../rules/checkpoint-unexplained-difference.js";
import { missingTensors } from "../../rules/missing-tensors.js";
import { mtpLayersStored } from "../../rules/mtp-layers-stored.js";
import { quantizedCheckpoint } from "../../rules/quantized-checkpoint.js";
import { shapeMismatch } from "../../rules/shape-mismatch.js";
import { storedBuffers } from "../../rules/stored-buffers.js";
import { tiedWeightsStored } from "../../rules/tied-weights-stored.js";
import { gptqLlama2Tensors, LLAMA2_7B, MISTRAL_7B, QWEN3_06B, SMALL_DEEPSEEK_FP8_CONFIG, smallDeepseekFp8Tensors } from "../helpers/checkpoints.js";
import { readFixtureConfig } from "../helpers/count.js";
import { memoryCheckpoint, type TensorSpec } from "../helpers/safetensors.js";
import { runRule, testRule } from "../rule-tester.js";
import { tinyLlama, tinyLlamaConfig, writeGguf } from "../helpers/write-gguf.js";

const mistral = readFixtureConfig("mistralai--Mistral-7B-v0.1");
const qwen3 = readFixtureConfig("Qwen--Qwen3-0.6B");
const llama2 = readFixtureConfig("meta-llama--Llama-2-7b-hf");
const gptqConfig = { ...llama2, quantization_config: { bits: 4, group_size: 128, quant_method: "gptq", desc_act: false } };
const withCheckpoint = (tensors: readonly TensorSpec[]) => ({ checkpoint: memoryCheckpoint(tensors) });
const exact = { name: "Mistral-7B-v0.1 stored exactly as the config implies", config: mistral, documents: withCheckpoint(MISTRAL_7B) };
const noCheckpoint = { name: "no checkpoint read", config: mistral };
const extraTensor = MISTRAL_7B.concat([{ name: "model.extra.weight", dtype: "BF16", shape: [8, 4096] }]);
const withoutNorms = MISTRAL_7B.filter((t) => !t.name.endsWith("input_layernorm.weight"));
const misShaped = MISTRAL_7B.map((t) => (t.name === "lm_head.weight" ? { ...t, shape: [32768, 4096] } : t));

describe("MC500 checkpoint-header-invalid", () => {
  const broken = memoryCheckpoint([]);
  broken.problems = [{ file: "model-00002-of-00002.safetensors", message: "header length 18446744073709551615 bytes exceeds the 100 MiB limit: corrupt or not a safetensors file", fatal: true }];
  testRule(checkpointHeaderInvalid, {
    valid: [exact, noCheckpoint],
    invalid: [{ name: "an unreadable shard", config: mistral, documents: { checkpoint: broken }, errors: [{ ruleId: "MC500", pointer: null, severity: "error" }] }],
  });
});

describe("MC501 checkpoint-unexplained-difference", () => {
  testRule(checkpointUnexplainedDifference, {
    valid: [exact, noCheckpoint, { name: "a tied head stored is explained (MC502)", config: qwen3, documents: withCheckpoint(QWEN3_06B) }, { name: "stored buffers are explained", config: llama2, documents: withCheckpoint(LLAMA2_7B) }],
    invalid: [
      { name: "a tensor the class does not have", config: mistral, documents: withCheckpoint(extraTensor), errors: [{ ruleId: "MC501", pointer: null, severity: "error" }] },
      { name: "a reported total the headers do not reach", config: mistral, documents: { checkpoint: memoryCheckpoint(MISTRAL_7B, { total: 7_241_732_096 + 1_000 }) }, errors: [{ ruleId: "MC501", pointer: null }] },
    ],
  });

  it("states the equation and names the tensor", () => {
    const [finding] = runRule(checkpointUnexplainedDifference, { config: mistral, documents: withCheckpoint(extraTensor) });
    // 7,241,732,096 (Mistral-7B-v0.1, Hub) + 8 × 4096.
    expect(finding!.message).toBe("checkpoint 7,241,764,864 = config 7,241,732,096 + explained extras 0 + 32,768 unexplained in 1 tensor(s): model.extra.weight [8, 4096] (+32,768)");
    expect(finding!.location.file).toBe("model.safetensors");
  });
});

describe("MC502 tied-weights-stored", () => {
  testRule(tiedWeightsStored, {
    valid: [exact, noCheckpoint, { name: "Qwen3-0.6B without the stored head", config: qwen3, documents: withCheckpoint(QWEN3_06B.filter((t) => t.name !== "lm_head.weight")) }],
    invalid: [{ name: "Qwen3-0.6B stores lm_head.weight despite tie_word_embeddings", config: qwen3, documents: withCheckpoint(QWEN3_06B), errors: [{ ruleId: "MC502", pointer: "/tie_word_embeddings", severity: "warning" }] }],
  });

  it("says what the head adds: 751,632,384 (Hub) = 596,049,920 + 155,582,464", () => {
    const [finding] = runRule(tiedWeightsStored, { config: qwen3, documents: withCheckpoint(QWEN3_06B) });
    expect(finding!.message).toBe("checkpoint 751,632,384 = config 596,049,920 + lm_head.weight [151936, 1024] stored despite tie_word_embeddings");
    expect(finding!.location).toMatchObject({ file: "config.json", pointer: "/tie_word_embeddings", line: 18 });
  });
});

describe("MC503 missing-tensors", () => {
  testRule(missingTensors, {
    valid: [exact, noCheckpoint],
    invalid: [{ name: "input_layernorm of every layer missing", config: mistral, documents: withCheckpoint(withoutNorms), errors: [{ ruleId: "MC503", pointer: null, severity: "error" }] }],
  });

  it("groups the missing tensors across layers", () => {
    const [finding] = runRule(missingTensors, { config: mistral, documents: withCheckpoint(withoutNorms) });
    expect(finding!.message).toBe("32 tensor(s) the config implies are not stored (131,072 parameters): model.layers.{0..31}.input_layernorm.weight [4096] ×32");
  });
});

describe("MC504 shape-mismatch", () => {
  testRule(shapeMismatch, {
    valid: [exact, noCheckpoint],
    invalid: [{ name: "lm_head with a padded vocabulary", config: mistral, documents: withCheckpoint(misShaped), errors: [{ ruleId: "MC504", pointer: null, severity: "error" }] }],
  });
});

describe("MC505 stored-buffers", () => {
  testRule(storedBuffers, {
    valid: [exact, noCheckpoint],
    invalid: [{ name: "Llama-2-7b-hf stores inv_freq", config: llama2, documents: withCheckpoint(LLAMA2_7B), errors: [{ ruleId: "MC505", pointer: null, severity: "info" }] }],
  });
});

describe("MC506 quantized-checkpoint", () => {
  testRule(quantizedCheckpoint, {
    valid: [exact, noCheckpoint],
    invalid: [
      { name: "GPTQ 4-bit Llama-2-7B", config: gptqConfig, documents: withCheckpoint(gptqLlama2Tensors()), errors: [{ ruleId: "MC506", pointer: "/quantization_config", severity: "info" }] },
      { name: "FP8 scales", config: SMALL_DEEPSEEK_FP8_CONFIG, documents: withCheckpoint(smallDeepseekFp8Tensors()), errors: [{ ruleId: "MC506", pointer: "/quantization_config" }] },
      { name: "a lone GPTQ checkpoint without a config", config: null, documents: withCheckpoint(gptqLlama2Tensors()), errors: [{ ruleId: "MC506", pointer: null }] },
    ],
  });

  it("gives the logical count beside the stored one", () => {
    const [finding] = runRule(quantizedCheckpoint, { config: gptqConfig, documents: withCheckpoint(gptqLlama2Tensors()) });
    expect(finding!.message).toMatch(/ stored values hold 6,738,415,616 logical parameters = the config's count: packed weights \*\.qweight ×224 \(GPTQ 4-bit: 8 values per stored I32 element\)/);
    expect(finding!.message).toMatch(/zero biases/);
  });
});

describe("MC507 checkpoint-not-read", () => {
  testRule(checkpointNotRead, {
    valid: [exact, noCheckpoint],
    invalid: [{ name: "pytorch_model.bin only", config: mistral, documents: { unreadWeights: ["pytorch_model-00001-of-00002.bin", "pytorch_model-00002-of-00002.bin", "pytorch_model.bin.index.json"] }, errors: [{ ruleId: "MC507", pointer: null, severity: "info" }] }],
  });
});

describe("MC508 mtp-layers-stored", () => {
  testRule(mtpLayersStored, {
    valid: [exact, noCheckpoint, { name: "the same checkpoint without its MTP layer", config: SMALL_DEEPSEEK_FP8_CONFIG, documents: withCheckpoint(smallDeepseekFp8Tensors().filter((t) => !t.name.startsWith("model.layers.2."))) }],
    invalid: [{ name: "DeepSeek-V3-style MTP layer model.layers.2", config: SMALL_DEEPSEEK_FP8_CONFIG, documents: withCheckpoint(smallDeepseekFp8Tensors()), errors: [{ ruleId: "MC508", pointer: "/num_nextn_predict_layers", severity: "info" }] }],
  });
});

describe("MC509 checkpoint-dtype", () => {
  const f32 = MISTRAL_7B.map((t) => ({ ...t, dtype: "F32" }));
  const mixed = MISTRAL_7B.map((t) => (t.name.includes("layers.0.") || t.name.includes("layers.1.") || t.name.includes("layers.2.") || t.name.includes("layers.3.") ? { ...t, dtype: "F32" } : t));
  // A GGUF converted to F16 beside a config declaring bfloat16: the converter's choice, not a mismatch.
  let f16Gguf: LoadedGguf;
  beforeAll(async () => {
    const path = join(mkdtempSync(join(tmpdir(), "mc509-")), "m.F16.gguf");
    const spec = tinyLlama();
    writeGguf(path, { ...spec, tensors: spec.tensors.map((t) => (t.type === 8 ? { ...t, type: 1 } : t)) });
    f16Gguf = await readLocalGguf(path, "m.F16.gguf");
  });
  const ggufCase = { name: "a GGUF file's tensor types are the quantizer's, not torch_dtype's", config: { ...tinyLlamaConfig(), torch_dtype: "bfloat16" }, documents: { get gguf() { return f16Gguf; } } };
  testRule(checkpointDtype, {
    valid: [exact, noCheckpoint, { name: "a quantized checkpoint is MC506's", config: gptqConfig, documents: withCheckpoint(gptqLlama2Tensors()) }, ggufCase],
    invalid: [
      { name: "a bfloat16 config stored in F32", config: mistral, documents: withCheckpoint(f32), errors: [{ ruleId: "MC509", pointer: "/torch_dtype", severity: "info" }] },
      { name: "an eighth of the layers in F32", config: mistral, documents: withCheckpoint(mixed), errors: [{ ruleId: "MC509", pointer: null }] },
    ],
  });
});

describe("MC510 gguf-files-not-read", () => {
  const notRead = { ggufNotRead: { files: ["llama-2-7b.Q5_K_M.gguf", "llama-2-7b.Q6_K.gguf", "Q8_0/llama-2-7b.Q8_0-00001-of-00002.gguf"], repo: "TheBloke/Llama-2-7B-GGUF" } };
  testRule(ggufFilesNotRead, {
    valid: [exact, noCheckpoint, { name: "every GGUF model read", config: mistral, documents: { ggufNotRead: { files: [], repo: "org/m" } } }],
    invalid: [{ name: "three GGUF models left unread", config: mistral, documents: notRead, errors: [{ ruleId: "MC510", pointer: null, severity: "info" }] }],
  });

  it("names the files and a selector that reads the first", () => {
    const [finding] = runRule(ggufFilesNotRead, { config: mistral, documents: notRead });
    expect(finding!.message).toBe("3 more GGUF model(s) in the repo were not read: llama-2-7b.Q5_K_M.gguf, llama-2-7b.Q6_K.gguf, Q8_0/llama-2-7b.Q8_0-00001-of-00002.gguf; select one with TheBloke/Llama-2-7B-GGUF:Q5_K_M");
  });
});
