import { createRequire } from "node:module";
import type { ErrorObject, ValidateFunction } from "ajv";
import { MODEL_INDEX_SCHEMA } from "./model-index-schema.js";

const require = createRequire(import.meta.url);
let validator: ValidateFunction | null = null;

/** Compiled on first use: ajv is loaded only for a card that has a model-index. */
function compile(): ValidateFunction {
  if (!validator) {
    const { Ajv } = require("ajv") as typeof import("ajv");
    validator = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(MODEL_INDEX_SCHEMA);
  }
  return validator;
}

export interface ModelIndexProblem {
  /** Pointer into the card's metadata, e.g. /model-index/0/results/0/metrics/0. */
  pointer: string;
  message: string;
}

/** Problems of a model-index value, one per place (the first error at each pointer). */
export function validateModelIndex(value: unknown): ModelIndexProblem[] {
  const validate = compile();
  if (validate(value)) return [];
  const seen = new Set<string>();
  const problems: ModelIndexProblem[] = [];
  for (const error of validate.errors ?? []) {
    const pointer = `/model-index${error.instancePath}`;
    const message = describe(error);
    const key = `${pointer}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ pointer, message });
  }
  return problems;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath ? `model-index${error.instancePath.replace(/\//g, ".").replace(/\.(\d+)/g, "[$1]")}` : "model-index";
  switch (error.keyword) {
    case "required":
      return `${where} has no ${(error.params as { missingProperty: string }).missingProperty}`;
    case "type":
      return `${where} must be ${(error.params as { type: string | string[] }).type.toString().replace(",", " or ")}`;
    case "minItems":
      return `${where} must not be empty`;
    case "minLength":
      return `${where} must not be empty`;
    default:
      return `${where} ${error.message ?? "is invalid"}`;
  }
}
