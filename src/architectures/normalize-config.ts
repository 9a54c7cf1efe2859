import type { NormalizedModel } from "../normalize/normalized-model.js";
import { normalizeWithDialects } from "../normalize/normalize-config.js";
import { findSpecByClass, findSpecByModelType } from "./registry.js";

const REGISTERED = { byModelType: findSpecByModelType, byClass: findSpecByClass };

/** Normalize a config with the dialects of every model type modelcheck knows. */
export function normalizeConfig(config: Record<string, unknown>): NormalizedModel {
  return normalizeWithDialects(config, REGISTERED);
}
