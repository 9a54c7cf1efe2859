/**
 * Safetensors headers built the way the `safetensors` library writes them (safetensors/src/tensor.rs
 * `prepare` + `serialize`), so fixtures need no binary files: tensors ordered by dtype (widest
 * first) then name, data offsets in that order, `__metadata__` first, compact JSON padded with
 * spaces to a multiple of 8 bytes, then the 8-byte little-endian length in front.
 *
 * Check on real files: Mistral-7B-v0.1's shards are 9,942,981,696 and 4,540,516,344 bytes on the
 * Hub; the headers built here for the same tensors give exactly those file sizes (test/hub/safetensors-header.test.ts).
 */

/** Bytes per element; sub-byte types are not used by the fixtures. */
export const DTYPE_BYTES = { BOOL: 1, U8: 1, I8: 1, F8_E5M2: 1, F8_E4M3: 1, F8_E8M0: 1, I16: 2, U16: 2, F16: 2, BF16: 2, I32: 4, U32: 4, F32: 4, F64: 8, I64: 8, U64: 8 };

/** `tensors`: { name: { dtype, shape } } in any order. Returns the header bytes (length prefix included) and the whole file's size. */
export function buildSafetensorsHeader(tensors, metadata = { format: "pt" }) {
  const entries = Object.entries(tensors).filter(([name]) => name !== "__metadata__");
  entries.sort(([a, x], [b, y]) => DTYPE_BYTES[y.dtype] - DTYPE_BYTES[x.dtype] || (a < b ? -1 : a > b ? 1 : 0));
  const header = {};
  if (metadata) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, { dtype, shape }] of entries) {
    const bytes = shape.reduce((a, b) => a * b, 1) * DTYPE_BYTES[dtype];
    header[name] = { dtype, shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  const padded = Math.ceil(Buffer.byteLength(json) / 8) * 8;
  json = json + " ".repeat(padded - Buffer.byteLength(json));
  const bytes = Buffer.alloc(8 + padded);
  bytes.writeBigUInt64LE(BigInt(padded), 0);
  bytes.write(json, 8, "utf8");
  return { bytes, fileSize: 8 + padded + offset, dataSize: offset };
}
