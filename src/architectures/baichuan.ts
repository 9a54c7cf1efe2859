import { inventoryOf } from "./decoder.js";
import { linear, norm, range, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * Baichuan and Baichuan 2 (remote code: modeling_baichuan.py as the baichuan-inc Hub repos ship
 * it). Llama's names except the fused `self_attn.W_pack` [3h, h] (q, k and v of every head, no
 * grouped KV), no biases anywhere; RMSNorms `input_layernorm`, `post_attention_layernorm` and
 * `model.norm`. Baichuan 2's `lm_head` is a NormHead — one weight [vocab, h] normalized in the
 * forward pass — and Baichuan-7B's a plain bias-free nn.Linear: the same tensor. The 7B models use
 * rotary positions (inv_freq and cos/sin tables are plain tensor attributes), the 13B models ALiBi
 * (the `future_mask` is a non-persistent buffer): neither holds parameters.
 */
export const baichuanSpecs: ModelTypeSpec[] = [
  {
    modelType: "baichuan",
    family: "baichuan",
    // Baichuan 2 writes BaichuanForCausalLM, Baichuan-7B (v1) BaiChuanForCausalLM.
    classPrefixes: ["Baichuan", "BaiChuan"],
    kind: "decoder",
    modelingFile: "hub:baichuan-inc/Baichuan2-7B-Chat/modeling_baichuan.py (read the 13B file from github:jrd77/Baichuan2-13B-Chat/modeling_baichuan.py; the 7B file differs only in rotary vs ALiBi)",
    heads: ["causal-lm", "base"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 125696, hiddenSize: 4096, intermediateSize: 11008, numLayers: 32, numHeads: 32, numKvHeads: (m) => m.numHeads ?? null, maxPositions: 4096 },
    aliases: { maxPositions: ["max_position_embeddings", "model_max_length"] },
    ownAliasesOnly: ["numKvHeads", "headDim"],
    tieWordEmbeddingsDefault: false,
    inventory: (d) => {
      const head = d.model.head;
      const prefix = head === "base" ? "" : "model.";
      const layers = range(d.numLayers);
      const h = d.hiddenSize;
      const p = `${prefix}layers.{i}`;
      const embed = `${prefix}embed_tokens.weight`;
      const tensors: TensorTemplate[] = [
        { name: embed, shape: [d.vocabSize, h], role: "embedding" },
        ...linear(`${p}.self_attn.W_pack`, 3 * h, h, false, "attention", layers),
        ...linear(`${p}.self_attn.o_proj`, h, h, false, "attention", layers),
        ...linear(`${p}.mlp.gate_proj`, d.intermediateSize, h, false, "mlp", layers),
        ...linear(`${p}.mlp.down_proj`, h, d.intermediateSize, false, "mlp", layers),
        ...linear(`${p}.mlp.up_proj`, d.intermediateSize, h, false, "mlp", layers),
        ...norm(`${p}.input_layernorm`, h, false, layers),
        ...norm(`${p}.post_attention_layernorm`, h, false, layers),
        ...norm(`${prefix}norm`, h, false),
      ];
      const tied = [];
      if (head === "causal-lm") {
        if (d.tied) tied.push({ name: "lm_head.weight", tiedTo: embed });
        else tensors.push(...linear("lm_head", d.vocabSize, h, false, "lmHead"));
      }
      const notes = d.model.text.has("model_max_length") && !d.model.text.has("max_position_embeddings") ? ["ALiBi positions (Baichuan 2 13B): the bias mask is a buffer, not parameters"] : [];
      return inventoryOf({ tensors, tied, notes }, d);
    },
  },
];
