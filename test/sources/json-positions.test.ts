import { describe, expect, it } from "vitest";
import { findJsonSyntaxProblem, offsetToLineColumn, scanJsonPositions } from "../../src/sources/json-positions.js";
import { SourceDocument } from "../../src/sources/source-document.js";

const text = '{\n  "model_type": "llama",\n  "text_config": {\n    "a/b": 1,\n    "list": [10, {"x~y": 2}]\n  }\n}';

describe("JSON pointer positions", () => {
  it.each([
    ["", 1, 1],
    ["/model_type", 2, 3],
    ["/text_config", 3, 3],
    ["/text_config/a~1b", 4, 5],
    ["/text_config/list/0", 5, 14],
    ["/text_config/list/1/x~0y", 5, 19],
  ])("%s → %i:%i", (pointer, line, column) => {
    expect(new SourceDocument("c.json", text, JSON.parse(text)).locate(pointer)).toEqual({ line, column });
  });

  it("falls back to the nearest existing ancestor", () => {
    expect(new SourceDocument("c.json", text, JSON.parse(text)).locate("/text_config/missing")).toEqual({ line: 3, column: 3 });
  });

  it("records every pointer once", () => {
    expect([...scanJsonPositions(text).offsets.keys()]).toHaveLength(8);
  });
});

describe("syntax errors", () => {
  it.each([
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ['{"a": tru}', 6],
    ['{"a": 1', 7],
    ["[1, 2", 5],
    ['{"a": "x\n"}', 8],
  ])("%j fails at offset %i", (input, offset) => {
    expect(() => JSON.parse(input)).toThrow();
    expect(findJsonSyntaxProblem(input)?.offset).toBe(offset);
  });

  it("accepts everything JSON.parse accepts", () => {
    for (const ok of ['{"a": [1, -2.5e3, true, false, null, "\\u00e9\\n"]}', "[]", "0", '"s"', ' {"nested": {"deep": [[[]]]}} ']) {
      expect(findJsonSyntaxProblem(ok)).toBeNull();
    }
  });

  it("converts offsets to 1-based lines and columns", () => {
    expect(offsetToLineColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
  });
});
