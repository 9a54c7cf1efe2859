import { inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * RWKV-4 (modeling_rwkv.py, configuration_rwkv.py): an attention-free recurrent stack under `rwkv.`
 * (`base_model_prefix`): `embeddings` [vocab, hidden], blocks `blocks.{i}` and a final LayerNorm
 * `ln_out`. Every block has LayerNorms `ln1` and `ln2` (weight and bias); block 0 alone also has
 * `pre_ln`, applied to the embeddings.
 *
 * - Time mixing `attention`: `time_decay` and `time_first` [attention_hidden], `time_mix_key`,
 *   `time_mix_value`, `time_mix_receptance` [1, 1, hidden], and bias-free linears `key`, `value`,
 *   `receptance` [attention_hidden, hidden] and `output` [hidden, attention_hidden].
 * - Channel mixing `feed_forward`: `time_mix_key`, `time_mix_receptance` [1, 1, hidden], bias-free
 *   `key` [intermediate, hidden], `receptance` [hidden, hidden], `value` [hidden, intermediate].
 *
 * RwkvConfig: attention_hidden_size defaults to hidden_size, intermediate_size to 4 × hidden_size,
 * tie_word_embeddings to false. RwkvForCausalLM's `head` [vocab, hidden] has no bias and is tied to
 * the embeddings only when tie_word_embeddings is set. Time mixing is tagged `ssm` (the recurrent
 * state), channel mixing `mlp`.
 */

function rwkvInventory(d: RequiredDims): Inventory {
  const c = d.model.text;
  const h = d.hiddenSize;
  const prefix = d.model.head === "base" ? "" : "rwkv.";
  const layers = range(d.numLayers);
  const attn = c.int("attention_hidden_size", h).value ?? h;
  const ff = d.intermediateSize;
  const b = `${prefix}blocks.{i}`;
  const at = `${b}.attention`;
  const fw = `${b}.feed_forward`;
  const tensors: TensorTemplate[] = [
    { name: `${prefix}embeddings.weight`, shape: [d.vocabSize, h], role: "embedding" },
    ...(d.numLayers > 0 ? norm(`${prefix}blocks.0.pre_ln`, h, true) : []),
    ...norm(`${b}.ln1`, h, true, layers),
    ...norm(`${b}.ln2`, h, true, layers),
    { name: `${at}.time_decay`, shape: [attn], role: "ssm", layers },
    { name: `${at}.time_first`, shape: [attn], role: "ssm", layers },
    { name: `${at}.time_mix_key`, shape: [1, 1, h], role: "ssm", layers },
    { name: `${at}.time_mix_value`, shape: [1, 1, h], role: "ssm", layers },
    { name: `${at}.time_mix_receptance`, shape: [1, 1, h], role: "ssm", layers },
    ...linear(`${at}.key`, attn, h, false, "ssm", layers),
    ...linear(`${at}.value`, attn, h, false, "ssm", layers),
    ...linear(`${at}.receptance`, attn, h, false, "ssm", layers),
    ...linear(`${at}.output`, h, attn, false, "ssm", layers),
    { name: `${fw}.time_mix_key`, shape: [1, 1, h], role: "mlp", layers },
    { name: `${fw}.time_mix_receptance`, shape: [1, 1, h], role: "mlp", layers },
    ...linear(`${fw}.key`, ff, h, false, "mlp", layers),
    ...linear(`${fw}.receptance`, h, h, false, "mlp", layers),
    ...linear(`${fw}.value`, h, ff, false, "mlp", layers),
    ...norm(`${prefix}ln_out`, h, true),
  ];
  const tied: Inventory["tied"] = [];
  if (d.model.head === "causal-lm") {
    if (d.tied) tied.push({ name: "head.weight", tiedTo: `${prefix}embeddings.weight` });
    else tensors.push(...linear("head", d.vocabSize, h, false, "lmHead"));
  }
  return { ...inventoryOf({ tensors, tied }, d), attentionType: "NONE" };
}

export const rwkvSpecs: ModelTypeSpec[] = [
  {
    modelType: "rwkv",
    family: "rwkv",
    kind: "state-space",
    modelingFile: "models/rwkv/modeling_rwkv.py",
    classPrefixes: ["Rwkv"],
    heads: ["causal-lm", "base"],
    defaultHead: "causal-lm",
    aliases: { maxPositions: ["context_length"] },
    defaults: { vocabSize: 50277, hiddenSize: 4096, numLayers: 32, intermediateSize: (m) => (m.hiddenSize ? 4 * m.hiddenSize : null), maxPositions: 1024 },
    tieWordEmbeddingsDefault: false,
    attentionFree: true,
    inventory: rwkvInventory,
  },
];
