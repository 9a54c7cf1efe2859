import { describe, expect, it } from "vitest";
import { parseBoundedYaml } from "../../src/cards/parse-bounded-yaml.js";

describe("front matter at scale", () => {
  it("parses 90,000 keys (about 0.8 MB, under the 1 MiB cap) without the quadratic duplicate check (was 66 s)", () => {
    const yaml = Array.from({ length: 90_000 }, (_, i) => `k${i}: 1`).join("\n");
    expect(yaml.length).toBeLessThan(1024 * 1024);
    const parsed = parseBoundedYaml(yaml, yaml, 0, "front matter");
    expect(parsed.problem).toBeNull();
    expect(Object.keys(parsed.value as object)).toHaveLength(90_000);
  });

  it("still refuses a duplicate key, pointing at the repeated one, also in a nested mapping", () => {
    const top = "license: mit\ntags: [a]\nlicense: apache-2.0\n";
    expect(parseBoundedYaml(top, top, 0, "front matter").problem).toEqual({ kind: "invalid-yaml", message: "invalid YAML: Map keys must be unique", position: { line: 3, column: 1 } });
    const nested = "model-index:\n  - name: x\n    results: []\n    name: y\n";
    expect(parseBoundedYaml(nested, nested, 0, "front matter").problem?.position).toEqual({ line: 4, column: 5 });
    // The same text as a key of two different mappings is no duplicate.
    const apart = "a:\n  name: 1\nb:\n  name: 2\n";
    expect(parseBoundedYaml(apart, apart, 0, "front matter").problem).toBeNull();
  });
});
