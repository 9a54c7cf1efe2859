import { describe, expect, it } from "vitest";
import { MAX_SAFETENSORS_HEADER_BYTES, parseSafetensorsHeader, readHeaderLength, SafetensorsHeaderError, storedElements } from "../../src/sources/parse-safetensors-header.js";
import { headerJson } from "../helpers/safetensors.js";

function parse(header: unknown, dataBytes: number | null) {
  const bytes = Buffer.isBuffer(header) ? header : Buffer.from(typeof header === "string" ? header : JSON.stringify(header));
  return parseSafetensorsHeader(bytes, "model.safetensors", dataBytes === null ? null : 8 + bytes.length + dataBytes);
}

function lengthBytes(n: bigint): Uint8Array {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return b;
}

describe("readHeaderLength", () => {
  it("reads the 8-byte little-endian length", () => {
    expect(readHeaderLength(lengthBytes(1234n), 10_000)).toBe(1234);
    expect(readHeaderLength(lengthBytes(1234n), null)).toBe(1234);
  });

  it.each([
    ["a file shorter than 8 bytes", Buffer.from([1, 2, 3]), 3, /3 bytes long, too short for the 8-byte header length/],
    ["a zero length", lengthBytes(0n), 100, /header length is 0/],
    ["a length over the 100 MiB cap (2^64 − 1)", lengthBytes(2n ** 64n - 1n), 10 ** 12, /exceeds the 100 MiB limit/],
    ["a length just over the cap", lengthBytes(BigInt(MAX_SAFETENSORS_HEADER_BYTES + 1)), 10 ** 12, /exceeds the 100 MiB limit/],
    ["a length past the end of the file", lengthBytes(5000n), 1000, /runs past the end of the 1000-byte file: truncated/],
  ])("rejects %s", (_name, bytes, size, message) => {
    expect(() => readHeaderLength(bytes, size)).toThrow(SafetensorsHeaderError);
    expect(() => readHeaderLength(bytes, size)).toThrow(message);
  });
});

describe("parseSafetensorsHeader", () => {
  const good = headerJson([
    { name: "a.weight", dtype: "BF16", shape: [4, 8] },
    { name: "b.bias", dtype: "F32", shape: [8] },
    { name: "c.scalar", dtype: "F32", shape: [] },
  ]);

  it("lists tensors and metadata from a valid header", () => {
    const parsed = parse(good.json, good.dataBytes);
    expect(parsed.tensors).toEqual([
      { name: "a.weight", dtype: "BF16", shape: [4, 8], file: "model.safetensors" },
      { name: "b.bias", dtype: "F32", shape: [8], file: "model.safetensors" },
      { name: "c.scalar", dtype: "F32", shape: [], file: "model.safetensors" },
    ]);
    expect(parsed.metadata).toEqual({ format: "pt" });
    // 4·8·2 + 8·4 + 4 bytes of data.
    expect(good.dataBytes).toBe(100);
  });

  it("accepts an empty header (no tensors)", () => {
    expect(parse("{}", 0).tensors).toEqual([]);
  });

  it("checks spans against the file only when its size is known", () => {
    expect(parse(good.json, null).tensors).toHaveLength(3);
  });

  it("accepts dtypes the format may add, without checking their size", () => {
    expect(parse({ x: { dtype: "F8_E3M4", shape: [2], data_offsets: [0, 2] } }, 2).tensors[0]!.dtype).toBe("F8_E3M4");
  });

  it("accepts sub-byte dtypes whose span is exactly elements × bits / 8", () => {
    expect(parse({ x: { dtype: "F4", shape: [4, 4], data_offsets: [0, 8] } }, 8).tensors).toHaveLength(1);
  });

  const span = (offsets: unknown, shape: unknown = [2], dtype: unknown = "F32") => ({ t: { dtype, shape, data_offsets: offsets } });
  it.each<[string, unknown, number | null, RegExp]>([
    ["invalid UTF-8", Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 0, /header is not valid UTF-8/],
    ["text that is not JSON", "{not json", 0, /not valid JSON: truncated or corrupt/],
    ["a header that does not start with {", "[1, 2]", 0, /does not start with '\{'/],
    ["__metadata__ that is not strings", { __metadata__: { total: 5 } }, 0, /__metadata__\.total is not a string/],
    ["a tensor entry that is not an object", { t: [1, 2, 3] }, 0, /tensor "t" is not an object/],
    ["a lowercase dtype", span([0, 8], [2], "f32"), 8, /invalid dtype "f32"/],
    ["a numeric dtype", span([0, 8], [2], 7), 8, /invalid dtype 7/],
    ["a negative dimension", span([0, 8], [-2]), 8, /invalid dimension -2/],
    ["a fractional dimension", span([0, 8], [2.5]), 8, /invalid dimension 2.5/],
    ["a dimension as a string", span([0, 8], ["2"]), 8, /invalid dimension "2"/],
    ["too many dimensions", span([0, 4], Array(17).fill(1)), 4, /invalid shape/],
    ["a shape whose product overflows", span([0, 8], [2 ** 40, 2 ** 40]), 8, /too large to be real/],
    ["missing data_offsets", { t: { dtype: "F32", shape: [2] } }, 8, /invalid data_offsets/],
    ["reversed data_offsets", span([8, 0]), 8, /invalid data_offsets \[8,0\]/],
    ["negative data_offsets", span([-8, 0]), 8, /invalid data_offsets/],
    ["a span of the wrong size", span([0, 12]), 12, /F32 \[2\] needs 8 bytes, but data_offsets span 12/],
    ["a span past the data", span([0, 8]), 4, /ends at data byte 8, past the 4 bytes of data in the file: truncated/],
    ["overlapping tensors", { a: { dtype: "F32", shape: [2], data_offsets: [0, 8] }, b: { dtype: "F32", shape: [2], data_offsets: [4, 12] } }, 12, /overlaps the data of another tensor/],
    ["a gap between tensors", { a: { dtype: "F32", shape: [2], data_offsets: [0, 8] }, b: { dtype: "F32", shape: [2], data_offsets: [12, 20] } }, 20, /leaving a gap after byte 8/],
    ["bytes after the last tensor", span([0, 8]), 16, /8 bytes after the last tensor are not described/],
    ["an empty tensor name", { "": { dtype: "F32", shape: [2], data_offsets: [0, 8] } }, 8, /empty name/],
  ])("rejects %s with one clear sentence", (_name, header, dataBytes, message) => {
    expect(() => parse(header, dataBytes)).toThrow(SafetensorsHeaderError);
    expect(() => parse(header, dataBytes)).toThrow(message);
  });

  it("clips hostile names before they reach a message", () => {
    const name = `evil\u0000${"x".repeat(500)}`;
    try {
      parse({ [name]: { dtype: "F32", shape: [2], data_offsets: [0, 9] } }, 9);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(200);
      expect((error as Error).message).not.toContain("\u0000");
    }
  });
});

describe("storedElements", () => {
  it("counts like @huggingface/hub's parameterCount: scalars 0, empty dimensions 0", () => {
    expect(storedElements([151936, 1024])).toBe(155_582_464);
    expect(storedElements([])).toBe(0);
    expect(storedElements([0, 5])).toBe(0);
  });
});
