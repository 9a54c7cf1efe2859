import { basePrefix, decoderHead, gatedMlp, inventoryOf } from "./decoder.js";
import { norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { mamba2Mixer, plainAttention, readMamba2Dims } from "./bamba.js";

/**
 * Falcon-H1 (modeling_falcon_h1.py, configuration_falcon_h1.py): every layer runs a Mamba-2 mixer
 * `mamba` and Llama attention `self_attn` side by side on the output of `input_layernorm`, then
 * `pre_ff_layernorm` and a SwiGLU `feed_forward`; the model ends in `final_layernorm`. There are no
 * pure-attention or pure-Mamba layers.
 *
 * FalconH1Mixer differs from Mamba-2's in three ways the count sees: its width is `mamba_d_ssm`
 * (default 1024; int(mamba_expand × hidden) only when the key is null), the gated RMSNorm `norm`
 * [inner] exists only with `mamba_rms_norm` (default false), and out_proj's bias follows
 * `projectors_bias` while in_proj's follows `mamba_proj_bias`. The µP multipliers (mlp, ssm,
 * key, embedding, lm_head …) are plain floats from the config and `mup_vector` is a non-persistent
 * buffer: none is a parameter. Attention and MLP biases follow `attention_bias` and `mlp_bias`
 * (default false); head_dim is the config's `head_dim` when given (Falcon-H1 gives 128).
 * FalconH1ForCausalLM is LlamaForCausalLM's head: lm_head tied with tie_word_embeddings (default false).
 */

function falconH1Inventory(d: RequiredDims): Inventory {
  const c = d.model.text;
  const prefix = basePrefix(d.model.head);
  const p = `${prefix}layers.{i}`;
  const h = d.hiddenSize;
  const all = range(d.numLayers);
  const m = readMamba2Dims(c, h, { heads: 128, groups: 1, state: 256 });
  // mamba_d_ssm: absent means the class default 1024; an explicit null means expand × hidden.
  if (!Object.hasOwn(c.raw, "mamba_d_ssm")) m.inner = 1024;
  else if (c.has("mamba_d_ssm")) m.inner = c.int("mamba_d_ssm", 1024).value ?? 1024;
  m.gatedNorm = c.bool("mamba_rms_norm", false).value;
  m.outBias = c.bool("projectors_bias", false).value;
  const attnBias = c.bool("attention_bias", false).value;
  const mlpBias = c.bool("mlp_bias", false).value;
  const tensors: TensorTemplate[] = [
    { name: `${prefix}embed_tokens.weight`, shape: [d.vocabSize, h], role: "embedding" },
    ...norm(`${p}.input_layernorm`, h, false, all),
    ...mamba2Mixer(`${p}.mamba`, h, m, all),
    ...plainAttention(`${p}.self_attn`, d, all, attnBias),
    ...norm(`${p}.pre_ff_layernorm`, h, false, all),
    ...gatedMlp(`${p}.feed_forward`, h, d.intermediateSize, mlpBias, all),
    ...norm(`${prefix}final_layernorm`, h, false),
  ];
  const head = decoderHead(d, `${prefix}embed_tokens.weight`);
  return inventoryOf({ tensors: [...tensors, ...head.tensors], tied: head.tied }, d);
}

export const falconH1Specs: ModelTypeSpec[] = [
  {
    modelType: "falcon_h1",
    family: "falcon-h1",
    kind: "hybrid",
    modelingFile: "models/falcon_h1/modeling_falcon_h1.py",
    classPrefixes: ["FalconH1"],
    heads: ["causal-lm", "base"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 128000, hiddenSize: 4096, intermediateSize: 14336, numLayers: 32, numHeads: 32, numKvHeads: 8, maxPositions: 8192 },
    tieWordEmbeddingsDefault: false,
    inventory: falconH1Inventory,
  },
];
