import { statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { RuleMeta } from "../engine/rule.js";
import type { RuleSettings } from "../engine/run-rules.js";
import { displayPath } from "../targets/display-path.js";
import { createConfigResolver } from "./config-resolver.js";
import type { RuleLevel } from "./configuration.js";

export interface EffectiveConfig {
  /** The file the settings are for (a folder stands for its config.json). */
  file: string;
  /** The config file that applies, or null. */
  configFile: string | null;
  /** True when the config file's `ignores` cover the file: it would not be analyzed. */
  ignored: boolean;
  rules: Record<string, { name: string; severity: RuleLevel; options: Record<string, unknown> }>;
}

/**
 * What `--print-config PATH` shows: the settings a model at PATH gets, after discovery, `extends`
 * and `overrides` — every rule with its severity and options, defaults included.
 */
export async function effectiveConfig(path: string, options: { cwd: string; config?: string | false; rules: readonly RuleMeta[]; base?: RuleSettings }): Promise<EffectiveConfig> {
  const absolute = resolve(options.cwd, path);
  const isFolder = statSync(absolute, { throwIfNoEntry: false })?.isDirectory() ?? false;
  const file = isFolder ? join(absolute, "config.json") : absolute;
  const resolver = createConfigResolver({ rules: options.rules, cwd: options.cwd, config: options.config, base: options.base });
  const scope = await resolver.forFolder(isFolder ? absolute : dirname(absolute));
  const settings = scope.ruleSettingsFor(file);
  const rules: EffectiveConfig["rules"] = {};
  for (const meta of options.rules) {
    rules[meta.code] = { name: meta.name, severity: settings.severities?.[meta.code] ?? meta.defaultSeverity, options: settings.options?.[meta.code] ?? {} };
  }
  return {
    file: displayPath(file, options.cwd),
    configFile: scope.configuration ? displayPath(scope.configuration.path, options.cwd) : null,
    ignored: scope.isIgnored(file) || (isFolder && scope.isIgnored(absolute)),
    rules,
  };
}
