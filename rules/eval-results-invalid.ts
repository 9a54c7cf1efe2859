import { isRepoId, repoIdHint, showValue } from "../src/engine/card-metadata.js";
import type { LoadedEvalResults, ReportDescriptor, Rule } from "../src/engine/rule.js";

type Report = (d: Omit<ReportDescriptor, "source">) => void;

/** The keys of the Hub's spec (hub-docs `eval-results.md`), per object; any other key is a typo or unsupported. */
const ENTRY_KEYS = new Set(["dataset", "value", "verifyToken", "date", "source", "notes"]);
const DATASET_KEYS = new Set(["id", "task_id", "revision"]);
const SOURCE_KEYS = new Set(["url", "name", "user"]);
/** ISO-8601 date, or date and time with an optional zone, as the spec's examples write them. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * MC313: `.eval_results/*.yaml`, the Hub's newer home for benchmark scores (hub-docs
 * `eval-results.md`): each file a list of results, each with `dataset.id` (a benchmark dataset),
 * `dataset.task_id` and a numeric `value`; optional `date` (ISO-8601), `source` (with a `url`),
 * `verifyToken`, `notes`. Scores that do not follow it do not appear on the model page or in the
 * benchmark's leaderboard.
 */
export const evalResultsInvalid: Rule = {
  meta: {
    code: "MC313",
    name: "eval-results-invalid",
    description: "Files in .eval_results/ must follow the Hub's format: a list of results with dataset.id, dataset.task_id and a numeric value.",
    defaultSeverity: "error",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      unreadable: "{{detail}}: the Hub cannot read these results",
      notList: "the file must be a list of results (each item starting with `- dataset:`), found {{found}}",
      notMapping: "{{where}} must be a mapping, found {{found}}",
      missing: "{{where}} has no {{key}}: the Hub's format requires it",
      type: "{{where}}.{{key}} must be {{expected}}, found {{value}}",
      datasetId: "{{where}}.dataset.id {{value}} is not a Hub dataset id (org/name){{hint}}",
      date: "{{where}}.date {{value}} is not an ISO-8601 date or date-time (2025-01-15 or 2025-01-15T10:30:00Z)",
      url: "{{where}}.source.url {{value}} is not an http(s) URL",
      unknownKey: "{{where}} has an unknown key {{key}} (the format knows {{known}})",
    },
  },
  check(_model, _facts, documents, ctx) {
    for (const file of documents.evalResults ?? []) {
      const report: Report = (d) => ctx.report({ ...d, source: file.document });
      checkFile(file, report);
    }
  },
};

function checkFile(file: LoadedEvalResults, report: Report): void {
  if (file.problem) {
    report({ messageId: "unreadable", data: { detail: file.problem.message }, pointer: null, position: file.problem.position });
    return;
  }
  if (!Array.isArray(file.value)) {
    report({ messageId: "notList", data: { found: describe(file.value) }, pointer: "" });
    return;
  }
  file.value.forEach((entry, i) => checkEntry(entry, `result ${i + 1}`, `/${i}`, report));
}

function checkEntry(entry: unknown, where: string, pointer: string, report: Report): void {
  if (!isMapping(entry)) {
    report({ messageId: "notMapping", data: { where, found: describe(entry) }, pointer });
    return;
  }
  unknownKeys(entry, ENTRY_KEYS, where, pointer, report);
  if (!Object.hasOwn(entry, "dataset")) report({ messageId: "missing", data: { where, key: "dataset" }, pointer });
  else checkDataset(entry.dataset, where, `${pointer}/dataset`, report);
  if (!Object.hasOwn(entry, "value")) report({ messageId: "missing", data: { where, key: "value" }, pointer });
  else if (typeof entry.value !== "number" || !Number.isFinite(entry.value)) report({ messageId: "type", data: { where, key: "value", expected: "a number", value: showValue(entry.value) }, pointer: `${pointer}/value` });
  for (const key of ["verifyToken", "notes"] as const) {
    if (Object.hasOwn(entry, key) && typeof entry[key] !== "string") report({ messageId: "type", data: { where, key, expected: "a string", value: showValue(entry[key]) }, pointer: `${pointer}/${key}` });
  }
  if (Object.hasOwn(entry, "date") && !isIsoDate(entry.date)) report({ messageId: "date", data: { where, value: showValue(entry.date) }, pointer: `${pointer}/date` });
  if (Object.hasOwn(entry, "source")) checkSource(entry.source, where, `${pointer}/source`, report);
}

function checkDataset(dataset: unknown, where: string, pointer: string, report: Report): void {
  if (!isMapping(dataset)) {
    report({ messageId: "notMapping", data: { where: `${where}.dataset`, found: describe(dataset) }, pointer });
    return;
  }
  unknownKeys(dataset, DATASET_KEYS, `${where}.dataset`, pointer, report);
  const id = dataset.id;
  if (!Object.hasOwn(dataset, "id")) report({ messageId: "missing", data: { where: `${where}.dataset`, key: "id" }, pointer });
  else if (typeof id !== "string" || !isRepoId(id)) report({ messageId: "datasetId", data: { where, value: showValue(id), hint: typeof id === "string" ? repoIdHint(id) : "" }, pointer: `${pointer}/id` });
  if (!Object.hasOwn(dataset, "task_id")) report({ messageId: "missing", data: { where: `${where}.dataset`, key: "task_id" }, pointer });
  for (const key of ["task_id", "revision"] as const) {
    if (Object.hasOwn(dataset, key) && typeof dataset[key] !== "string") report({ messageId: "type", data: { where: `${where}.dataset`, key, expected: "a string", value: showValue(dataset[key]) }, pointer: `${pointer}/${key}` });
  }
}

function checkSource(source: unknown, where: string, pointer: string, report: Report): void {
  if (!isMapping(source)) {
    report({ messageId: "notMapping", data: { where: `${where}.source`, found: describe(source) }, pointer });
    return;
  }
  unknownKeys(source, SOURCE_KEYS, `${where}.source`, pointer, report);
  if (!Object.hasOwn(source, "url")) report({ messageId: "missing", data: { where: `${where}.source`, key: "url" }, pointer });
  else if (typeof source.url !== "string" || !/^https?:\/\/[^\s/]+/.test(source.url)) report({ messageId: "url", data: { where, value: showValue(source.url) }, pointer: `${pointer}/url` });
}

/** Unknown keys are warnings: the Hub may ignore them, but a typo (`task-id`) loses the field it meant. */
function unknownKeys(object: Record<string, unknown>, known: Set<string>, where: string, pointer: string, report: Report): void {
  for (const key of Object.keys(object)) {
    if (!known.has(key)) report({ messageId: "unknownKey", data: { where, key: JSON.stringify(key), known: [...known].join(", ") }, pointer: `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, severity: "warning" });
  }
}

/** A calendar-valid ISO-8601 date or date-time string. */
function isIsoDate(value: unknown): boolean {
  if (typeof value !== "string") return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const timeOk = m[4] === undefined || (Number(m[4]) < 24 && Number(m[5]) < 60 && (m[6] === undefined || Number(m[6]) < 60));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && timeOk;
}

function describe(value: unknown): string {
  if (value === undefined || value === null) return "nothing";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "a mapping" : `a ${typeof value} ${showValue(value)}`;
}
