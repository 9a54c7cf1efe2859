import { dirname } from "node:path";
import { RULES } from "../../rules/index.js";
import { analyzeTarget } from "./analyze-target.js";
import { analyzeStdin, type StdinDocument } from "./analyze-stdin.js";
import { createConfigResolver } from "../config/config-resolver.js";
import type { AnalyzeHubOptions } from "./hub-runner.js";
import { scopedSettings } from "./scoped-settings.js";
import type { RuleSettings } from "../engine/run-rules.js";
import { summarize, type Report, type TargetResult } from "./report.js";
import { resolveTargets } from "../targets/resolve-targets.js";
import type { Target } from "../targets/target.js";
import { VERSION } from "../version.js";

export interface AnalyzeOptions {
  /** Directory relative paths and globs are resolved against; defaults to process.cwd(). */
  cwd?: string;
  /** Per-rule severities ("off" disables) and options, keyed by code or name; applied over the config file's. */
  rules?: RuleSettings;
  /**
   * A config file (any of CONFIG_FILE_NAMES in config/find-config-file.ts) for every target;
   * `false` for none. By default each target uses the nearest one found from its folder upward.
   */
  config?: string | false;
  /**
   * The memory questions: tokens per sequence (`--context`), sequences (`--batch`) and the user's
   * accelerator memory in bytes (`--gpu-memory`). The KV-cache, training and hardware-fit facts
   * answer them beside the model's own context length and the common accelerator sizes.
   */
  memory?: MemoryQuestions;
  /** Hub repo ids (`org/name[@rev][:GGUF_TAG]`): endpoint, token, revision, timeout, concurrency (src/hub/hub-runner.ts). */
  hub?: AnalyzeHubOptions;
  /** The document the target `-` stands for (the CLI reads standard input into it), and its name (`--stdin-filename`). */
  stdin?: StdinDocument;
}

export interface MemoryQuestions {
  context?: number;
  batch?: number;
  gpuMemoryBytes?: number;
  /** How the user wrote the memory ("24GB"), for reports. */
  gpuMemoryLabel?: string;
}

/**
 * Analyze targets (config files, folders, globs) and return the report the JSON format serializes.
 * Every target appears in the results, in input order; one that cannot be read is `status: "failed"`
 * and never stops the others. Holds every result: for large runs use `analyzeStream()`.
 */
export async function analyze(inputs: readonly string[], options: AnalyzeOptions = {}): Promise<Report> {
  const results: TargetResult[] = [];
  for await (const result of analyzeStream(inputs, options)) results.push(result);
  return { tool: { name: "modelcheck", version: VERSION }, results, summary: summarize(results) };
}

/** Hub results started ahead of the one being yielded, per concurrent slot: keeps the network busy while a slow repo holds the order. */
const LOOK_AHEAD_PER_SLOT = 4;

/**
 * The results of `analyze()` one at a time, in input order, as soon as each is ready: memory stays
 * flat however many targets there are. Hub targets run concurrently, at most a bounded number
 * (`concurrency` × 4) ahead of the result being yielded; local ones are analyzed in turn.
 */
export async function* analyzeStream(inputs: readonly string[], options: AnalyzeOptions = {}): AsyncGenerator<TargetResult, void, undefined> {
  const cwd = options.cwd ?? process.cwd();
  const targets = await resolveTargets(inputs, cwd);
  const settings = { rules: RULES, ruleSettings: options.rules ?? {}, cwd, facts: options.memory ?? {} };
  const resolver = createConfigResolver({ rules: RULES.map((r) => r.meta), cwd, config: options.config, base: options.rules });
  const hubCount = targets.filter((t) => t.hub && !t.error).length;
  // Loaded only when there is a Hub target: local runs never load the Hub code.
  const hub = hubCount > 0 ? (await import("./hub-runner.js")).createHubRunner(options.hub ?? {}, hubCount) : null;
  const lookAhead = hub ? hub.concurrency * LOOK_AHEAD_PER_SLOT : 0;
  // Results not yet yielded, in input order: Hub ones may still be running.
  const pending: Promise<TargetResult[]>[] = [];
  for (const target of targets) {
    const scope = await resolver.forFolder(configFolder(target, cwd));
    if (hub && target.hub && !target.error) {
      const running = hub.run({ ...target, hub: target.hub }, scopedSettings(settings, scope));
      // Settled by the time it is awaited below; this keeps an early rejection from going unhandled.
      running.catch(() => {});
      pending.push(running);
      if (pending.length > lookAhead) yield* await pending.shift()!;
      continue;
    }
    // A local target waits for the Hub results before it, so the order holds.
    while (pending.length) yield* await pending.shift()!;
    if (target.stdin) yield analyzeStdin(target.input, options.stdin, scopedSettings(settings, scope));
    else yield* await analyzeTarget(target, scopedSettings(settings, scope));
  }
  while (pending.length) yield* await pending.shift()!;
}

/** Where a target's config file is looked for: a folder target itself, else the folder of its file (the working directory for Hub ids). */
function configFolder(target: Target, cwd: string): string {
  if (!target.path) return cwd;
  return target.kind === "directory" ? target.path : dirname(target.path);
}
