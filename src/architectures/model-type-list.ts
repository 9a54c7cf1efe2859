import { kindOf } from "./model-kind.js";
import type { ModelKind } from "./model-type-spec.js";
import { MODEL_TYPE_SPECS } from "./registry.js";

/** One row of `modelcheck types`: a model type counted exactly, its classes and the code it follows. */
export interface ModelTypeRow {
  modelType: string;
  kind: ModelKind;
  family: string;
  /** Class-name prefixes: `Llama` for LlamaForCausalLM and LlamaModel. */
  classPrefixes: string[];
  /** The heads counted (the suffixes of the classes: causal-lm = ForCausalLM / LMHeadModel, base = Model, …). */
  heads: string[];
  /** The modeling file followed, under transformers' src/transformers/ (or `hub:` for a Hub repo's remote code). */
  modelingFile: string;
}

/** Every registered model type, sorted by kind then name. */
export function modelTypeRows(): ModelTypeRow[] {
  return MODEL_TYPE_SPECS.map((s) => ({
    modelType: s.modelType,
    kind: kindOf(s),
    family: s.family,
    classPrefixes: [...s.classPrefixes],
    heads: [...s.heads],
    modelingFile: s.modelingFile ?? `models/${s.modelType.replaceAll("-", "_")}/modeling_${s.modelType.replaceAll("-", "_")}.py`,
  })).sort((a, b) => a.kind.localeCompare(b.kind) || a.modelType.localeCompare(b.modelType));
}

/** The list as a markdown document (docs/model-types.md is this, and a test keeps it so). */
export function modelTypesMarkdown(rows: readonly ModelTypeRow[]): string {
  const out = [
    "# Model types counted exactly",
    "",
    `modelcheck counts ${rows.length} model types exactly: the module parameters of the class in \`architectures[0]\`, from an inventory that follows the modeling file named here. Any other type or head gets a labelled estimate. This page is generated: \`node scripts/generate-model-types.mjs\` (after \`npm run build\`); \`modelcheck types\` prints the same list, \`-f json\` as data.`,
    "",
  ];
  for (const kind of [...new Set(rows.map((r) => r.kind))]) {
    const ofKind = rows.filter((r) => r.kind === kind);
    out.push(`## ${kind} (${ofKind.length})`, "", "| model_type | classes | heads | follows |", "|---|---|---|---|");
    for (const r of ofKind) out.push(`| ${r.modelType} | ${r.classPrefixes.map((p) => `\`${p}…\``).join(", ")} | ${r.heads.join(", ")} | \`${r.modelingFile}\` |`);
    out.push("");
  }
  return out.join("\n");
}
