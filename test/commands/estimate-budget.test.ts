import fc from "fast-check";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildEstimateConfig, llamaFfn } from "../../src/estimate/build-estimate-config.js";
import { budgetPrecision, defaultKvHeads, maxLayersAt, searchBudget, WIDTH_PER_LAYER, type BudgetCandidate } from "../../src/estimate/search-budget.js";
import { RUNTIME_OVERHEAD } from "../../src/facts/memory-facts.js";
import { analyze } from "../../src/index.js";
import { runCli } from "../helpers/run-cli.js";

const FOUR_GB = 4e9;

/** Analyze a candidate's config through the whole pipeline, as `modelcheck config.json --context N --gpu-memory B` would. */
async function analyzeCandidate(candidate: BudgetCandidate, context: number, budgetBytes: number) {
  const dir = mkdtempSync(join(tmpdir(), "modelcheck-budget-"));
  writeFileSync(join(dir, "config.json"), JSON.stringify(candidate.config));
  const report = await analyze([join(dir, "config.json")], { memory: { context, gpuMemoryBytes: budgetBytes, gpuMemoryLabel: "budget" } });
  return report.results[0]!.facts!;
}

describe("modelcheck estimate --budget", () => {
  const context = 4096;
  const search = searchBudget({ family: "llama", budgetBytes: FOUR_GB, precision: "int4", context });

  it("proposes one shape per width-to-depth ratio, largest first", () => {
    expect(search.candidates.length).toBeGreaterThanOrEqual(3);
    expect(search.candidates.length).toBeLessThanOrEqual(WIDTH_PER_LAYER.length);
    const totals = search.candidates.map((c) => c.parameters);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(search.usableBytes).toBe(FOUR_GB * (1 - RUNTIME_OVERHEAD));
  });

  it("every answer fits: the full pipeline's hardware-fit table holds the context at INT4 in the budget", async () => {
    for (const candidate of search.candidates) {
      const facts = await analyzeCandidate(candidate, context, FOUR_GB);
      expect(facts.parameters!.total).toBe(candidate.parameters);
      const fit = facts.memory!.hardwareFit;
      // The budget is the last accelerator column; its cell is the largest context that fits beside the weights.
      expect(fit.acceleratorsGB.at(-1)).toBe(4);
      expect(fit.maxContext.int4!.at(-1)).toBeGreaterThanOrEqual(context);
      // And by hand: weights at 4 bits + the KV cache at 4,096 tokens within 90 % of 4 GB.
      const kv = facts.memory!.kvCache!.atRequested!.bytes;
      expect(kv).toBe(candidate.kvCacheBytes);
      expect(Math.ceil(candidate.parameters / 2) + kv).toBeLessThanOrEqual(FOUR_GB * 0.9);
    }
  });

  it("each answer is the deepest that fits at its width, or at the depth cap (d_model/layers ≥ 32): one more layer does not fit", () => {
    for (const c of search.candidates) {
      expect(c.layers).toBeLessThanOrEqual(maxLayersAt(c.dModel));
      if (c.layers === maxLayersAt(c.dModel)) continue;
      const deeper = searchBudget({ family: "llama", budgetBytes: FOUR_GB, precision: "int4", context, dModel: c.dModel, layers: c.layers + 1 });
      expect(deeper.candidates).toEqual([]);
    }
  });

  it("counts each shape with the family's own inventory: GQA llama with 8 KV heads, 8/3·d rounded to 256, untied 32k vocabulary", () => {
    for (const c of search.candidates) {
      expect(c.dFf).toBe(llamaFfn(c.dModel));
      expect(c.kvHeads).toBe(defaultKvHeads(c.heads));
      // modeling_llama.py per layer: q, o (2·d²), k, v (2·d·kv·d_head) + gate, up, down (3·d·d_ff) + two RMSNorms (2·d); embeddings and LM head 2·V·d; final norm d.
      const d = c.dModel;
      const kvWidth = c.kvHeads * (d / c.heads);
      expect(c.parameters).toBe(c.layers * (2 * d * d + 2 * d * kvWidth + 3 * d * c.dFf + 2 * d) + 2 * 32000 * d + d);
      // transformers' cache: 2 (K and V) × layers × KV heads × head_dim × 2 bytes × tokens.
      expect(c.kvCacheBytes).toBe(2 * c.layers * c.kvHeads * (d / c.heads) * 2 * context);
    }
  });

  it("with --d-model only the depth is searched; with --layers only the width", () => {
    const byDepth = searchBudget({ family: "llama", budgetBytes: FOUR_GB, precision: "int4", context, dModel: 2048, kvHeads: 4 });
    expect(byDepth.candidates).toHaveLength(1);
    expect(byDepth.candidates[0]!.dModel).toBe(2048);
    expect(byDepth.candidates[0]!.kvHeads).toBe(4);
    const byWidth = searchBudget({ family: "llama", budgetBytes: FOUR_GB, precision: "int4", context, layers: 24 });
    expect(byWidth.candidates).toHaveLength(1);
    const w = byWidth.candidates[0]!;
    expect(w.layers).toBe(24);
    expect(w.dModel % 128).toBe(0);
    const wider = searchBudget({ family: "llama", budgetBytes: FOUR_GB, precision: "int4", context, layers: 24, dModel: w.dModel + 128 });
    expect(wider.candidates).toEqual([]);
  });

  it("GQA by default (issue 15 item 9): fewer KV heads than heads past 8 heads; a longer context leaves room for a smaller model", () => {
    expect(search.candidates.every((c) => c.kvHeads < c.heads || c.heads <= 8)).toBe(true);
    const longer = searchBudget({ family: "llama", budgetBytes: FOUR_GB, precision: "int4", context: 4 * context });
    expect(longer.candidates[0]!.parameters).toBeLessThan(search.candidates[0]!.parameters);
  });

  it("shapes stay in the range of published models, and each row states the rule that chose it", () => {
    for (const c of search.candidates) {
      // d_model/layers from 32 (Llama-3.2-1B: 2048/16 = 128 is the wide end; Qwen2.5-0.5B 896/24 ≈ 37 the deep end).
      expect(c.widthPerLayer).toBeGreaterThanOrEqual(32);
      expect(c.widthPerLayer).toBeLessThanOrEqual(128);
      expect(c.rule).toMatch(/^the widest that fits at d_model\/layers = (32|48|64|96|128)/);
    }
  });

  it("a mixture of experts is sized by every expert, and its active count is shown beside", () => {
    const moe = searchBudget({ family: "llama", budgetBytes: 24e9, precision: "int4", context, experts: 8, kvHeads: 8 });
    expect(moe.modelType).toBe("mixtral");
    for (const c of moe.candidates) {
      expect(c.activeParameters).toBeLessThan(c.parameters);
      // Weights memory counts all 8 experts: 4 bits per parameter of the total (src/facts/precisions.ts).
      expect(c.weightsBytes).toBe(Math.ceil(c.parameters / 2));
    }
    const text = runCli(["estimate", "--budget", "24GB", "--experts", "8", "--kv-heads", "8"]);
    expect(text.stdout).toMatch(/parameters \(exact\) +active/);
    // The --kv-heads given is passed on once in each row's command, not added again.
    const commands = text.stdout.split("\n").filter((l) => l.trim().startsWith("modelcheck estimate"));
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) expect(command.match(/--kv-heads/g)).toHaveLength(1);
  });

  it("--overhead sets the share kept for the runtime: with none, the whole budget is usable and a larger model fits", () => {
    const whole = searchBudget({ family: "llama", budgetBytes: FOUR_GB, precision: "int4", context, overhead: 0 });
    expect(whole.usableBytes).toBe(FOUR_GB);
    expect(whole.candidates[0]!.parameters).toBeGreaterThan(search.candidates[0]!.parameters);
    for (const c of whole.candidates) expect(c.totalBytes).toBeLessThanOrEqual(FOUR_GB);
    expect(() => searchBudget({ family: "llama", budgetBytes: FOUR_GB, precision: "int4", context, overhead: 1 })).toThrow(/0 ≤ overhead < 1/);
    expect(runCli(["estimate", "--budget", "4GB", "--overhead", "0"]).stdout).toContain("4.00 GB (3.73 GiB) usable after 0% kept for the runtime (--overhead)");
    expect(runCli(["estimate", "--budget", "4GB", "--overhead", "1.5"]).code).toBe(2);
  });

  it("--set may not move what the search sets, and shapes that cannot be built are a usage error, not a full budget", () => {
    expect(() => searchBudget({ family: "llama", budgetBytes: 8e9, precision: "int4", context, set: { num_hidden_layers: 2 } })).toThrow(/--set changes the depth/);
    expect(() => searchBudget({ family: "llama", budgetBytes: 8e9, precision: "int4", context, set: { hidden_size: 64 } })).toThrow(/--set changes the width/);
    expect(() => searchBudget({ family: "llama", budgetBytes: 8e9, precision: "int4", context, dModel: 100, heads: 3 })).toThrow(/no llama shape can be built with --heads 3 at --d-model 100/);
    // Any other key applies to every shape (and counts: rope_theta adds nothing).
    const withRope = searchBudget({ family: "llama", budgetBytes: FOUR_GB, precision: "int4", context, set: { rope_theta: 500000 } });
    expect(withRope.candidates.map((c) => c.parameters)).toEqual(search.candidates.map((c) => c.parameters));
    expect(withRope.candidates[0]!.config.rope_theta).toBe(500000);
    expect(runCli(["estimate", "--budget", "8GB", "--set", "num_hidden_layers=2"]).code).toBe(2);
    expect(runCli(["estimate", "--budget", "4GB", "--layers", "100000"]).code).toBe(2);
  });

  it("finds nothing in a budget too small for any shape", () => {
    const none = searchBudget({ family: "llama", budgetBytes: 1e6, precision: "int4", context });
    expect(none.candidates).toEqual([]);
  });

  it("accepts precision aliases and refuses unknown ones", () => {
    expect(budgetPrecision("FP16")).toBe("bf16");
    expect(budgetPrecision("Q4_K")).toBe("q4_k");
    expect(() => budgetPrecision("int3")).toThrow(/unknown precision "int3"/);
  });

  it("CLI: prints the table and a command per row; -f json and --emit-config give the same largest candidate", () => {
    const text = runCli(["estimate", "--budget", "4GB", "--precision", "int4", "--family", "llama", "--context", "4096"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("3.60 GB (3.35 GiB) usable after 10% kept for the runtime (as in the hardware-fit table; --overhead to change)");
    const best = search.candidates[0]!;
    expect(text.stdout).toContain(`modelcheck estimate --family llama --d-model ${best.dModel} --layers ${best.layers} --kv-heads ${best.kvHeads} --context 4096`);
    const out = join(mkdtempSync(join(tmpdir(), "modelcheck-budget-")), "config.json");
    const json = runCli(["estimate", "--budget", "4GB", "--context", "4096", "-f", "json", "--emit-config", out]);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout).budget;
    expect(parsed.precision).toBe("int4");
    expect(parsed.candidates[0].parameters).toBe(best.parameters);
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(best.config);
  });

  it("CLI: nothing fits → exit 1 with advice; bad budget or precision → one line, exit 2", () => {
    const none = runCli(["estimate", "--budget", "1MB"]);
    expect(none.code).toBe(1);
    expect(none.stdout).toContain("No shape of this family fits");
    for (const args of [["--budget", "lots"], ["--budget", "4GB", "--precision", "int3"], ["--d-model", "1024", "--layers", "2", "--precision", "int4"]]) {
      const r = runCli(["estimate", ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("a built config's own count matches the candidate (the estimate path and the search agree)", () => {
    const c = search.candidates[0]!;
    expect(buildEstimateConfig({ family: "llama", dModel: c.dModel, layers: c.layers, kvHeads: c.kvHeads, context }).config).toEqual(c.config);
  });
});

describe("budget mode, for any budget", () => {
  it("every candidate fits, and none could take one more layer", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 400, noNaN: true }),
        fc.constantFrom("bf16", "int8", "int4", "q4_k"),
        fc.constantFrom(512, 4096, 32768),
        fc.constantFrom(undefined, 1, 8),
        (gigabytes, precision, context, kvHeads) => {
          const budgetBytes = Math.round(gigabytes * 1e9);
          const found = searchBudget({ family: "llama", budgetBytes, precision, context, ...(kvHeads ? { kvHeads } : {}) });
          for (const c of found.candidates) {
            expect(c.weightsBytes + c.kvCacheBytes).toBe(c.totalBytes);
            expect(c.totalBytes).toBeLessThanOrEqual(found.usableBytes);
            expect(c.layers).toBeLessThanOrEqual(maxLayersAt(c.dModel));
            if (c.layers === maxLayersAt(c.dModel)) continue;
            const deeper = searchBudget({ family: "llama", budgetBytes, precision, context, dModel: c.dModel, layers: c.layers + 1, ...(kvHeads ? { kvHeads } : {}) });
            expect(deeper.candidates).toEqual([]);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
