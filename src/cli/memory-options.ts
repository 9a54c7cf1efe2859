import { InvalidArgumentError } from "commander";
import type { MemoryQuestions } from "../index.js";

/** Largest context accepted: beyond any model's, and still exact in the byte arithmetic. */
const MAX_CONTEXT = 1e9;
const MAX_BATCH = 1e6;

const TOKEN_UNITS: Record<string, number> = { "": 1, k: 1024, m: 1024 * 1024 };

/** `--context 32768`, `32k` (32,768: context lengths count in powers of two), `1M`. */
export function parseContext(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kKmM]?)$/.exec(value.trim());
  const tokens = match ? Number(match[1]) * TOKEN_UNITS[match[2]!.toLowerCase()]! : NaN;
  if (!Number.isInteger(tokens) || tokens < 1 || tokens > MAX_CONTEXT) throw new InvalidArgumentError("expected a number of tokens such as 8192 or 32k");
  return tokens;
}

/** `--batch 8`: sequences decoded together. */
export function parseBatch(value: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_BATCH) throw new InvalidArgumentError("expected a positive whole number of sequences");
  return n;
}

const SIZE_UNITS: Record<string, number> = { "": 1e9, g: 1e9, gb: 1e9, gib: 2 ** 30, m: 1e6, mb: 1e6, mib: 2 ** 20, t: 1e12, tb: 1e12, tib: 2 ** 40 };

/**
 * `--gpu-memory 24GB` (10^9 bytes), `24GiB` (2^30), `512MiB`, `1TB`; a bare number is GB. Units
 * mean what they say: an "80 GB" H100 reports 80 GiB, so `80GiB` describes it exactly and `80GB` is
 * the conservative reading.
 */
export function parseGpuMemory(value: string): { bytes: number; label: string } {
  const match = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(value.trim());
  const unit = match ? SIZE_UNITS[match[2]!.toLowerCase()] : undefined;
  const bytes = match && unit ? Number(match[1]) * unit : NaN;
  if (!Number.isFinite(bytes) || bytes <= 0 || bytes > 1e15) throw new InvalidArgumentError("expected a size such as 24GB, 80GiB or 512MiB");
  return { bytes: Math.round(bytes), label: value.trim() };
}

/** The memory questions of the parsed options, for analyze(). */
export function memoryQuestions(options: { context?: number; batch?: number; gpuMemory?: { bytes: number; label: string } }): MemoryQuestions {
  const questions: MemoryQuestions = {};
  if (options.context !== undefined) questions.context = options.context;
  if (options.batch !== undefined) questions.batch = options.batch;
  if (options.gpuMemory) {
    questions.gpuMemoryBytes = options.gpuMemory.bytes;
    questions.gpuMemoryLabel = options.gpuMemory.label;
  }
  return questions;
}
