/**
 * The library's public API: `analyze()`, `analyzeStream()` and the types and helpers documented in docs/library.md.
 * The pipeline itself lives in the stage folders (docs/architecture.md).
 */
export { analyze, analyzeStream, type AnalyzeOptions, type MemoryQuestions } from "./analyze/analyze.js";
export { RULES } from "../rules/index.js";
export { VERSION } from "./version.js";
export { normalizeConfig } from "./architectures/normalize-config.js";
export { deriveFacts } from "./facts/derive-facts.js";
export { parseAdvertisedSizes } from "./facts/parse-advertised-size.js";
export type { Report, TargetResult, Summary } from "./analyze/report.js";
export { countResult, emptySummary } from "./analyze/report.js";
export type { ReportFormat, ReportWriter, ReporterContext } from "./reporters/reporter.js";
export type { Facts, ParameterFacts, MemoryFacts, KvCacheFacts, HardwareFitFacts, TrainingMemoryFacts, ComputeFacts } from "./facts/facts.js";
export type { Finding } from "./engine/finding.js";
export type { Rule, RuleMeta, Severity } from "./engine/rule.js";
export type { NormalizedModel } from "./normalize/normalized-model.js";
export type { Inventory, TensorTemplate, Role } from "./architectures/inventory.js";
export { reconcileCheckpoint } from "./checkpoint/reconcile-checkpoint.js";
export { storedExtrasFromConfig, type StoredExtra } from "./checkpoint/stored-extras.js";
export { parseSafetensorsHeader, readHeaderLength, SafetensorsHeaderError } from "./sources/parse-safetensors-header.js";
export { readLocalCheckpoint } from "./sources/read-local-checkpoint.js";
export type { CheckpointFacts, CheckpointDifference, DifferenceKind } from "./facts/checkpoint-facts.js";
export type { AdapterFacts } from "./checkpoint/derive-adapter-facts.js";
export type { LoadedCheckpoint, CheckpointTensor } from "./sources/checkpoint.js";
export { exitCodeFor, type ExitPolicy } from "./analyze/exit-code.js";
export { applyBaseline, createBaseline, serializeBaseline, type Baseline, type BaselineEntry, type BaselineLocation, type BaselineOutcome } from "./baseline/baseline.js";
export { readBaseline } from "./baseline/read-baseline.js";
export { ConfigError } from "./config/config-error.js";
export type { RuleSettings } from "./engine/run-rules.js";
