import type { RequiredDims } from "../architectures/model-type-spec.js";
import type { NormalizedModel } from "../normalize/normalized-model.js";

const CANONICAL = ["hiddenSize", "numLayers", "intermediateSize", "numHeads", "numKvHeads", "headDim", "vocabSize", "maxPositions", "numExperts", "expertsPerToken"] as const;
type Canonical = (typeof CANONICAL)[number];

/** What a count assumed for a present but unusable field: the field, why, and the value used instead. */
export interface AssumedField {
  key: string;
  pointer: string;
  /** The canonical dim it stands for (dFf for intermediate_size …); null for a key the inventory reads itself. */
  dim: Canonical | null;
  /** The value counted with, as shown: "16384 (4 × hidden_size)". */
  assumed: string;
  reason: string;
}

/**
 * The fields that shape the inventory (integers, flags, lists) but could not be used as written
 * (MC003 reports them). A count built on them is an estimate: a missing key takes the class default,
 * as transformers does, but a wrong one means the config is not what its author meant.
 */
export function assumedFields(model: NormalizedModel, dims: RequiredDims | null): AssumedField[] {
  const out: AssumedField[] = [];
  for (const problem of model.problems) {
    if (problem.read !== "int" && problem.read !== "bool" && problem.read !== "list") continue;
    const dim = CANONICAL.find((c) => model[c].pointer === problem.pointer) ?? null;
    out.push({ key: problem.key, pointer: problem.pointer, dim, assumed: assumedValue(model, dims, dim), reason: problem.message });
  }
  return out;
}

function assumedValue(model: NormalizedModel, dims: RequiredDims | null, dim: Canonical | null): string {
  if (dim === "intermediateSize" && dims) return model.intermediateSize.value === null ? `${dims.intermediateSize} (4 × hidden_size)` : `${dims.intermediateSize} (the class default)`;
  if (dim === "numKvHeads" && dims) return `${dims.numKvHeads} (one KV head per attention head)`;
  if (dim && dims && dim in dims && typeof dims[dim as keyof RequiredDims] === "number") return String(dims[dim as keyof RequiredDims]);
  return "the class default";
}

/** The estimate reason for a count built on assumed fields. */
export function assumedFieldsReason(fields: readonly AssumedField[]): string {
  return fields.map((f) => `${f.reason}; counted with ${f.assumed}`).join("; ");
}
