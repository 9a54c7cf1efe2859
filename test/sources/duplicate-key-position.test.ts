import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/index.js";

describe("a finding on a duplicated key points at the copy whose value is used (issue 15 item 7)", () => {
  it("MC102 on the second num_key_value_heads, the one JSON.parse keeps", async () => {
    const dir = mkdtempSync(join(tmpdir(), "modelcheck-dup-"));
    const lines = [
      "{",
      '  "model_type": "llama",',
      '  "hidden_size": 4096,',
      '  "num_hidden_layers": 2,',
      '  "num_attention_heads": 32,',
      '  "num_key_value_heads": 8,',
      '  "intermediate_size": 11008,',
      '  "vocab_size": 32000,',
      '  "num_key_value_heads": 5',
      "}",
    ];
    writeFileSync(join(dir, "config.json"), lines.join("\n"));
    const report = await analyze([join(dir, "config.json")], { cwd: dir, config: false });
    // 32 heads are not a multiple of 5 KV heads (the last copy); 8 would divide them.
    const finding = report.results[0]!.findings.find((f) => f.ruleId === "MC102")!;
    expect(finding.location.line).toBe(9);
    expect(finding.location.column).toBe(3);
  });
});
