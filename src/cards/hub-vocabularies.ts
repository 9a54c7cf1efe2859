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

/**
 * Language names users write for the codes the Hub filters on (ISO 639-1): the most common ones on
 * model cards, matched ignoring case.
 */
const LANGUAGE_NAMES: Record<string, string> = {
  english: "en", french: "fr", german: "de", spanish: "es", chinese: "zh", mandarin: "zh", japanese: "ja", korean: "ko",
  russian: "ru", portuguese: "pt", italian: "it", arabic: "ar", hindi: "hi", dutch: "nl", turkish: "tr", polish: "pl",
  vietnamese: "vi", indonesian: "id", thai: "th", swedish: "sv", danish: "da", finnish: "fi", norwegian: "no", czech: "cs",
  greek: "el", hebrew: "he", hungarian: "hu", romanian: "ro", ukrainian: "uk", persian: "fa", farsi: "fa", bengali: "bn",
  urdu: "ur", tamil: "ta", telugu: "te", malay: "ms", swahili: "sw", catalan: "ca", basque: "eu",
};

/**
 * The known value a misspelt one most likely meant, for "did you mean" hints; null if none is close.
 * First the same value in another case or with `_` for `-`; for languages, a language's name
 * (`english` → `en`); else, for licences, tasks and libraries, the one value within a small edit
 * distance of it, punctuation ignored (`apache2` → `apache-2.0`, `text-generations` →
 * `text-generation`). Language codes are too short for edit distance: any typo is another code.
 */
export function suggestVocabulary(value: string, kind: "pipeline" | "library" | "language" | "license"): string | null {
  const source = kind === "pipeline" ? PIPELINE_TAGS : kind === "library" ? LIBRARY_NAMES : kind === "license" ? LICENSE_IDS : `${ISO_639_1} ${ISO_639_3}`;
  const candidates = source.split(" ");
  const key = (s: string) => s.toLowerCase().replace(/[_\s]/g, "-");
  const wanted = key(kind === "language" ? value.split(/[-_]/)[0] ?? value : value);
  const same = candidates.find((candidate) => key(candidate) === wanted);
  if (same) return same;
  if (kind === "language") return LANGUAGE_NAMES[value.trim().toLowerCase()] ?? null;
  const compact = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const target = compact(value);
  if (target.length < 3) return null;
  const limit = target.length <= 5 ? 1 : 2;
  let best: string | null = null;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const d = editDistance(target, compact(candidate), bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance with adjacent transpositions, or `cap` as soon as it must be at least that. */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin >= cap) return cap;
    prevPrev = prev;
    prev = row;
  }
  return Math.min(prev[b.length]!, cap);
}
