import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findCycles, folderOf, importGraph, importsOf, type ImportEdge } from "../helpers/import-graph.js";
import { ROOT } from "../helpers/run-cli.js";

/**
 * The dependency rules of docs/architecture.md. Each stage folder lists what it may import at run
 * time and, beyond that, what it may import for types only (erased when compiled). A folder always
 * may import itself; `errors.ts` and `version.ts` at src/'s root are leaves everyone may use.
 */
const LEAVES = ["errors.ts", "version.ts", "format"];
export const ALLOWED: Record<string, { runtime: string[]; typeOnly?: string[] }> = {
  format: { runtime: [] },
  "errors.ts": { runtime: [] },
  "version.ts": { runtime: [] },
  targets: { runtime: [...LEAVES] },
  cards: { runtime: [...LEAVES], typeOnly: ["normalize", "facts", "architectures"] },
  sources: { runtime: [...LEAVES, "cards", "targets"] },
  claims: { runtime: [...LEAVES, "cards"], typeOnly: ["normalize", "facts", "sources"] },
  normalize: { runtime: [...LEAVES] },
  architectures: { runtime: [...LEAVES, "normalize"] },
  facts: { runtime: [...LEAVES, "normalize", "architectures"], typeOnly: ["sources"] },
  checkpoint: { runtime: [...LEAVES, "normalize", "architectures", "facts", "sources"] },
  engine: { runtime: [...LEAVES, "normalize", "architectures", "facts", "checkpoint", "cards", "claims", "sources"] },
  rules: { runtime: [...LEAVES, "engine", "facts", "checkpoint", "cards", "claims", "normalize", "architectures"] },
  reporters: { runtime: [...LEAVES, "engine", "facts", "checkpoint", "normalize", "architectures", "cards"], typeOnly: ["analyze", "targets"] },
  output: { runtime: [...LEAVES] },
  hub: { runtime: [...LEAVES, "targets", "cards", "sources", "output"] },
  config: { runtime: [...LEAVES, "engine", "sources", "targets"], typeOnly: ["analyze", "rules"] },
  baseline: { runtime: [...LEAVES, "engine", "sources", "output", "analyze"] },
  analyze: { runtime: [...LEAVES, "targets", "cards", "claims", "sources", "hub", "normalize", "architectures", "facts", "checkpoint", "engine", "rules", "config", "baseline"] },
  estimate: { runtime: [...LEAVES, "normalize", "architectures", "facts", "reporters"], typeOnly: ["analyze"] },
  compare: { runtime: [...LEAVES, "facts"], typeOnly: ["analyze"] },
  "index.ts": { runtime: [...LEAVES, "targets", "cards", "claims", "sources", "hub", "normalize", "architectures", "facts", "checkpoint", "engine", "rules", "reporters", "config", "baseline", "analyze", "output"] },
  cli: { runtime: ["*"] },
};

/** The imports that break a rule, each named as `from → to (why)`. */
export function violations(edges: readonly ImportEdge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const from = folderOf(e.from);
    const to = folderOf(e.to);
    if (from === to) continue;
    const rule = ALLOWED[from];
    if (!rule) {
      out.push(`${e.from} → ${e.to} (${from} is not a stage docs/architecture.md knows)`);
      continue;
    }
    if (to === "cli" && from !== "cli") {
      out.push(`${e.from} → ${e.to} (nothing but cli/ imports cli/)`);
      continue;
    }
    if (rule.runtime.includes("*") || rule.runtime.includes(to)) continue;
    if (e.typeOnly && rule.typeOnly?.includes(to)) continue;
    out.push(`${e.from} → ${e.to} (${from} may not import ${to}${rule.typeOnly?.includes(to) ? " at run time, only types" : ""})`);
  }
  return out;
}

const graph = importGraph(ROOT, ["src", "rules"]);

describe("the layout of docs/architecture.md", () => {
  it("src/ holds at most 3 files; everything else sits in a stage folder", () => {
    const files = readdirSync(join(ROOT, "src"), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
    expect(files.sort()).toEqual(["errors.ts", "index.ts", "version.ts"]);
  });

  it("every folder is a stage the rules know", () => {
    const folders = readdirSync(join(ROOT, "src"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => !ALLOWED[f])).toEqual([]);
  });

  it("reads the graph: the pipeline's entry imports the stages", () => {
    expect(graph.length).toBeGreaterThan(300);
    expect(graph.some((e) => e.from === "src/index.ts" && e.to.startsWith("src/analyze/"))).toBe(true);
  });

  it("keeps the dependency rules", () => {
    expect(violations(graph)).toEqual([]);
  });

  it("has no cycle between folders", () => {
    const folders = graph.map((e) => ({ from: folderOf(e.from), to: folderOf(e.to) }));
    expect(findCycles(folders).map((c) => c.join(" → "))).toEqual([]);
  });

  it("has no cycle between files", () => {
    expect(findCycles(graph).map((c) => c.join(" → "))).toEqual([]);
  });

  it("fails on a deliberately wrong import, naming it", () => {
    // A rule that reaches into the Hub client, and a reporter that reads files itself.
    const wrong = [
      ...importsOf("rules/x.ts", 'import { fetchModelInfo } from "../src/hub/fetch-model-info.js";'),
      ...importsOf("src/reporters/x.ts", 'import type { LoadedCard } from "../sources/read-card-document.js";'),
      ...importsOf("src/normalize/x.ts", 'export { MODEL_TYPE_SPECS } from "../architectures/registry.js";'),
      ...importsOf("src/facts/x.ts", 'const m = await import("../cli/main.js");'),
    ];
    expect(violations(wrong)).toEqual([
      "rules/x.ts → src/hub/fetch-model-info.ts (rules may not import hub)",
      "src/reporters/x.ts → src/sources/read-card-document.ts (reporters may not import sources)",
      "src/normalize/x.ts → src/architectures/registry.ts (normalize may not import architectures)",
      "src/facts/x.ts → src/cli/main.ts (nothing but cli/ imports cli/)",
    ]);
    // Types only where listed: facts may read a source document's type, not call its reader.
    expect(violations(importsOf("src/facts/x.ts", 'import type { LoadedGguf } from "../sources/read-gguf-header.js";'))).toEqual([]);
    expect(violations(importsOf("src/facts/x.ts", 'import { readLocalGgufModel } from "../sources/read-gguf-header.js";'))).toEqual(["src/facts/x.ts → src/sources/read-gguf-header.ts (facts may not import sources at run time, only types)"]);
    expect(findCycles([{ from: "a", to: "b" }, { from: "b", to: "a" }])).toEqual([["a", "b", "a"]]);
  });
});
