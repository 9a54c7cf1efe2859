import type { Inventory } from "../architectures/inventory.js";
import type { NormalizedModel } from "../normalize/normalized-model.js";
import type { TargetDocuments } from "../sources/target-documents.js";
import { adapterFacts } from "./derive-adapter-facts.js";
import type { CheckpointFacts } from "../facts/checkpoint-facts.js";
import type { Facts } from "../facts/facts.js";
import { reconcileCheckpoint } from "./reconcile-checkpoint.js";

/**
 * Add what the checkpoint and adapter documents say to the config's facts: the reconciled
 * checkpoint under `parameters.checkpoint` (or `facts.checkpoint` when there are no parameter
 * facts to set it beside), and a PEFT adapter's own count under `facts.adapter`. Targets with
 * neither document pass through untouched, so the per-config path pays one property check.
 */
export function withDocumentFacts(facts: Facts | null, documents: TargetDocuments, model: NormalizedModel | null, inventory: Inventory | null): Facts | null {
  const loaded = documents.checkpoint;
  const adapter = documents.adapter;
  if (!loaded && !adapter) return facts;
  let checkpoint: CheckpointFacts | null = null;
  // A header that could not be read leaves the tensor list incomplete: MC500 reports it, and no
  // partial count is shown as if it were the checkpoint's.
  if (loaded && !loaded.problems?.some((p) => p.fatal)) checkpoint = reconcileCheckpoint(loaded, model, facts?.parameters ? inventory : null);
  const out: Facts = facts ?? emptyFacts();
  if (checkpoint) {
    if (out.parameters) out.parameters.checkpoint = checkpoint;
    else out.checkpoint = checkpoint;
  }
  if (adapter) {
    // The adapter's weights: its own checkpoint beside a model's, else the target's only one.
    const own = adapter.checkpoint && !adapter.checkpoint.problems?.some((p) => p.fatal) ? reconcileCheckpoint(adapter.checkpoint, null, null).total : null;
    const a = adapterFacts(adapter, own ?? (facts?.parameters ? null : (checkpoint?.total ?? null)));
    if (a) out.adapter = a;
  }
  return facts || out.checkpoint || out.adapter ? out : null;
}

/** Facts of a target that has no usable config: every config-derived field null. */
function emptyFacts(): Facts {
  return {
    modelType: null,
    architecture: null,
    family: null,
    modelKind: null,
    input: null,
    moe: null,
    dims: { dModel: null, nLayers: null, dFf: null, vocabSize: null, contextLength: null, encoderLayers: null, decoderLayers: null, assumed: [] },
    attention: { type: null, nHeads: null, nKvHeads: null, headDim: null, groupSize: null, slidingWindow: null },
    parameters: null,
    memory: null,
    compute: null,
  };
}

/** The checkpoint summary of a result's facts, wherever it sits. */
export function checkpointOf(facts: Facts | null | undefined): CheckpointFacts | null {
  return facts?.parameters?.checkpoint ?? facts?.checkpoint ?? null;
}
