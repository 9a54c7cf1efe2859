import { readFileSync } from "node:fs";
import { InvalidArgumentError, Option, type Command } from "commander";
import { UsageError } from "../errors.js";
import type { AnalyzeHubOptions } from "../analyze/hub-runner.js";
import { resolveToken } from "../hub/resolve-token.js";
import { SUMMARY_FORMATS, type SummaryFormat } from "../reporters/summary-table.js";

/** The command-line options of Hub audits and batches (docs/hub.md). */
export interface HubCliOptions {
  token?: string;
  tokenFile?: string;
  endpoint?: string;
  revision?: string;
  timeout?: number;
  fromFile: string[];
  concurrency?: number;
  summary?: SummaryFormat;
}

function parseSeconds(value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) throw new InvalidArgumentError("expected a positive number of seconds");
  return Number(value);
}

function parsePositive(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError("expected a positive integer");
  return Number(value);
}

export function addHubOptions(program: Command): void {
  program
    .option("--from-file <file>", "read more targets from a file, one per line (# starts a comment); repeatable", (v: string, prev: string[] = []) => [...prev, v], [])
    .option("--revision <rev>", "branch, tag or commit of Hub repos given without @rev (default: main)")
    .option("--endpoint <url>", "Hub endpoint or mirror (default: HF_ENDPOINT, else https://huggingface.co)")
    .option("--token <source>", "read the Hugging Face token from standard input: --token - (default: HF_TOKEN, else the huggingface-cli login token file)")
    .option("--token-file <file>", "read the Hugging Face token from this file")
    .option("--timeout <seconds>", "abandon a Hub request attempt after this long (default 30); retries are bounded too", parseSeconds)
    .option("--concurrency <n>", "Hub repos audited at once (default 8)", parsePositive)
    .addOption(new Option("--summary <format>", "print only the summary table (target, advertised, config total, checkpoint total, verdict) on standard output; reports still go to their -o files").choices([...SUMMARY_FORMATS]));
}

/** Targets listed in `--from-file` files: one per line, blank lines and `#` comments skipped. */
export function readTargetsFiles(files: readonly string[]): string[] {
  const targets: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = file === "-" ? readFileSync(0, "utf8") : readFileSync(file, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`--from-file ${file}: ${code === "ENOENT" ? "no such file" : "cannot be read"}`);
    }
    for (const line of text.split(/\r?\n/)) {
      const target = line.replace(/(^|\s)#.*$/, "").trim();
      if (target) targets.push(target);
    }
  }
  return targets;
}

/**
 * analyze()'s Hub options from the flags. An explicit token (`--token -`, `--token-file`) is read
 * now; otherwise HF_TOKEN and the token file are read only if a Hub target needs them. A token as
 * the value of `--token` is refused: command lines are visible to other users of the machine.
 */
export function hubAnalyzeOptions(options: HubCliOptions, debug: boolean): AnalyzeHubOptions {
  if (options.token !== undefined && options.token !== "-") {
    throw new UsageError("--token takes - (read the token from standard input); a token on the command line is visible to other users: use HF_TOKEN, --token-file or --token -");
  }
  if (options.token === "-" && options.fromFile.includes("-")) throw new UsageError("--token - and --from-file - cannot both read standard input");
  const explicit = options.token === "-" || options.tokenFile !== undefined ? resolveToken({ env: {}, tokenFromStdin: options.token === "-", tokenFile: options.tokenFile }) : undefined;
  const token = explicit?.token ?? null;
  const progress = process.stderr.isTTY === true;
  return {
    ...(explicit !== undefined ? { accessToken: token } : {}),
    endpoint: options.endpoint,
    revision: options.revision,
    timeoutMs: options.timeout !== undefined ? Math.round(options.timeout * 1000) : undefined,
    concurrency: options.concurrency,
    log: debug ? (line: string) => process.stderr.write(`${redact(line, token ?? process.env.HF_TOKEN ?? null)}\n`) : null,
    // The progress line redraws itself; it is only shown to a person at a terminal, never in logs.
    onProgress: progress ? (done, total, target) => process.stderr.write(done < total ? `\r\u001b[2K[${done}/${total}] ${target}` : "\r\u001b[2K") : undefined,
  };
}

/** Belt and braces for --debug lines: no code path puts the token in them, and none may. */
function redact(line: string, token: string | null): string {
  return token ? line.split(token).join("hf_***") : line;
}
