import { ggufInventory } from "./gguf-inventory.js";
import type { Inventory } from "../architectures/inventory.js";
import type { NormalizedModel } from "../normalize/normalized-model.js";
import { normalizeConfig } from "../architectures/normalize-config.js";
import { ggufConfig } from "../sources/gguf-config.js";
import type { LoadedGguf } from "../sources/read-gguf-header.js";
import type { DeriveOptions } from "../facts/derive-facts.js";
import type { Facts } from "../facts/facts.js";
import { ggufCheckpointFacts } from "./gguf-checkpoint-facts.js";
import { ggufFacts, ggufPublished } from "./derive-gguf-facts.js";

/**
 * How a GGUF file enters the pipeline. With a config.json beside it, the config is the model (exact
 * inventory, rules on its keys) and the GGUF is reconciled against it. Alone, the GGUF's metadata
 * stands in for the config, and its tensor infos are the inventory: the parameter count is the sum
 * of the stored elements, exact for the file whatever the architecture. Either way the memory facts
 * take the file's own size as the published precision.
 */
export interface GgufStep {
  /** The model to analyze: the config's when there is one, else the one the GGUF's metadata implies. */
  model: NormalizedModel;
  /** Options for deriveFacts: the GGUF inventory (without a config) and the published precision. */
  options: Pick<DeriveOptions, "inventory" | "published">;
  /**
   * Add facts.gguf, reconciled against the config's inventory when there is a config, and the file
   * as `parameters.checkpoint` (source "gguf"; gguf-checkpoint-facts.ts).
   */
  attach(facts: Facts | null, configInventory: Inventory | null): Facts | null;
}

export function ggufStep(gguf: LoadedGguf, configModel: NormalizedModel | null): GgufStep {
  const inventory = ggufInventory(gguf);
  const fileFacts = ggufFacts(gguf, inventory, null);
  let model = configModel;
  if (!model) {
    model = normalizeConfig(ggufConfig(gguf));
    // The count comes from the file's tensor infos, not from a guessed layout.
    model.estimateReason = null;
  }
  return {
    model,
    options: { ...(configModel ? {} : { inventory }), published: ggufPublished(fileFacts) },
    attach(facts, configInventory) {
      if (!facts) return facts;
      const g = configInventory ? ggufFacts(gguf, inventory, configInventory) : fileFacts;
      const checkpoint = ggufCheckpointFacts(gguf, g, !!configInventory && !configInventory.estimated);
      if (!facts.parameters) return { ...facts, gguf: g, checkpoint };
      return { ...facts, parameters: { ...facts.parameters, checkpoint }, gguf: g };
    },
  };
}
