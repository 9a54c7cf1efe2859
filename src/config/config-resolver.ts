import { isAbsolute, relative, sep } from "node:path";
import type { RuleMeta } from "../engine/rule.js";
import type { RuleSettings } from "../engine/run-rules.js";
import { UsageError } from "../errors.js";
import type { ConfigBlock, Configuration } from "./configuration.js";
import { createConfigFinder } from "./find-config-file.js";
import { ruleLookup } from "./rule-lookup.js";
import { validateRuleOptions } from "./validate-rule-options.js";

/** The settings that apply below one target: its config file (if any) and the functions the analysis asks. */
export interface TargetScope {
  configuration: Configuration | null;
  /** Rule settings for one model; `file` is an absolute path (or a Hub repo id, matched as a relative path). */
  ruleSettingsFor(file: string): RuleSettings;
  /** True when a config file's `ignores` cover the path (absolute). */
  isIgnored(path: string): boolean;
}

export interface ConfigResolverOptions {
  rules: readonly RuleMeta[];
  cwd: string;
  /** A config file for every target; false: no config file; undefined: found from each target upward. */
  config?: string | false;
  /** Settings applied over the config file's, keyed by code or name (the library's `rules` option). */
  base?: RuleSettings;
}

export interface ConfigResolver {
  /** The scope of a target at `folder` (absolute): the folder a file target sits in, or a folder target itself. */
  forFolder(folder: string): Promise<TargetScope>;
}

/** Loads each config file once, however many targets share it. */
export function createConfigResolver(options: ConfigResolverOptions): ConfigResolver {
  const find = createConfigFinder();
  const loaded = new Map<string, Promise<Configuration>>();
  const scopes = new Map<string, TargetScope>();
  let base: Promise<RuleSettings> | null = null;
  const load = (path: string) => {
    let configuration = loaded.get(path);
    // Imported only when a config file exists: a run without one never loads the parser or the validator.
    if (!configuration) loaded.set(path, (configuration = import("./load-configuration.js").then((m) => m.loadConfiguration(path, { rules: options.rules, cwd: options.cwd }))));
    return configuration;
  };
  return {
    async forFolder(folder) {
      base ??= normalizeRuleSettings(options.base ?? {}, options.rules);
      const settings = await base;
      const path = options.config === false ? null : options.config !== undefined ? options.config : find(folder);
      const key = path ?? "";
      let scope = scopes.get(key);
      if (!scope) scopes.set(key, (scope = createScope(path === null ? null : await load(path), settings)));
      return scope;
    },
  };
}

function createScope(configuration: Configuration | null, base: RuleSettings): TargetScope {
  if (!configuration) return { configuration, ruleSettingsFor: () => base, isIgnored: () => false };
  const blocks = configuration.blocks;
  const everywhere = mergeBlocks(blocks.filter((b) => b.files === null), base);
  if (!blocks.some((b) => b.files !== null)) return { configuration, ruleSettingsFor: () => everywhere, isIgnored: ignoredBy(configuration) };
  // Most models match the same few overrides: one merged settings object per combination of blocks.
  const merged = new Map<string, RuleSettings>();
  return {
    configuration,
    ruleSettingsFor(file) {
      const applies = blocks.map((b) => b.files === null || b.files.some((glob) => glob.matches(relativeTo(b.baseDir, file))));
      const key = applies.map((a) => (a ? "1" : "0")).join("");
      let settings = merged.get(key);
      if (!settings) merged.set(key, (settings = mergeBlocks(blocks.filter((_, i) => applies[i]), base)));
      return settings;
    },
    isIgnored: ignoredBy(configuration),
  };
}

function ignoredBy(configuration: Configuration): (path: string) => boolean {
  const ignores = configuration.ignores;
  if (ignores.length === 0) return () => false;
  return (path) => ignores.some(({ baseDir, glob }) => glob.matches(relativeTo(baseDir, path)));
}

/** Blocks merged in order, later ones winning rule by rule, then `base` over them. */
function mergeBlocks(blocks: readonly ConfigBlock[], base: RuleSettings): RuleSettings {
  const severities: NonNullable<RuleSettings["severities"]> = {};
  const options: NonNullable<RuleSettings["options"]> = {};
  for (const block of blocks) {
    for (const [code, entry] of Object.entries(block.rules)) {
      if (entry.severity !== undefined) severities[code] = entry.severity;
      if (entry.options !== undefined) options[code] = entry.options;
    }
  }
  Object.assign(severities, base.severities);
  Object.assign(options, base.options);
  return { severities, options };
}

/** A path relative to a config file's folder, with forward slashes; repo ids are already relative. */
function relativeTo(baseDir: string, path: string): string {
  if (!isAbsolute(path)) return path;
  // The common case, a path below the folder, without path.relative's normalization work.
  if (path.startsWith(baseDir) && path[baseDir.length] === sep) {
    const rel = path.slice(baseDir.length + 1);
    return sep === "/" ? rel : rel.split(sep).join("/");
  }
  const rel = relative(baseDir, path);
  return sep === "/" ? rel : rel.split(sep).join("/");
}

/** The library's `rules` option keyed by code, with unknown rules and invalid options refused. */
export async function normalizeRuleSettings(settings: RuleSettings, rules: readonly RuleMeta[]): Promise<RuleSettings> {
  const lookup = ruleLookup(rules);
  const codeOf = (key: string) => {
    const meta = lookup.get(key);
    if (!meta) throw new UsageError(lookup.unknown(key));
    return meta;
  };
  const severities: NonNullable<RuleSettings["severities"]> = {};
  const options: NonNullable<RuleSettings["options"]> = {};
  for (const [key, level] of Object.entries(settings.severities ?? {})) {
    if (!["off", "info", "warning", "error"].includes(level)) throw new UsageError(`rule ${key}: severity must be "off", "info", "warning" or "error", not ${JSON.stringify(level)}`);
    severities[codeOf(key).code] = level;
  }
  for (const [key, value] of Object.entries(settings.options ?? {})) {
    const meta = codeOf(key);
    const problem = await validateRuleOptions(meta, value);
    if (problem) throw new UsageError(problem.message);
    options[meta.code] = value;
  }
  return { severities, options };
}
