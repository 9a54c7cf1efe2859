import type { Severity } from "../engine/rule.js";
import type { Glob } from "./glob.js";

export type RuleLevel = Severity | "off";

/** What a config file says about one rule; either part may be left out. */
export interface RuleEntry {
  severity?: RuleLevel;
  options?: Record<string, unknown>;
}

/**
 * One layer of settings: a config file's top-level `rules` (files null: every model) or one of its
 * `overrides`. Rules are keyed by code, whatever the file used.
 */
export interface ConfigBlock {
  /** Folder the globs are relative to: the folder of the file that declared them. */
  baseDir: string;
  files: readonly Glob[] | null;
  rules: Readonly<Record<string, RuleEntry>>;
  /** The file that declared the block, for --print-config. */
  source: string;
}

/**
 * A loaded config file with everything it extends, flattened in order: extended files first, then
 * the file's own rules, then its overrides. Later blocks win, rule by rule.
 */
export interface Configuration {
  /** Absolute path of the config file (the one found or given; extended files are in the blocks). */
  path: string;
  blocks: readonly ConfigBlock[];
  ignores: readonly { baseDir: string; glob: Glob }[];
}
