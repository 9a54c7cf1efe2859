/**
 * Storage precisions the memory facts are given in, with their bits per weight. The GGUF rows are
 * ggml's block formats, so their bits include the block scales: a block's size in bytes × 8 over the
 * weights it holds, from the block structs of ggml-common.h (and gguf-py's GGML_QUANT_SIZES):
 * block_q8_0 = fp16 scale + 32 int8 = 34 bytes / 32 weights; block_q4_0 = 2 + 16 = 18 / 32;
 * block_q6_K = 210 / 256; block_q5_K = 176 / 256; block_q4_K = 144 / 256; block_iq4_xs = 136 / 256;
 * block_q3_K = 110 / 256; block_q2_K = 84 / 256.
 *
 * llama.cpp's file types ending in _S/_M/_L (Q4_K_M, Q5_K_M, …) mix block formats across tensors
 * (some layers one step up), so a Q4_K_M file is a little larger than the Q4_K row; a GGUF target
 * reports its own exact size from its tensor infos.
 */
export interface Precision {
  /** Key in `memory.weightsBytes` (lower case, as the first version of the report named them). */
  key: string;
  label: string;
  bitsPerWeight: number;
  kind: "float" | "int" | "gguf";
}

export const PRECISIONS: readonly Precision[] = [
  { key: "fp32", label: "FP32", bitsPerWeight: 32, kind: "float" },
  { key: "bf16", label: "BF16/FP16", bitsPerWeight: 16, kind: "float" },
  { key: "fp8", label: "FP8", bitsPerWeight: 8, kind: "float" },
  { key: "int8", label: "INT8", bitsPerWeight: 8, kind: "int" },
  { key: "int4", label: "INT4", bitsPerWeight: 4, kind: "int" },
  { key: "q8_0", label: "Q8_0", bitsPerWeight: (34 * 8) / 32, kind: "gguf" },
  { key: "q6_k", label: "Q6_K", bitsPerWeight: (210 * 8) / 256, kind: "gguf" },
  { key: "q5_k", label: "Q5_K", bitsPerWeight: (176 * 8) / 256, kind: "gguf" },
  { key: "q4_k", label: "Q4_K", bitsPerWeight: (144 * 8) / 256, kind: "gguf" },
  { key: "q4_0", label: "Q4_0", bitsPerWeight: (18 * 8) / 32, kind: "gguf" },
  { key: "iq4_xs", label: "IQ4_XS", bitsPerWeight: (136 * 8) / 256, kind: "gguf" },
  { key: "q3_k", label: "Q3_K", bitsPerWeight: (110 * 8) / 256, kind: "gguf" },
  { key: "q2_k", label: "Q2_K", bitsPerWeight: (84 * 8) / 256, kind: "gguf" },
];

/** The precisions the hardware-fit table answers for (FP8 holds the same bytes as INT8). */
export const FIT_PRECISIONS: readonly string[] = ["fp32", "bf16", "int8", "int4"];

/** Bytes of `parameters` weights at `bitsPerWeight`, rounded up to whole bytes. */
export function weightBytes(parameters: number, bitsPerWeight: number): number {
  return Math.ceil((parameters * bitsPerWeight) / 8);
}
