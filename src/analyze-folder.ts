import { existsSync, readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeConfigFile, failedResult, type AnalysisSettings } from "./analyze-config-file.js";
import { describeError, SourceError } from "./errors.js";
import type { TargetResult } from "./report.js";
import { displayPath } from "./targets/display-path.js";
import type { Target } from "./targets/target.js";

/** Below this many subfolders a worker costs more to start than it saves. */
const PARALLEL_THRESHOLD = 512;
const WORKER_URL = new URL("./analyze-folders-worker.js", import.meta.url);

/** A subfolder to search: its path and the path shown for it in reports. */
export type FolderJob = [path: string, shown: string];

/**
 * Search one folder for models, depth first: a folder holding config.json is one model (its
 * subfolders are not searched); otherwise each subfolder is searched the same way, hidden folders
 * and node_modules skipped. Trying config.json first costs one open per model folder, the read we
 * need anyway, instead of a directory listing per folder. Display paths are built by appending
 * names: path.relative per folder is costly by the thousand.
 */
export function visitFolder(folder: string, shown: string, settings: AnalysisSettings, results: TargetResult[], input: string | null = null): string[] | null {
  try {
    results.push(analyzeConfigFile(join(folder, "config.json"), input ?? shown, "directory", settings, shown === "." ? "config.json" : `${shown}/config.json`, true));
    return null;
  } catch (error) {
    if (!(error instanceof SourceError && error.code === "not-found")) {
      results.push(failedResult(input ?? shown, "directory", describeError(error)));
      return null;
    }
  }
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    if (input !== null) results.push(failedResult(input, "directory", describeError(error)));
    return null;
  }
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules")
    .map((e) => e.name)
    .sort();
}

/** Run a list of folder jobs in order. */
export function visitFolders(jobs: readonly FolderJob[], settings: AnalysisSettings, results: TargetResult[]): void {
  for (const [path, shown] of jobs) {
    const children = visitFolder(path, shown, settings, results);
    if (children) visitFolders(children.map((name) => [join(path, name), shown === "." ? name : `${shown}/${name}`]), settings, results);
  }
}

/** Analyze a folder target; large folders are split between this thread and worker threads. */
export async function analyzeFolder(target: Target & { path: string }, settings: AnalysisSettings): Promise<TargetResult[]> {
  const results: TargetResult[] = [];
  const rootShown = displayPath(target.path, settings.cwd).replace(/\/$/, "");
  const children = visitFolder(target.path, rootShown, settings, results, target.input);
  if (children) {
    const jobs: FolderJob[] = children.map((name) => [join(target.path, name), rootShown === "." ? name : `${rootShown}/${name}`]);
    results.push(...(await visitInParallel(jobs, settings)));
  }
  if (results.length === 0) {
    const hint = `${target.input.replace(/\/$/, "")}/*.json`;
    results.push(failedResult(target.input, "directory", { code: "nothing-to-check", message: `${target.input}: folder has no config.json to check (for configs with other names, pass a glob such as "${hint}")` }));
  }
  return results;
}

/**
 * Split the jobs into contiguous chunks: the first runs here, the others in workers, and the
 * results are concatenated in order. Workers exist only in the compiled package (not when the
 * sources run under a test runner), and only when there is more than one core.
 */
async function visitInParallel(jobs: FolderJob[], settings: AnalysisSettings): Promise<TargetResult[]> {
  const threads = Math.min(availableParallelism(), 4);
  const usable = settings.parallel !== false && threads > 1 && jobs.length >= PARALLEL_THRESHOLD && existsSync(fileURLToPath(WORKER_URL));
  const results: TargetResult[] = [];
  if (!usable) {
    visitFolders(jobs, settings, results);
    return results;
  }
  const { Worker } = await import("node:worker_threads");
  const size = Math.ceil(jobs.length / threads);
  const chunks = Array.from({ length: threads }, (_, k) => jobs.slice(k * size, (k + 1) * size));
  const pending = chunks.slice(1).map(
    (chunk) =>
      new Promise<TargetResult[]>((resolve, reject) => {
        const worker = new Worker(WORKER_URL, { workerData: { jobs: chunk, cwd: settings.cwd, ruleSettings: settings.ruleSettings } });
        worker.once("message", (message: TargetResult[]) => resolve(message));
        worker.once("error", reject);
        worker.once("exit", (code) => code !== 0 && reject(new Error(`analysis worker exited with code ${code}`)));
      }),
  );
  visitFolders(chunks[0]!, settings, results);
  for (const part of await Promise.all(pending)) results.push(...part);
  return results;
}
