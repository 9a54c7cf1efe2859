import { basePrefix, decoderHead, inventoryOf } from "./decoder.js";
import { linear, norm, range, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import type { ConfigReader } from "../normalize/config-reader.js";

/**
 * MPT, in two codebases that share the tensor names (`transformer.wte`, `blocks.{i}.norm_1`,
 * `attn.Wqkv`, `attn.out_proj`, `norm_2`, `ffn.up_proj`, `ffn.down_proj`, `norm_f`; tied head):
 * - transformers' `MptForCausalLM` (modeling_mpt.py) hard-codes the MPT-7B shape: no bias anywhere
 *   (the LayerNorms' biases are removed too), an MLP of 4 × d_model, ALiBi and no `wpe`;
 * - MosaicML's remote code `MPTForCausalLM` (the modeling_mpt.py shipped with mosaicml/mpt-7b,
 *   from llm-foundry) honours the config: `no_bias` drops every bias, the MLP is
 *   `expansion_ratio` × d_model, learned positions `wpe` exist only without ALiBi, `attn_config.qk_ln`
 *   adds `q_ln`/`k_ln`, and grouped-query attention uses `attn_config.kv_n_heads`.
 * Both agree on the published MPT configs (no_bias true, expansion_ratio 4, ALiBi).
 */

/** Configs that name the remote-code class (`MPTForCausalLM`, capital MPT). */
function isRemoteCode(config: ConfigReader): boolean {
  const arch = config.value("architectures");
  return Array.isArray(arch) && typeof arch[0] === "string" && arch[0].startsWith("MPT");
}

function attnConfig(config: ConfigReader): Record<string, unknown> {
  const v = config.value("attn_config");
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function kvHeads(config: ConfigReader, heads: number | null): number | null {
  const a = attnConfig(config);
  if (!isRemoteCode(config) || a.attn_type !== "grouped_query_attention") return heads;
  return typeof a.kv_n_heads === "number" ? a.kv_n_heads : 1;
}

function ffnWidth(config: ConfigReader, hidden: number | null): number | null {
  if (!hidden) return null;
  if (!isRemoteCode(config) || !config.has("expansion_ratio")) return 4 * hidden;
  // A ratio that is not a positive number would make a negative or NaN MLP: reported, not used.
  const ratio = config.positiveNumber("expansion_ratio", 4).value;
  return ratio === null ? null : Math.floor(hidden * ratio);
}

function mptInventory(d: RequiredDims) {
  const c = d.model.text;
  const remote = isRemoteCode(c);
  const prefix = basePrefix(d.model.head, "transformer.");
  const layers = range(d.numLayers);
  const h = d.hiddenSize;
  const a = attnConfig(c);
  const bias = remote && !c.bool("no_bias", true).value;
  // llm-foundry's RMSNorm variants have a weight only, whatever no_bias says.
  const normBias = bias && !String(c.value("norm_type") ?? "low_precision_layernorm").includes("rmsnorm");
  const kv = d.numKvHeads * d.headDim;
  const p = `${prefix}blocks.{i}`;
  const tensors: TensorTemplate[] = [{ name: `${prefix}wte.weight`, shape: [d.vocabSize, h], role: "embedding" }];
  // The remote code's default attn_config has alibi false; every published config sets it true.
  if (remote && a.alibi !== true) tensors.push({ name: `${prefix}wpe.weight`, shape: [d.maxPositions ?? 2048, h], role: "embedding" });
  tensors.push(
    ...norm(`${p}.norm_1`, h, normBias, layers),
    ...linear(`${p}.attn.Wqkv`, h + 2 * kv, h, bias, "attention", layers),
    ...linear(`${p}.attn.out_proj`, h, h, bias, "attention", layers),
  );
  if (remote && a.qk_ln === true) tensors.push(...norm(`${p}.attn.q_ln`, h, normBias, layers), ...norm(`${p}.attn.k_ln`, kv, normBias, layers));
  tensors.push(
    ...norm(`${p}.norm_2`, h, normBias, layers),
    ...linear(`${p}.ffn.up_proj`, d.intermediateSize, h, bias, "mlp", layers),
    ...linear(`${p}.ffn.down_proj`, h, d.intermediateSize, bias, "mlp", layers),
    ...norm(`${prefix}norm_f`, h, normBias),
  );
  const head = decoderHead(d, `${prefix}wte.weight`);
  const notes = remote ? ["MPTForCausalLM is remote code: counted as the modeling_mpt.py shipped with mosaicml/mpt-7b builds it"] : [];
  return inventoryOf({ tensors: [...tensors, ...head.tensors], tied: head.tied, notes }, d);
}

export const mptSpecs: ModelTypeSpec[] = [
  {
    modelType: "mpt",
    family: "mpt",
    modelingFile: "models/mpt/modeling_mpt.py",
    classPrefixes: ["Mpt", "MPT"],
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    defaults: {
      vocabSize: 50368,
      hiddenSize: 2048,
      numLayers: 24,
      numHeads: 16,
      numKvHeads: (m, config) => kvHeads(config, m.numHeads ?? null),
      maxPositions: 2048,
      intermediateSize: (m, config) => ffnWidth(config, m.hiddenSize ?? null),
    },
    tieWordEmbeddingsDefault: true,
    inventory: mptInventory,
  },
];
