/**
 * The quant tag of a GGUF file name, as llama.cpp's `-hf org/name:TAG` and Ollama's
 * `hf.co/org/name:TAG` select files: the last quant-type token of the path, read the way
 * huggingface.js's `parseGGUFQuantLabel` (packages/tasks/src/gguf.ts) reads it — llama.cpp file
 * types (`Q4_K_M`, `IQ3_XXS`, `Q4_0_4_4`, `BF16`, `TQ1_0`, `MXFP4_MOE`), unsloth's `Q4_K_XL` with
 * its optional `UD-` prefix, upper-cased. `llama-2-7b.Q4_K_M.gguf` → `Q4_K_M`,
 * `DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf` → `UD-IQ1_S`, `Q8_0/model-00001-of-00002.gguf` → `Q8_0`.
 */

/** A quant-type token, not inside a word: `Q4_K_M` in `model.Q4_K_M.gguf`, never the `Q` of `Qwen2`. */
const QUANT = /(?<![A-Z0-9])(?:UD-)?(?:I?Q\d(?:_[A-Z0-9]+)*|TQ\d_\d|MXFP4(?:_MOE)?|NVFP4|BF16|F16|F32|F64)(?![A-Z0-9])/g;

/** The quant tag of a path (the file name's, else its folder's), upper-case; null when it names none. */
export function quantTagOf(path: string): string | null {
  const upper = path.toUpperCase().replace(/\.GGUF$/, "");
  // The shard suffix is not part of the tag (and holds no quant token anyway).
  const matches = upper.replace(/-\d{5}-OF-\d{5}$/, "").match(QUANT);
  return matches ? matches[matches.length - 1]! : null;
}

/**
 * Whether a GGUF path is what a selector asks for. A selector ending in `.gguf` names a file
 * (its path, or its name in any folder; any shard of a split model). Any other selector is a quant
 * tag, compared whole and case-insensitively with the path's tag: `Q4_K_M` matches `Q4_K_M` only,
 * never `Q4_K_S` or a longer `Q4_K_M_XL`; a tag without unsloth's `UD-` prefix also matches the
 * prefixed one (`Q4_K_XL` finds `UD-Q4_K_XL`).
 */
export function matchesSelector(path: string, selector: string, shards: readonly string[] = [path]): boolean {
  const wanted = selector.toUpperCase();
  if (wanted.endsWith(".GGUF")) return shards.some((p) => p.toUpperCase() === wanted || p.toUpperCase().endsWith(`/${wanted}`));
  const tag = quantTagOf(path);
  return tag !== null && (tag === wanted || tag === `UD-${wanted}`);
}
