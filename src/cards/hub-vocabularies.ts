import { ISO_639_1, ISO_639_3, LIBRARY_NAMES, LICENSE_IDS, PIPELINE_TAGS } from "./hub-vocabularies-data.js";

/**
 * The Hub's vocabularies for card metadata, as sets built on first use. The data is generated from
 * @huggingface/tasks, @huggingface/languages and @huggingface/hub (scripts/generate-hub-vocabularies.mjs).
 */
let pipelineTags: Set<string> | null = null;
let libraryNames: Set<string> | null = null;
let languageCodes: Set<string> | null = null;
let licenseIds: Set<string> | null = null;
/**
 * Ids the Hub's licence list (hub-docs `repositories-licenses.md`) has and @huggingface/hub 2.17.5's
 * `License` type does not yet: kept by hand until the package catches up (then the drift test of
 * the generated list still passes, and these become redundant, not wrong).
 */
const NEWER_LICENSE_IDS = ["llama4", "eupl-1.2", "fair-noncommercial-research-license", "grok2-community", "h-research", "intel-research", "openmdw-1.0", "openmdw-1.1"];

/** A licence identifier the Hub knows (`license: apache-2.0`); `other` declares a custom one. */
export function isLicenseId(id: string): boolean {
  licenseIds ??= new Set([...LICENSE_IDS.split(" "), ...NEWER_LICENSE_IDS]);
  return licenseIds.has(id);
}

export function isPipelineTag(tag: string): boolean {
  pipelineTags ??= new Set(PIPELINE_TAGS.split(" "));
  return pipelineTags.has(tag);
}

export function isLibraryName(name: string): boolean {
  libraryNames ??= new Set(LIBRARY_NAMES.split(" "));
  return libraryNames.has(name);
}

/** An ISO 639-1 (two letters) or ISO 639-3 (three letters) code the Hub knows. */
export function isLanguageCode(code: string): boolean {
  languageCodes ??= new Set([...ISO_639_1.split(" "), ...ISO_639_3.split(" ")]);
  return languageCodes.has(code);
}

/** The closest known value ignoring case and `_`/`-`, for "did you mean" hints; null if none. */
export function suggestVocabulary(value: string, kind: "pipeline" | "library" | "language" | "license"): string | null {
  const source = kind === "pipeline" ? PIPELINE_TAGS : kind === "library" ? LIBRARY_NAMES : kind === "license" ? LICENSE_IDS : `${ISO_639_1} ${ISO_639_3}`;
  const key = (s: string) => s.toLowerCase().replace(/[_\s]/g, "-");
  const wanted = key(kind === "language" ? value.split(/[-_]/)[0] ?? value : value);
  return source.split(" ").find((candidate) => key(candidate) === wanted) ?? null;
}
