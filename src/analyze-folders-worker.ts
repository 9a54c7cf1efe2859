import { parentPort, workerData } from "node:worker_threads";
import { RULES } from "../rules/index.js";
import { visitFolders, type FolderJob } from "./analyze-folder.js";
import type { RuleSettings } from "./engine/run-rules.js";
import type { TargetResult } from "./report.js";

/** Worker thread: analyze a contiguous chunk of a large folder and send the results back. */
const { jobs, cwd, ruleSettings } = workerData as { jobs: FolderJob[]; cwd: string; ruleSettings: RuleSettings };
const results: TargetResult[] = [];
visitFolders(jobs, { rules: RULES, ruleSettings, cwd, parallel: false }, results);
parentPort!.postMessage(results);
