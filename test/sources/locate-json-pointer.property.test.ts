import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { locateJsonPointer } from "../../src/format/locate-json-pointer.js";

/** Every JSON pointer of a value, with what it names: [pointer, parent kind, key or index, value]. */
function pointersOf(value: unknown, base = ""): [string, "object" | "array", string | number, unknown][] {
  const out: [string, "object" | "array", string | number, unknown][] = [];
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push([`${base}/${i}`, "array", i, item]);
      out.push(...pointersOf(item, `${base}/${i}`));
    });
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const pointer = `${base}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      out.push([pointer, "object", key, item]);
      out.push(...pointersOf(item, pointer));
    }
  }
  return out;
}

/** The JSON value that starts at `offset` of `text`: the shortest slice that parses and ends at a separator (so 5e-324 is not read as 5). */
function valueAt(text: string, offset: number): unknown {
  for (let end = offset + 1; end <= text.length; end++) {
    if (end < text.length && !/[\s,\]}]/.test(text[end]!)) continue;
    try {
      return JSON.parse(text.slice(offset, end));
    } catch {
      // keep growing
    }
  }
  throw new Error(`no JSON value at ${offset}`);
}

describe("locateJsonPointer on any JSON text", () => {
  it("finds every member's key and every item's value, whatever the values around them and the indentation", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(0, 1, 2, "\t"), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        // JSON.parse keeps the last of duplicate keys; fast-check's objects have none, so each pointer names one place.
        for (const [pointer, kind, key, item] of pointersOf(JSON.parse(text))) {
          const offset = locateJsonPointer(text, pointer);
          expect(offset, pointer).not.toBeNull();
          if (kind === "object") {
            // The key's string token (which may itself hold ':' or escapes), then ':', then the value.
            const token = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(offset!))![0];
            expect(JSON.parse(token), pointer).toBe(key);
            const colon = text.indexOf(":", offset! + token.length);
            expect(text.slice(offset! + token.length, colon).trim(), pointer).toBe("");
            expect(valueAt(text, colon + 1 + text.slice(colon + 1).search(/\S/)), pointer).toEqual(item);
          } else {
            expect(valueAt(text, offset!), pointer).toEqual(item);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
