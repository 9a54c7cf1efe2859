import type { AnalysisSettings } from "./analyze-documents.js";
import { analyzeHubTarget } from "./analyze-hub-target.js";
import type { TargetResult } from "./report.js";
import type { Target } from "../targets/target.js";
import { resolveHubSettings, type HubSettingsInput } from "../hub/hub-settings.js";
import type { HubAuditHooks } from "../hub/load-hub-documents.js";
import { resolveToken } from "../hub/resolve-token.js";

/** `analyze()`'s Hub options: everything has a default from the environment. */
export interface AnalyzeHubOptions extends HubSettingsInput {
  /** Called as each Hub target finishes (the CLI's progress line). */
  onProgress?: (done: number, total: number, target: string) => void;
  /** Test and bench seams. */
  hooks?: HubAuditHooks;
  env?: NodeJS.ProcessEnv;
}

export interface HubRunner {
  /** How many repos load at once: the stream looks this many times LOOK_AHEAD_PER_SLOT ahead. */
  concurrency: number;
  /** Audit one Hub target (one result, or several for a repo with GGUF files); its requests wait for a free slot (at most `concurrency` repos at once). */
  run(target: Target & { hub: NonNullable<Target["hub"]> }, settings: AnalysisSettings): Promise<TargetResult[]>;
}

/**
 * Runs the Hub targets of one `analyze()` call: at most `concurrency` (default 8) load documents at
 * once; analysis runs outside that bound, so the network stays busy. Settings are
 * resolved once, and only when there is a Hub target: `--version` and local runs never read a token.
 * A token not given explicitly comes from HF_TOKEN or the token file.
 */
export function createHubRunner(options: AnalyzeHubOptions, total: number): HubRunner {
  const env = options.env ?? process.env;
  const accessToken = options.accessToken !== undefined ? options.accessToken : (resolveToken({ env })?.token ?? null);
  const settings = resolveHubSettings({ ...options, accessToken }, env);
  let active = 0;
  let done = 0;
  const waiting: (() => void)[] = [];
  const acquire = () => (active < settings.concurrency ? (active++, Promise.resolve()) : new Promise<void>((resolve) => waiting.push(resolve)));
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  const limit = async <T>(work: () => Promise<T>): Promise<T> => {
    await acquire();
    try {
      return await work();
    } finally {
      release();
    }
  };
  return {
    concurrency: settings.concurrency,
    async run(target, analysisSettings) {
      try {
        return await analyzeHubTarget(target, analysisSettings, settings, options.hooks, limit);
      } finally {
        options.onProgress?.(++done, total, target.input);
      }
    },
  };
}
