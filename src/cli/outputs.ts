import { resolve } from "node:path";
import { RULES } from "../../rules/index.js";
import { openOutputFile } from "../output/write-output-file.js";
import { UsageError } from "../errors.js";
import type { Summary, TargetResult } from "../analyze/report.js";
import { REPORTERS } from "../reporters/index.js";
import { readRuleDocs } from "./rule-docs.js";
import { isolateWriter, type IsolatedWriter } from "./render-isolated.js";
import { VERSION } from "../version.js";

/** One report to write: a format and where it goes (null: standard output). */
export interface OutputPlan {
  format: string;
  path: string | null;
}

/**
 * Pair `-f` and `-o` options. One format goes to `-o` if given, else to standard output. Several
 * formats need one `-o` each, paired in order (`-f text -f sarif -o - -o out.sarif`), `-` meaning
 * standard output; at most one format may go there, and no two to the same file.
 */
export function planOutputs(formats: readonly string[], outputs: readonly string[]): OutputPlan[] {
  const chosen = formats.length ? formats : ["text"];
  if (chosen.length === 1 && outputs.length <= 1) return [{ format: chosen[0]!, path: outputs[0] === undefined || outputs[0] === "-" ? null : outputs[0] }];
  if (outputs.length !== chosen.length) {
    throw new UsageError(`${chosen.length} formats but ${outputs.length} outputs: with several --format, give one --output per format, in the same order (- for standard output)`);
  }
  const plan = chosen.map((format, i) => ({ format, path: outputs[i] === "-" ? null : outputs[i]! }));
  if (plan.filter((p) => p.path === null).length > 1) throw new UsageError("only one format can go to standard output (-o -)");
  const files = plan.flatMap((p) => (p.path === null ? [] : [resolve(p.path)]));
  const duplicate = files.find((f, i) => files.indexOf(f) !== i);
  if (duplicate) throw new UsageError(`two formats are written to ${duplicate}`);
  return plan;
}

/** The reports of one run, written as results arrive. */
export interface ReportSinks {
  result(result: TargetResult): void;
  end(summary: Summary): void;
  /** Results a reporter threw on and that were written as internal errors instead (exit code 2). */
  replaced(): number;
  /** The run stopped on an error: report files are dropped (the previous ones stay), nothing more is written. */
  abort(): void;
}

/**
 * Open every planned report: files are created now (a bad path fails before any analysis), standard
 * output is written as it comes. Each format's writer turns results into text (reporters/reporter.ts).
 */
export async function openReports(plan: readonly OutputPlan[], options: { color: boolean; cwd: string }): Promise<ReportSinks> {
  const rules = RULES.map((r) => r.meta);
  const ruleDocs = plan.some((p) => p.format === "sarif") ? readRuleDocs(rules) : {};
  const sinks: { writer: IsolatedWriter; write(text: string): void; close(): void; abort(): void }[] = [];
  for (const { format, path } of plan) {
    const writer = isolateWriter((await REPORTERS[format]!())({ rules, version: VERSION, ruleDocs, color: options.color && path === null, cwd: options.cwd }), format);
    sinks.push({ writer, ...(path === null ? { write: (text: string) => void (text && process.stdout.write(text)), close: () => {}, abort: () => {} } : openFile(path, options.cwd)) });
  }
  // Started with the first result: an error before it (a bad config file) leaves no half report.
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    for (const sink of sinks) sink.write(sink.writer.start());
  };
  return {
    result(result) {
      start();
      for (const sink of sinks) sink.write(sink.writer.result(result));
    },
    end(summary) {
      start();
      for (const sink of sinks) {
        sink.write(sink.writer.end(summary));
        sink.close();
      }
    },
    abort() {
      for (const sink of sinks) sink.abort();
    },
    replaced: () => sinks.reduce((n, sink) => n + sink.writer.replaced, 0),
  };
}

function openFile(path: string, cwd: string): { write(text: string): void; close(): void; abort(): void } {
  const say = (error: unknown) => new UsageError(`cannot write ${path}: ${(error as Error).message}`);
  try {
    const file = openOutputFile(resolve(cwd, path));
    return {
      write(text) {
        try {
          file.write(text);
        } catch (error) {
          throw say(error);
        }
      },
      close: () => file.close(),
      abort: () => file.abort(),
    };
  } catch (error) {
    throw say(error);
  }
}
