/**
 * Buffers some checkpoints store beside the parameters. They are tensors of the module
 * (`register_buffer`), not parameters: transformers recomputes or ignores them on load, and the
 * config-derived count excludes them, but the Hub's stored total includes them.
 *
 * - `rotary_emb.inv_freq` (and old `cos_cached`/`sin_cached`): Llama-2 era checkpoints
 *   (modeling_llama.py before 4.31 registered it persistent).
 * - `attn.bias` / `attn.masked_bias`: GPT-2's and GPT-J's causal masks (modeling_gpt2.py,
 *   modeling_gptj.py); `attention.bias` / `attention.masked_bias` in GPT-NeoX.
 * - `position_ids` / `token_type_ids`: BERT-style embeddings (persistent in older versions).
 * - `e_score_correction_bias`: DeepSeek-V3's router bias, a buffer in transformers
 *   (modeling_deepseek_v3.py) although DeepSeek's remote code makes it a parameter.
 * - BatchNorm statistics, fairseq's `_float_tensor`.
 */
const BUFFER_RULES: readonly { test: (name: string) => boolean; reason: string }[] = [
  { test: (n) => n.endsWith(".inv_freq") || n === "inv_freq", reason: "rotary inv_freq buffer, recomputed at load" },
  { test: (n) => /(^|\.)(cos|sin)_cached$/.test(n) || /\._(cos|sin)_cached$/.test(n), reason: "rotary cos/sin cache buffer, recomputed at load" },
  { test: (n) => /(^|\.)(attn|attention)\.(bias|masked_bias)$/.test(n), reason: "causal-mask buffer of the attention, not a parameter" },
  { test: (n) => n.endsWith(".masked_bias"), reason: "masked_bias buffer of the attention, not a parameter" },
  { test: (n) => n.endsWith("position_ids") || n.endsWith(".token_type_ids"), reason: "index buffer of the embeddings, not a parameter" },
  { test: (n) => n.endsWith(".e_score_correction_bias"), reason: "router e_score_correction_bias, a buffer in transformers (DeepSeek's remote code makes it a parameter)" },
  { test: (n) => /\.(running_mean|running_var|num_batches_tracked)$/.test(n), reason: "BatchNorm running statistics buffer" },
  { test: (n) => n.endsWith("._float_tensor"), reason: "fairseq placeholder buffer" },
];

/** Why a stored tensor is a known buffer, or null when its name is not one. */
export function storedBufferReason(name: string): string | null {
  for (const rule of BUFFER_RULES) if (rule.test(name)) return rule.reason;
  return null;
}
