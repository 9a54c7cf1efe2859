import { describe, expect, it } from "vitest";
import { RULES } from "../../rules/index.js";
import { analyzeDocuments } from "../../src/analyze/analyze-documents.js";
import { analyze } from "../../src/index.js";
import { markdownReporter } from "../../src/reporters/markdown.js";
import { parseConfigBytes } from "../../src/sources/read-config-document.js";
import { readFixtureConfig } from "../helpers/count.js";
import { ROOT } from "../helpers/run-cli.js";

const context = { rules: RULES.map((r) => r.meta), version: "0", ruleDocs: {}, color: false, cwd: ROOT };

describe("memory in the markdown report", () => {
  it("renders the weights and GPU-fit table and the KV cache in each model's section", async () => {
    const report = await analyze(["examples/Mistral-7B-v0.1"], { cwd: ROOT, memory: { gpuMemoryBytes: 12e9, gpuMemoryLabel: "12GB" } });
    const md = markdownReporter(report, context);
    expect(md).toContain("| precision | weights |  | 16 GB | 24 GB | 40 GB | 48 GB | 80 GB | 141 GB | 12GB |");
    // 7,241,732,096 × 2 B = 14.48 GB: not in 16 GB × 0.9, in 24 GB with the full 32,768 tokens (512 MiB of cache).
    expect(md).toContain("| BF16/FP16 | 14.48 GB | 13.49 GiB | – | ✓ | ✓ | ✓ | ✓ | ✓ | – |");
    expect(md).toContain("KV cache: 131,072 B (128 KiB) per token");
  });

  it("escapes what comes from the config", () => {
    const config = { ...readFixtureConfig("mistralai--Mistral-7B-v0.1"), quantization_config: { quant_method: "<img src=x>|evil", bits: 4 } };
    const result = analyzeDocuments({ config: parseConfigBytes(Buffer.from(JSON.stringify(config)), "config.json"), name: "m" }, { input: "m", kind: "directory", revision: null }, { rules: [], ruleSettings: {}, cwd: ROOT });
    expect(result.facts!.memory!.asPublished!.label).toBe("imgsrcxevil 4-bit");
    const md = markdownReporter({ tool: { name: "modelcheck", version: "0" }, results: [result], summary: { targets: 1, failed: 0, errors: 0, warnings: 0, infos: 0 } }, context);
    expect(md).not.toContain("<img");
    expect(md).toContain("| imgsrcxevil 4-bit |");
  });
});
