import { describe, expect, it } from "vitest";
import { cardClaims } from "../../src/claims/extract-claims.js";
import { parseCardText } from "../../src/sources/read-card-document.js";

describe("card claims at scale", () => {
  it("reports a claim repeated in one paragraph once, with its count (20,000 repeats: was 31 s and 20,000 findings)", () => {
    const sentence = "This model has 7B parameters and uses grouped-query attention. ";
    const card = parseCardText(`# Model\n\n${sentence.repeat(20_000)}\n`, "README.md");
    const claims = cardClaims(card, null);
    expect(claims.numbers).toHaveLength(1);
    expect(claims.numbers[0]).toMatchObject({ field: "parameters", repeats: 20_000, line: 3, column: 16 });
    expect(claims.attention).toHaveLength(1);
    expect(claims.attention[0]).toMatchObject({ kind: "GQA", repeats: 20_000 });
  });

  it("keeps different values in one paragraph apart, and finds each one's sentence as before", () => {
    const text = "The model has 7B parameters. It outperforms a 13B parameters model. Its context length is 32k tokens; a 4k context version exists. This model has 7B parameters.";
    const claims = cardClaims(parseCardText(`# Model\n\n${text}\n`, "README.md"), null);
    // "13B" sits in a comparison sentence and is dropped; 7B is stated twice (one claim, repeats 2);
    // 32k and 4k are two context claims. Columns are 1-based: "The model has " is 14 characters.
    expect(claims.numbers.map((c) => [c.field, c.quantity.text, c.column, c.repeats])).toEqual([
      ["parameters", "7 B", 15, 2],
      ["contextLength", "4 k", text.indexOf("4k") + 1, undefined],
      ["contextLength", "32 k", text.indexOf("32k") + 1, undefined],
    ]);
  });

  it("reads a spec table of 200,000 rows without a stack overflow (was Math.max(...rows))", () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `| Layers | ${i % 2 === 0 ? 32 : 40} |`).join("\n");
    const card = parseCardText(`# Model\n\n| Spec | Value |\n|---|---|\n${rows}\n`, "README.md");
    // Two values, each stated by 100,000 rows: two claims, counted (was a finding per row).
    const claims = cardClaims(card, null);
    expect(claims.numbers.map((c) => [c.field, c.quantity.text, c.repeats])).toEqual([
      ["layers", "32", 100_000],
      ["layers", "40", 100_000],
    ]);
  });
});
