import type { GgufTensor, LoadedGguf } from "../sources/read-gguf-header.js";
import type { Inventory, Role, TensorTemplate } from "../architectures/inventory.js";

/**
 * The tensor inventory of a GGUF file, from its tensor infos: exact for the file, whatever the
 * architecture. Names follow llama.cpp (gguf-py tensor_mapping.py): `token_embd`, `output`,
 * `output_norm`, and per layer `blk.N.attn_q`, `blk.N.ffn_gate_exps`, `blk.N.ssm_in`, … Tensors that
 * differ only in the layer index are folded into one template with its layer list, as the config
 * inventories are. ggml lists dimensions innermost first; templates hold PyTorch's order. Stacked
 * expert tensors (`*_exps`, [in, out, experts] in ggml) become per-expert templates, so active
 * counts work as for a config.
 */
export function ggufInventory(gguf: LoadedGguf): Inventory {
  const templates = new Map<string, TensorTemplate & { layers?: number[] }>();
  let attentionType: Inventory["attentionType"];
  const arch = gguf.metadata["general.architecture"];
  if (arch === "mamba" || arch === "mamba2" || arch === "rwkv6" || arch === "rwkv7") attentionType = "NONE";
  const notes: string[] = [];
  for (const t of gguf.tensors) {
    const match = /^blk\.(\d+)\.(.+)$/.exec(t.name);
    const local = match ? match[2]! : t.name;
    const role = roleOf(local);
    if (/^attn_kv_a_mqa|^attn_kv_b|^attn_k_b/.test(local)) attentionType = "MLA";
    const experts = /_exps\b/.test(local) && t.dims.length === 3 ? t.dims[2]! : undefined;
    const shape = (experts ? t.dims.slice(0, 2) : t.dims).slice().reverse();
    const name = match ? `blk.{i}.${local}` : t.name;
    const key = `${name}|${shape.join(",")}|${experts ?? ""}`;
    let template = templates.get(key);
    if (!template) {
      template = { name, shape, role, ...(experts ? { experts } : {}), ...(match ? { layers: [] } : {}) };
      templates.set(key, template);
    }
    if (match) template.layers!.push(Number(match[1]));
  }
  const tensors = [...templates.values()];
  const expertsPerToken = tensors.some((t) => t.experts !== undefined) ? usedExperts(gguf) : null;
  if (tensors.some((t) => t.name === "rope_freqs.weight")) notes.push("rope_freqs.weight holds rotary frequency factors, a buffer in transformers: counted here because the file stores it");
  return {
    tensors,
    tied: gguf.tensors.some((t) => t.name === "output.weight") ? [] : [{ name: "output.weight", tiedTo: "token_embd.weight" }],
    expertsPerToken,
    estimated: false,
    notes,
    ...(attentionType ? { attentionType } : {}),
  };
}

function usedExperts(gguf: LoadedGguf): number | null {
  const arch = gguf.metadata["general.architecture"];
  const used = typeof arch === "string" ? gguf.metadata[`${arch}.expert_used_count`] : undefined;
  return typeof used === "number" ? used : null;
}

/** The role of a tensor from its llama.cpp name (without the `blk.N.` prefix). */
export function roleOf(local: string): Role {
  const base = local.replace(/\.(weight|bias)$/, "");
  if (/(^|_)norm(_\d+)?$|^norm$|_norm_/.test(base) || /^(attn|ffn|layer_output|post_attention|post_ffw)_?norm/.test(base)) return "norm";
  if (base === "token_embd" || base === "position_embd" || base === "token_types") return "embedding";
  if (base === "output") return "lmHead";
  if (base === "ffn_gate_inp" || base === "ffn_gate_inp_shexp") return "router";
  if (base.startsWith("attn_")) return "attention";
  if (base.startsWith("ffn_")) return "mlp";
  if (base.startsWith("ssm_")) return "ssm";
  return "other";
}

/** Tensors the file stores that transformers' classes hold as buffers, not parameters. */
export const GGUF_BUFFERS: Record<string, string> = {
  "rope_freqs.weight": "rotary frequency factors (Llama 3.1 rope scaling): a buffer in transformers, not a parameter",
  "blk.{i}.exp_probs_b.bias": "the router's e_score_correction_bias: a buffer in transformers, not a parameter",
};

/** The tensors of a GGUF named by their template, for reconciliation. */
export function tensorTemplateName(t: GgufTensor): string {
  return t.name.replace(/^blk\.\d+\./, "blk.{i}.");
}
