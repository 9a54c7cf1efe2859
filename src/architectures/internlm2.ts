import { inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * InternLM2 / InternLM2.5 (remote code: modeling_internlm2.py and configuration_internlm2.py as the
 * internlm Hub repos ship them). Llama's structure under other names: `model.tok_embeddings`; per
 * layer one fused `attention.wqkv` [(heads + 2·kv_heads)·head_dim, h] (laid out in kv groups of
 * heads/kv_heads queries, one key, one value) and `attention.wo`, both with a bias when
 * `bias` (InternLM2Config default true; the released chat models set false); RMSNorms
 * `attention_norm` and `ffn_norm`; a SwiGLU `feed_forward` with `w1` (gate), `w3` (up), `w2`
 * (down), never biased; a final `model.norm`; the LM head `output` (untied by default).
 * head_dim is hidden_size / num_attention_heads. The rotary tables are buffers.
 */
export const internlm2Specs: ModelTypeSpec[] = [
  {
    modelType: "internlm2",
    family: "internlm2",
    classPrefixes: ["InternLM2"],
    kind: "decoder",
    modelingFile: "hub:internlm/internlm2_5-7b-chat/modeling_internlm2.py (read from github:NanSang2000/S1mpleAgent/modeling_internlm2.py)",
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 103168, hiddenSize: 4096, intermediateSize: 11008, numLayers: 32, numHeads: 32, numKvHeads: (m) => m.numHeads ?? null, maxPositions: 2048 },
    ownAliasesOnly: ["headDim"],
    tieWordEmbeddingsDefault: false,
    inventory: (d) => {
      const head = d.model.head;
      const prefix = head === "base" ? "" : "model.";
      const layers = range(d.numLayers);
      const h = d.hiddenSize;
      const p = `${prefix}layers.{i}`;
      const bias = d.model.text.bool("bias", true).value;
      const embed = `${prefix}tok_embeddings.weight`;
      const tensors: TensorTemplate[] = [
        { name: embed, shape: [d.vocabSize, h], role: "embedding" },
        ...linear(`${p}.attention.wqkv`, (d.numHeads + 2 * d.numKvHeads) * d.headDim, h, bias, "attention", layers),
        ...linear(`${p}.attention.wo`, h, d.numHeads * d.headDim, bias, "attention", layers),
        ...linear(`${p}.feed_forward.w1`, d.intermediateSize, h, false, "mlp", layers),
        ...linear(`${p}.feed_forward.w3`, d.intermediateSize, h, false, "mlp", layers),
        ...linear(`${p}.feed_forward.w2`, h, d.intermediateSize, false, "mlp", layers),
        ...norm(`${p}.attention_norm`, h, false, layers),
        ...norm(`${p}.ffn_norm`, h, false, layers),
        ...norm(`${prefix}norm`, h, false),
      ];
      const tied = [];
      if (head === "causal-lm") {
        if (d.tied) tied.push({ name: "output.weight", tiedTo: embed });
        else tensors.push(...linear("output", d.vocabSize, h, false, "lmHead"));
      }
      if (head === "sequence-classification") tensors.push(...linear("score", numLabels(d), h, false, "other"));
      return inventoryOf({ tensors, tied }, d);
    },
  },
];
