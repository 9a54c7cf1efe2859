import { describe, expect, it } from "vitest";
import { findJsonSyntaxProblem, offsetToLineColumn } from "../../src/format/json-positions.js";
import { locateJsonPointer } from "../../src/format/locate-json-pointer.js";
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

  it("skips values off the path whatever they hold: strings with brackets and escaped quotes, nested lists", () => {
    const tricky = '{"a": "}]\\"{[", "b": [[1, {"c": "]"}], -2.5e3, null], "d": {"e": true}, "x": 1}';
    expect(JSON.parse(tricky).x).toBe(1);
    expect(locateJsonPointer(tricky, "/x")).toBe(tricky.indexOf('"x"'));
    expect(locateJsonPointer(tricky, "/d/e")).toBe(tricky.indexOf('"e"'));
    expect(locateJsonPointer(tricky, "/b/2")).toBe(tricky.indexOf("null"));
    expect(locateJsonPointer(tricky, "/b/0/1/c")).toBe(tricky.indexOf('"c"'));
  });

  it("finds escaped keys, the last of duplicate keys (the copy JSON.parse keeps, issue 15 item 7), and stops at the deepest ancestor", () => {
    const doc = '{"a\\u002fb": 1, "k": 1, "k": 2, "list": [0]}';
    expect(locateJsonPointer(doc, "/a~1b")).toBe(1);
    expect(locateJsonPointer(doc, "/k")).toBe(doc.lastIndexOf('"k"'));
    const nested = '{"c": {"n": "a", "n": {"x": 1}}, "c": {"n": 3, "n": 4}}';
    expect(JSON.parse(nested).c.n).toBe(4);
    expect(locateJsonPointer(nested, "/c/n")).toBe(nested.lastIndexOf('"n"'));
    expect(locateJsonPointer(doc, "/list/3")).toBe(doc.indexOf('"list"'));
    expect(locateJsonPointer(doc, "/list/x")).toBe(doc.indexOf('"list"'));
    expect(locateJsonPointer(doc, "/missing/deeper")).toBe(0);
    expect(locateJsonPointer("  [5]", "")).toBe(2);
    expect(locateJsonPointer("   ", "/a")).toBeNull();
  });

  it("finds the members of the fixture text where a reader finds them by hand", () => {
    // Each member of the fixture text at its key (the property test covers random texts).
    const expected: Record<string, string> = { "/model_type": '"model_type"', "/text_config": '"text_config"', "/text_config/a~1b": '"a/b"', "/text_config/list": '"list"' };
    for (const [pointer, needle] of Object.entries(expected)) expect(locateJsonPointer(text, pointer)).toBe(text.indexOf(needle));
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
