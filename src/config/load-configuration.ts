import { dirname, resolve } from "node:path";
import type { RuleMeta } from "../engine/rule.js";
import { displayPath } from "../targets/display-path.js";
import { ConfigError } from "./config-error.js";
import type { ConfigBlock, Configuration, RuleEntry, RuleLevel } from "./configuration.js";
import { compileGlob, type Glob } from "./glob.js";
import { readConfigSource, type ConfigSource } from "./read-config-source.js";
import { ruleLookup, type RuleLookup } from "./rule-lookup.js";
import { validateRuleOptions } from "./validate-rule-options.js";
import { validate as validateSchema } from "./validate-config-schema.generated.js";

/** The config file as schemas/config.schema.json describes it (after validation). */
interface ConfigFileData {
  extends?: string | string[];
  rules?: Record<string, RuleLevel | RuleEntry>;
  ignores?: string[];
  overrides?: { files: string[]; rules?: Record<string, RuleLevel | RuleEntry> }[];
}

interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const SEVERITIES = ["off", "info", "warning", "error"];
const SEVERITY_ALIASES: Record<string, string> = { warn: "warning", err: "error", note: "info", none: "off", disable: "off", disabled: "off", "0": "off", "1": "warning", "2": "error" };

/**
 * Load a config file and everything it extends into one Configuration. Every problem — syntax,
 * schema, unknown rule, invalid rule options, a missing or circular `extends` — is a ConfigError
 * that names the file, line and column.
 */
export async function loadConfiguration(path: string, options: { rules: readonly RuleMeta[]; cwd: string }): Promise<Configuration> {
  const context = { lookup: ruleLookup(options.rules), cwd: options.cwd };
  const absolute = resolve(options.cwd, path);
  const { blocks, ignores } = await loadFile(absolute, context, []);
  return { path: absolute, blocks, ignores };
}

interface LoadContext {
  lookup: RuleLookup;
  cwd: string;
}

async function loadFile(path: string, context: LoadContext, chain: readonly string[]): Promise<Omit<Configuration, "path">> {
  const shown = displayPath(path, context.cwd);
  const source = await readConfigSource(path, shown);
  const data = checkSchema(source);
  const baseDir = dirname(path);
  const blocks: ConfigBlock[] = [];
  const ignores: Configuration["ignores"][number][] = [];

  const parents = data.extends === undefined ? [] : Array.isArray(data.extends) ? data.extends : [data.extends];
  for (const [i, parent] of parents.entries()) {
    const pointer = Array.isArray(data.extends) ? `/extends/${i}` : "/extends";
    const parentPath = resolve(baseDir, parent);
    if (parentPath === path || chain.includes(parentPath)) fail(source, pointer, `circular extends: ${[...chain, path, parentPath].map((p) => displayPath(p, context.cwd)).join(" → ")}`);
    let loaded;
    try {
      loaded = await loadFile(parentPath, context, [...chain, path]);
    } catch (error) {
      // A missing parent is this file's mistake: point at the extends entry.
      if (error instanceof ConfigError && error.position === null && error.file === displayPath(parentPath, context.cwd)) fail(source, pointer, `extends "${parent}": ${error.detail}`);
      throw error;
    }
    blocks.push(...loaded.blocks);
    ignores.push(...loaded.ignores);
  }

  for (const [i, pattern] of (data.ignores ?? []).entries()) ignores.push({ baseDir, glob: compilePattern(source, `/ignores/${i}`, pattern) });
  blocks.push({ baseDir, files: null, rules: await normalizeRules(source, "/rules", data.rules, context.lookup), source: shown });
  for (const [i, override] of (data.overrides ?? []).entries()) {
    if (override.files.length === 0) fail(source, `/overrides/${i}/files`, "files must list at least one glob");
    const files = override.files.map((pattern, j) => compilePattern(source, `/overrides/${i}/files/${j}`, pattern));
    blocks.push({ baseDir, files, rules: await normalizeRules(source, `/overrides/${i}/rules`, override.rules, context.lookup), source: shown });
  }
  return { blocks, ignores };
}

/** Rules keyed by code, their options checked against each rule's options schema. */
async function normalizeRules(source: ConfigSource, pointer: string, rules: ConfigFileData["rules"], lookup: RuleLookup): Promise<Record<string, RuleEntry>> {
  const out: Record<string, RuleEntry> = {};
  const keyOf: Record<string, string> = {};
  for (const [key, value] of Object.entries(rules ?? {})) {
    const at = `${pointer}/${escapeToken(key)}`;
    const meta = lookup.get(key);
    if (!meta) fail(source, at, lookup.unknown(key), true);
    if (keyOf[meta.code] !== undefined) fail(source, at, `"${key}" and "${keyOf[meta.code]}" both configure ${meta.code} ${meta.name}; keep one`, true);
    keyOf[meta.code] = key;
    const entry: RuleEntry = typeof value === "string" ? { severity: value } : { ...value };
    if (entry.options !== undefined) {
      const problem = await validateRuleOptions(meta, entry.options);
      if (problem) fail(source, `${at}/options${problem.pointer}`, problem.message, problem.message.startsWith("unknown option"));
    }
    out[meta.code] = entry;
  }
  return out;
}

function compilePattern(source: ConfigSource, pointer: string, pattern: string): Glob {
  if (pattern.trim() === "") fail(source, pointer, "empty glob");
  if (pattern.startsWith("!")) fail(source, pointer, `negated globs ("${pattern}") are not supported; list only what to match`);
  return compileGlob(pattern);
}

function checkSchema(source: ConfigSource): ConfigFileData {
  const validate = validateSchema as ((data: unknown) => boolean) & { errors?: SchemaError[] | null };
  if (validate(source.value)) return source.value as ConfigFileData;
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== "if");
  const error = errors[0];
  if (!error) fail(source, "", "does not match schemas/config.schema.json");
  const { pointer, message, key } = describeSchemaError(error, source.value);
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length === 2 ? "" : "s"})` : "";
  fail(source, pointer, `${message}${more}`, key);
}

function describeSchemaError(error: SchemaError, root: unknown): { pointer: string; message: string; key: boolean } {
  const pointer = error.instancePath;
  const where = readablePath(pointer);
  // The validator is precompiled with $refs inlined, so a rule entry is recognized by where it sits.
  const isRuleEntry = /^(\/overrides\/\d+)?\/rules\/[^/]+$/.test(pointer);
  switch (error.keyword) {
    case "additionalProperties": {
      const name = String(error.params.additionalProperty);
      const allowed = pointer === "" ? "$schema, extends, rules, ignores, overrides" : isRuleEntry ? "severity, options" : /^\/overrides\/\d+$/.test(pointer) ? "files, rules" : "";
      return { pointer: `${pointer}/${escapeToken(name)}`, message: `${where ? `${where}: ` : ""}unknown property "${name}"${allowed ? ` (allowed: ${allowed})` : ""}`, key: true };
    }
    case "enum": {
      const value = valueAt(root, pointer);
      const alias = typeof value === "string" || typeof value === "number" ? SEVERITY_ALIASES[String(value).toLowerCase()] : undefined;
      return { pointer, message: `${where}: must be one of ${SEVERITIES.map((s) => `"${s}"`).join(", ")}, not ${JSON.stringify(value)}${alias ? ` (did you mean "${alias}"?)` : ""}`, key: false };
    }
    case "type": {
      const expected = isRuleEntry ? 'a severity ("off", "info", "warning", "error") or { severity, options }' : describeType(String(error.params.type));
      return { pointer, message: `${where || "the config"}: must be ${expected}`, key: false };
    }
    case "required":
      return { pointer, message: `${where}: missing "${String(error.params.missingProperty)}"`, key: false };
    default:
      return { pointer, message: `${where || "the config"}: ${error.message ?? "is invalid"}`, key: false };
  }
}

function describeType(type: string): string {
  const names: Record<string, string> = { object: "an object (a mapping)", array: "a list", string: "a string", "string,array": "a path or a list of paths" };
  return names[type] ?? type.replace(/,/g, " or ");
}

/** "/overrides/0/rules/MC201" → "overrides[0].rules.MC201". */
function readablePath(pointer: string): string {
  if (pointer === "") return "";
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((out, token) => (/^\d+$/.test(token) ? `${out}[${token}]` : out ? `${out}.${token}` : token), "");
}

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const token of pointer.split("/").slice(1)) node = (node as Record<string, unknown> | undefined)?.[token.replace(/~1/g, "/").replace(/~0/g, "~")];
  return node;
}

function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

function fail(source: ConfigSource, pointer: string, message: string, key = false): never {
  throw new ConfigError(source.shown, source.locate(pointer, key), message);
}
