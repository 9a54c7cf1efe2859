import { splitClassName } from "../normalize/class-name.js";
import { bartSpecs } from "./bart.js";
import { bertSpecs } from "./bert.js";
import { bloomSpecs } from "./bloom.js";
import { deepseekSpecs } from "./deepseek.js";
import { distilbertSpecs } from "./distilbert.js";
import { falconSpecs } from "./falcon.js";
import { gemmaSpecs } from "./gemma.js";
import { gemma3MultimodalSpecs } from "./gemma3-multimodal.js";
import { gptBigCodeSpecs } from "./gpt-bigcode.js";
import { gpt2Specs } from "./gpt2.js";
import { gptNeoxSpecs } from "./gpt-neox.js";
import { gptjSpecs } from "./gptj.js";
import { jambaSpecs } from "./jamba.js";
import { llamaSpecs } from "./llama.js";
import { llavaSpecs } from "./llava.js";
import { mambaSpecs } from "./mamba.js";
import { mixtralSpecs } from "./mixtral.js";
import type { ModelTypeSpec } from "./model-type-spec.js";
import { mptSpecs } from "./mpt.js";
import { olmoSpecs } from "./olmo.js";
import { openaiGptSpecs } from "./openai-gpt.js";
import { optSpecs } from "./opt.js";
import { phiSpecs } from "./phi.js";
import { phi3Specs } from "./phi3.js";
import { t5Specs } from "./t5.js";
import { whisperSpecs } from "./whisper.js";
import { gptOssSpecs } from "./gpt-oss.js";

/** Every model type modelcheck counts exactly. */
export const MODEL_TYPE_SPECS: readonly ModelTypeSpec[] = [...llamaSpecs, ...gemmaSpecs, ...mixtralSpecs, ...gptOssSpecs, ...phi3Specs, ...gpt2Specs, ...openaiGptSpecs, ...gptNeoxSpecs, ...bertSpecs, ...gptjSpecs, ...gptBigCodeSpecs, ...falconSpecs, ...bloomSpecs, ...optSpecs, ...mptSpecs, ...olmoSpecs, ...deepseekSpecs, ...phiSpecs, ...mambaSpecs, ...jambaSpecs, ...t5Specs, ...bartSpecs, ...whisperSpecs, ...distilbertSpecs, ...llavaSpecs, ...gemma3MultimodalSpecs];

const byModelType = new Map(MODEL_TYPE_SPECS.map((s) => [s.modelType, s]));
const byPrefix = new Map(MODEL_TYPE_SPECS.flatMap((s) => s.classPrefixes.map((p) => [p, s] as const)));

export function findSpecByModelType(modelType: string): ModelTypeSpec | null {
  return byModelType.get(modelType) ?? null;
}

/** The spec whose class prefix is exactly the class name minus a known head suffix. */
export function findSpecByClass(className: string): ModelTypeSpec | null {
  const split = splitClassName(className);
  return split ? (byPrefix.get(split.prefix) ?? null) : null;
}
