import type { Rule } from "../src/engine/rule.js";
import { advertisedSizeMismatch } from "./advertised-size-mismatch.js";
import { fieldType } from "./field-type.js";
import { headDimConsistency } from "./head-dim-consistency.js";
import { headsDivideHidden } from "./heads-divide-hidden.js";
import { invalidJson } from "./invalid-json.js";
import { kvHeadsDivideHeads } from "./kv-heads-divide-heads.js";
import { notAModelConfig } from "./not-a-model-config.js";
import { unknownArchitecture } from "./unknown-architecture.js";

/** Every rule, in code order. Codes are permanent and never reused. */
export const RULES: readonly Rule[] = [invalidJson, notAModelConfig, fieldType, headsDivideHidden, kvHeadsDivideHeads, headDimConsistency, advertisedSizeMismatch, unknownArchitecture];
