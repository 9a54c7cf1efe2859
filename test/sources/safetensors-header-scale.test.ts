import { describe, expect, it } from "vitest";
import { parseSafetensorsHeader, SafetensorsHeaderError } from "../../src/sources/parse-safetensors-header.js";

/** A header of n F32 [4] tensors (16 bytes each), laid out contiguously, and the size of its file. */
function header(n: number, name = (i: number) => `model.layers.${i}.weight`): { bytes: Buffer; fileBytes: number } {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`${JSON.stringify(name(i))}:{"dtype":"F32","shape":[4],"data_offsets":[${16 * i},${16 * (i + 1)}]}`);
  const bytes = Buffer.from(`{"__metadata__":{"format":"pt"},${parts.join(",")}}`);
  return { bytes, fileBytes: 8 + bytes.length + 16 * n };
}

describe("safetensors headers at scale (bench/safetensors-header.mjs times 10^6 tensors)", () => {
  it("reads 200,000 tensors, every one", () => {
    const { bytes, fileBytes } = header(200_000);
    const parsed = parseSafetensorsHeader(bytes, "model.safetensors", fileBytes);
    expect(parsed.tensors).toHaveLength(200_000);
    expect(parsed.tensors[199_999]).toEqual({ name: "model.layers.199999.weight", dtype: "F32", shape: [4], file: "model.safetensors" });
    expect(parsed.metadata).toEqual({ format: "pt" });
  }, 60_000);

  it("a tensor named __proto__ is a tensor like any other", () => {
    const { bytes, fileBytes } = header(2, (i) => (i === 0 ? "__proto__" : "constructor"));
    expect(parseSafetensorsHeader(bytes, "m.safetensors", fileBytes).tensors.map((t) => t.name)).toEqual(["__proto__", "constructor"]);
  });

  it("still refuses invalid UTF-8", () => {
    const bytes = Buffer.from([0x7b, 0xff, 0x7d]);
    expect(() => parseSafetensorsHeader(bytes, "m.safetensors", null)).toThrow(new SafetensorsHeaderError("header is not valid UTF-8"));
  });
});
