import { basePrefix, decoderBackbone, decoderHead, gatedMlp, inventoryOf } from "./decoder.js";
import { linear, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * ERNIE 4.5 MoE (modeling_ernie4_5_moe.py, configuration_ernie4_5_moe.py; baidu/ERNIE-4.5-*-A*B-PT):
 *
 * - Llama-style GQA attention; `use_bias` puts a bias on q/k/v/o, on every MLP projection and on
 *   the LM head (all false in the released checkpoints).
 * - A layer is sparse when (i + 1) % moe_layer_interval == 0 and moe_layer_start_index ≤ i ≤
 *   moe_layer_end_index (−1: the last layer); dense layers keep a SwiGLU of `intermediate_size`.
 * - A sparse layer holds `mlp.gate` [experts, hidden] (no bias), `moe_num_experts` experts of
 *   `moe_intermediate_size`, a shared SwiGLU of `moe_num_shared_experts × moe_intermediate_size`,
 *   and `mlp.moe_statics.e_score_correction_bias` [1, experts]: an nn.Parameter (requires_grad
 *   false), so it is a module parameter and counted here, unlike DeepSeek-V3's buffer.
 * - Ernie4_5_MoeForCausalLM ties lm_head to embed_tokens when `tie_word_embeddings` (default true).
 *   The MTP weights some checkpoints store (`mtp*`) are ignored on load (`_keys_to_ignore_on_load_unexpected`).
 */

function ernieSparseLayers(d: RequiredDims): { sparse: number[]; dense: number[] } {
  const c = d.model.text;
  const experts = d.model.numExperts.value ?? 0;
  const interval = c.int("moe_layer_interval", 1, "count").value ?? 1;
  const start = c.int("moe_layer_start_index", 1, "count", true).value ?? 1;
  const endRaw = c.value("moe_layer_end_index");
  const end = typeof endRaw === "number" && Number.isInteger(endRaw) && endRaw >= 0 ? endRaw : d.numLayers - 1;
  const sparse: number[] = [];
  const dense: number[] = [];
  for (const i of range(d.numLayers)) (experts > 0 && (i + 1) % interval === 0 && i >= start && i <= end ? sparse : dense).push(i);
  return { sparse, dense };
}

function ernie45MoeInventory(d: RequiredDims): Inventory {
  const c = d.model.text;
  const prefix = basePrefix(d.model.head);
  const bias = c.bool("use_bias", false).value;
  const experts = d.model.numExperts.value ?? 0;
  const { sparse, dense } = ernieSparseLayers(d);
  const mlp = `${prefix}layers.{i}.mlp`;
  const tensors: TensorTemplate[] = [...decoderBackbone(d, { attention: { qkvBias: bias, oBias: bias }, layerNorms: ["input_layernorm", "post_attention_layernorm"] }, prefix)];
  if (dense.length) tensors.push(...gatedMlp(mlp, d.hiddenSize, d.intermediateSize, bias, dense));
  if (sparse.length) {
    const moeFf = c.int("moe_intermediate_size", 1536).value ?? 1536;
    const shared = c.int("moe_num_shared_experts", 2, "count", true).value ?? 0;
    tensors.push(...linear(`${mlp}.gate`, experts, d.hiddenSize, false, "router", sparse));
    tensors.push({ name: `${mlp}.moe_statics.e_score_correction_bias`, shape: [1, experts], role: "router", layers: sparse });
    for (const t of gatedMlp(`${mlp}.experts.{e}`, d.hiddenSize, moeFf, bias, sparse)) tensors.push({ ...t, experts });
    if (shared > 0) tensors.push(...gatedMlp(`${mlp}.shared_experts`, d.hiddenSize, moeFf * shared, bias, sparse));
  }
  const head = decoderHead(d, `${prefix}embed_tokens.weight`, bias);
  tensors.push(...head.tensors);
  const notes = sparse.length ? [`mlp.moe_statics.e_score_correction_bias [1, ${experts}] is an nn.Parameter (requires_grad=False) in each of ${sparse.length} MoE layers: counted`] : [];
  return inventoryOf({ tensors, tied: head.tied, expertsPerToken: sparse.length ? d.model.expertsPerToken.value : null, notes }, d);
}

export const ernie45Specs: ModelTypeSpec[] = [
  {
    modelType: "ernie4_5_moe",
    family: "ernie4-5",
    kind: "decoder",
    modelingFile: "models/ernie4_5_moe/modeling_ernie4_5_moe.py",
    classPrefixes: ["Ernie4_5_Moe"],
    heads: ["causal-lm", "base"],
    defaultHead: "causal-lm",
    // configuration_ernie4_5_moe.py (ERNIE-4.5-21B-A3B's sizes).
    defaults: {
      vocabSize: 103424,
      hiddenSize: 2560,
      intermediateSize: 12288,
      numLayers: 28,
      numHeads: 20,
      numKvHeads: 4,
      maxPositions: 131072,
      numExperts: 64,
      expertsPerToken: 6,
    },
    aliases: { expertsPerToken: ["moe_k"] },
    tieWordEmbeddingsDefault: true,
    inventory: ernie45MoeInventory,
  },
];
