import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { cardClaims } from "../../src/claims/extract-claims.js";
import { parseCardBody, splitRow } from "../../src/cards/parse-card-body.js";
import { MAX_FRONT_MATTER_CHARS } from "../../src/cards/parse-front-matter.js";
import { parseCardText, readCardDocument } from "../../src/sources/read-card-document.js";

const CARD = `---
license: apache-2.0
language:
- en
- fr
model-index:
- name: demo
  results:
  - task:
      type: text-classification
    dataset: {type: imdb, name: IMDb}
    metrics:
    - {type: accuracy, value: 0.93}
"a/b~c": 1
---

# Demo model
Intro text.

Setext heading
--------------

| Spec | Value |
| --- | ---: |
| Layers | 32 |
| Pipe \\| escaped | \`a|b\` |

\`\`\`python
# not a heading
\`\`\`
<!-- a comment
over two lines -->
- a list item
> a quote
`;

describe("front matter", () => {
  const card = parseCardText(CARD, "README.md");

  it("parses the metadata", () => {
    expect(card.problem).toBeNull();
    expect(card.metadata).toMatchObject({ license: "apache-2.0", language: ["en", "fr"] });
    expect(card.document.value).toBe(card.metadata);
    expect(card.frontMatter).toEqual({ closeLine: 15 });
  });

  it.each([
    ["", 2, 1],
    ["/license", 2, 1],
    ["/language", 3, 1],
    ["/language/1", 5, 3],
    ["/model-index/0", 7, 3],
    ["/model-index/0/results/0/task/type", 10, 7],
    ["/model-index/0/results/0/dataset/name", 11, 27],
    ["/model-index/0/results/0/metrics/0/value", 13, 24],
    ["/a~1b~0c", 14, 1],
    // Missing keys fall back to the nearest ancestor that exists.
    ["/model-index/0/results/0/source", 9, 5],
    ["/nope", 2, 1],
  ])("locates %s at %i:%i in README.md", (pointer, line, column) => {
    expect(card.document.locate(pointer)).toEqual({ line, column });
  });

  it("a card without front matter points at line 1", () => {
    const plain = parseCardText("# Title\n", "README.md");
    expect(plain.frontMatter).toBeNull();
    expect(plain.document.locate("/license")).toEqual({ line: 1, column: 1 });
  });

  it("CRLF line endings and a BOM", () => {
    const crlf = parseCardText("\uFEFF---\r\nlicense: mit\r\n---\r\n# T\r\n", "README.md");
    expect(crlf.metadata).toEqual({ license: "mit" });
    expect(crlf.body.headings).toEqual([{ line: 4, level: 1, text: "T" }]);
  });
});

describe("body", () => {
  const { body } = parseCardText(CARD, "README.md");

  it("keeps card line numbers for headings (ATX and setext), not code comments", () => {
    expect(body.startLine).toBe(16);
    expect(body.headings).toEqual([
      { line: 17, level: 1, text: "Demo model" },
      { line: 20, level: 2, text: "Setext heading" },
    ]);
  });

  it("reads pipe tables with their header, cells and columns", () => {
    expect(body.tables).toHaveLength(1);
    const table = body.tables[0]!;
    expect(table.line).toBe(23);
    expect(table.header.map((c) => c.text)).toEqual(["Spec", "Value"]);
    expect(table.rows.map((r) => r.line)).toEqual([25, 26]);
    expect(table.rows[0]!.cells).toEqual([
      { text: "Layers", column: 3 },
      { text: "32", column: 12 },
    ]);
    // An escaped pipe and a pipe inside code stay in their cell.
    expect(table.rows[1]!.cells.map((c) => c.text)).toEqual(["Pipe | escaped", "`a|b`"]);
  });

  it("classifies lines", () => {
    const kinds = Object.fromEntries(body.lines.map((l) => [l.line, l.kind]));
    expect(kinds[18]).toBe("prose");
    expect(kinds[29]).toBe("code");
    expect([kinds[31], kinds[32]]).toEqual(["comment", "comment"]);
    expect(body.lines.find((l) => l.line === 33)).toMatchObject({ kind: "list", content: "a list item", column: 3 });
    expect(body.lines.find((l) => l.line === 34)).toMatchObject({ kind: "quote", content: "a quote", column: 3 });
  });

  it("splits rows without outer pipes", () => {
    expect(splitRow("a | b").map((c) => c.text)).toEqual(["a", "b"]);
  });

  it("finds suppression directives in comments", () => {
    const parsed = parseCardBody("text\n<!-- modelcheck-disable MC401, card-context-length -- reason -->\n<!--modelcheck-enable-->\n", 0, 1);
    expect(parsed.directives).toEqual([
      { kind: "disable", rules: ["MC401", "card-context-length"], line: 2, column: 6 },
      { kind: "enable", rules: [], line: 3, column: 5 },
    ]);
  });
});

describe("hostile input is rejected before or instead of being expanded", () => {
  const dir = mkdtempSync(join(tmpdir(), "modelcheck-card-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("an alias bomb (9 levels of 9 aliases)", () => {
    let yaml = "a: &a [x, x, x, x, x, x, x, x, x]\n";
    for (const [name, previous] of [..."bcdefghi"].map((c, i) => [c, "abcdefgh"[i]!])) yaml += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]\n`;
    const card = parseCardText(`---\n${yaml}---\nText.\n`, "README.md");
    expect(card.problem?.kind).toBe("too-many-aliases");
    expect(card.metadata).toBeNull();
  });

  it.each([
    ["flow nesting 100,000 deep", `a: ${"[".repeat(100_000)}${"]".repeat(100_000)}`],
    ["block nesting 1,000 deep", Array.from({ length: 1000 }, (_, i) => `${" ".repeat(i)}k:`).join("\n")],
    ["sequence nesting 70 deep", `a:\n${Array.from({ length: 70 }, (_, i) => `${"  ".repeat(i)}-`).join("\n")} x`],
  ])("%s", (_name, yaml) => {
    const card = parseCardText(`---\n${yaml}\n---\nText.\n`, "README.md");
    expect(card.problem?.kind).toBe("too-deep");
  });

  it("front matter over 1 MiB is not parsed", () => {
    const yaml = `description: "${"x".repeat(MAX_FRONT_MATTER_CHARS)}"`;
    expect(parseCardText(`---\n${yaml}\n---\n`, "README.md").problem?.kind).toBe("front-matter-too-large");
  });

  it("a 20 MB card is rejected from its size, in memory and on disk", () => {
    const text = `---\ndescription: "${"x".repeat(20 * 1024 * 1024)}"\n---\n`;
    expect(parseCardText(text, "README.md").problem).toMatchObject({ kind: "too-large", message: expect.stringContaining("over the 10 MiB limit") });
    const path = join(dir, "README.md");
    writeFileSync(path, text);
    expect(readCardDocument(path, "README.md")?.problem?.kind).toBe("too-large");
  });

  it("invalid UTF-8 on disk", () => {
    const path = join(dir, "latin1.md");
    writeFileSync(path, Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0x0a]));
    expect(readCardDocument(path, "latin1.md")?.problem?.kind).toBe("invalid-utf8");
  });

  it("a missing README.md is no card at all", () => {
    expect(readCardDocument(join(dir, "absent", "README.md"))).toBeNull();
  });
});

describe("any text is a card, never an exception", () => {
  // Pieces that exercise every branch of the parsers: fences, tables, comments, YAML syntax.
  const piece = fc.constantFrom("---", "\n", "# ", "| a | b |", "|---|---|", "```", "<!--", "-->", "- ", "> ", "license: mit", "[", "]", "&a", "*a", ":", "\t", "7B parameters", "32k context", "uses GQA", "\r\n", "modelcheck-disable MC401");
  it("parses, locates and extracts claims without throwing", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string()), { maxLength: 40 }), (parts) => {
        const text = parts.join("");
        const card = parseCardText(text, "README.md");
        const lines = text.split("\n").length;
        for (const line of card.body.lines) {
          expect(line.line).toBeGreaterThanOrEqual(1);
          expect(line.line).toBeLessThanOrEqual(lines);
        }
        card.document.locate("/license");
        cardClaims(card, null);
      }),
      { numRuns: 300 },
    );
  });
});
