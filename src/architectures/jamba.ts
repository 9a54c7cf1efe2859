import { basePrefix, decoderHead, gatedMlp, inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * Jamba (modeling_jamba.py, configuration_jamba.py, transformers 5.18): a hybrid stack. Layer i is
 * attention when i % attn_layer_period == attn_layer_offset, otherwise a Mamba mixer (`mamba.*`:
 * Mamba-1's tensors plus RMSNorms `dt_layernorm` [dt_rank], `b_layernorm` and `c_layernorm`
 * [d_state]); its feed-forward is sparse when i % expert_layer_period == expert_layer_offset and
 * num_experts > 1, else a dense SwiGLU MLP. Each layer has `input_layernorm` and `pre_ff_layernorm`;
 * the stack ends in `final_layernorm`. Attention has no biases and no rotary embedding.
 *
 * Checkpoints name experts `feed_forward.experts.{e}.gate_proj/up_proj/down_proj` and the router
 * `feed_forward.router`; transformers 5 fuses the experts on load (conversion_mapping.py), same count.
 */

const HEADS = ["causal-lm", "base", "sequence-classification"] as const;

function jambaInventory(d: RequiredDims): Inventory {
  const c = d.model.text;
  const prefix = basePrefix(d.model.head);
  const p = `${prefix}layers.{i}`;
  const h = d.hiddenSize;
  const attnPeriod = c.int("attn_layer_period", 8, "count").value ?? 8;
  const attnOffset = c.int("attn_layer_offset", 4, "count", true).value ?? 4;
  const expertPeriod = c.int("expert_layer_period", 2, "count").value ?? 2;
  const expertOffset = c.int("expert_layer_offset", 1, "count", true).value ?? 1;
  const experts = d.model.numExperts.value ?? 1;
  const all = range(d.numLayers);
  const attention = all.filter((i) => i % attnPeriod === attnOffset);
  const mamba = all.filter((i) => i % attnPeriod !== attnOffset);
  const sparse = experts > 1 ? all.filter((i) => i % expertPeriod === expertOffset) : [];
  // By the same rule, not sparse.includes(i): that was quadratic in the layers (3 s at 100k).
  const dense = experts > 1 ? all.filter((i) => i % expertPeriod !== expertOffset) : all;

  const inner = (c.int("mamba_expand", 2, "count").value ?? 2) * h;
  const state = c.int("mamba_d_state", 16).value ?? 16;
  const kernel = c.int("mamba_d_conv", 4).value ?? 4;
  const autoRank = Math.ceil(h / 16);
  const rawRank = c.value("mamba_dt_rank");
  const dtRank = rawRank === undefined || rawRank === null || rawRank === "auto" ? autoRank : (c.int("mamba_dt_rank", autoRank).value ?? autoRank);
  const projBias = c.bool("mamba_proj_bias", false).value;
  const convBias = c.bool("mamba_conv_bias", true).value;
  const q = d.numHeads * d.headDim;
  const kv = d.numKvHeads * d.headDim;
  const m = `${p}.mamba`;
  const ff = `${p}.feed_forward`;

  const tensors: TensorTemplate[] = [{ name: `${prefix}embed_tokens.weight`, shape: [d.vocabSize, h], role: "embedding" }];
  if (attention.length) {
    tensors.push(
      ...linear(`${p}.self_attn.q_proj`, q, h, false, "attention", attention),
      ...linear(`${p}.self_attn.k_proj`, kv, h, false, "attention", attention),
      ...linear(`${p}.self_attn.v_proj`, kv, h, false, "attention", attention),
      ...linear(`${p}.self_attn.o_proj`, h, q, false, "attention", attention),
    );
  }
  if (mamba.length) {
    tensors.push(
      ...linear(`${m}.in_proj`, 2 * inner, h, projBias, "ssm", mamba),
      { name: `${m}.conv1d.weight`, shape: [inner, 1, kernel], role: "ssm", layers: mamba },
      ...(convBias ? [{ name: `${m}.conv1d.bias`, shape: [inner], role: "ssm" as const, layers: mamba }] : []),
      ...linear(`${m}.x_proj`, dtRank + 2 * state, inner, false, "ssm", mamba),
      ...linear(`${m}.dt_proj`, inner, dtRank, true, "ssm", mamba),
      { name: `${m}.A_log`, shape: [inner, state], role: "ssm", layers: mamba },
      { name: `${m}.D`, shape: [inner], role: "ssm", layers: mamba },
      ...linear(`${m}.out_proj`, h, inner, projBias, "ssm", mamba),
      ...norm(`${m}.dt_layernorm`, dtRank, false, mamba),
      ...norm(`${m}.b_layernorm`, state, false, mamba),
      ...norm(`${m}.c_layernorm`, state, false, mamba),
    );
  }
  if (dense.length) tensors.push(...gatedMlp(ff, h, d.intermediateSize, false, dense));
  if (sparse.length) {
    tensors.push(...linear(`${ff}.router`, experts, h, false, "router", sparse));
    for (const t of gatedMlp(`${ff}.experts.{e}`, h, d.intermediateSize, false, sparse)) tensors.push({ ...t, experts });
  }
  tensors.push(...norm(`${p}.input_layernorm`, h, false, all), ...norm(`${p}.pre_ff_layernorm`, h, false, all), ...norm(`${prefix}final_layernorm`, h, false));
  const head = decoderHead(d, `${prefix}embed_tokens.weight`);
  return inventoryOf({ tensors: [...tensors, ...head.tensors], tied: head.tied, expertsPerToken: sparse.length ? d.model.expertsPerToken.value : null }, d);
}

export const jambaSpecs: ModelTypeSpec[] = [
  {
    modelType: "jamba",
    family: "jamba",
    kind: "hybrid",
    modelingFile: "models/jamba/modeling_jamba.py",
    classPrefixes: ["Jamba"],
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 65536, hiddenSize: 4096, intermediateSize: 14336, numLayers: 32, numHeads: 32, numKvHeads: 8, maxPositions: 262144, numExperts: 16, expertsPerToken: 2 },
    tieWordEmbeddingsDefault: false,
    inventory: jambaInventory,
  },
];
