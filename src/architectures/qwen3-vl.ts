import type { ConfigReader } from "../normalize/config-reader.js";
import { basePrefix, decoderBackbone, gatedMlp } from "./decoder.js";
import { linear, norm, range, type TensorTemplate } from "./inventory.js";
import { qwenSparseLayers } from "./mixtral.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { languageModel, wrapperInventory, wrapperLmHead, type Part } from "./multimodal.js";
import { asVision, patchEmbed3d, PROJECTOR, visionInt } from "./qwen2-vl.js";

/**
 * Qwen3-VL (modeling_qwen3_vl.py, configuration_qwen3_vl.py) and Qwen3-VL-MoE
 * (modeling_qwen3_vl_moe.py, configuration_qwen3_vl_moe.py). The vision tower (Qwen3VLVisionModel)
 * has a biased 3-D patch convolution, a learned `pos_embed` table of `num_position_embeddings` rows
 * (interpolated to the image grid), LayerNorm blocks with a plain GELU MLP (`linear_fc1`/`linear_fc2`),
 * a merger, and one more merger per `deepstack_visual_indexes` entry ("deepstack": their outputs are
 * added to the first language-model layers), whose LayerNorm runs after the 2×2 shuffle, over
 * 4 × the vision width. The language model is Qwen3's (per-head q/k RMSNorms); the MoE one stores its
 * experts fused, `mlp.experts.gate_up_proj` [E, hidden, 2·moe_ff] and `mlp.experts.down_proj`
 * [E, moe_ff, hidden], as the checkpoints do, with a bias-free router `mlp.gate` [E, hidden].
 *
 * Names follow current transformers: `model.visual.*`, `model.language_model.*`, `lm_head`.
 */

/** One Qwen3VLVisionPatchMerger: norm, linear_fc1 [w·m², w·m²], linear_fc2 [out, w·m²], all biased. */
function merger(p: string, width: number, merge: number, out: number, postShuffleNorm: boolean): TensorTemplate[] {
  const merged = width * merge * merge;
  return asVision([...norm(`${p}.norm`, postShuffleNorm ? merged : width, true), ...linear(`${p}.linear_fc1`, merged, merged, true, "projector"), ...linear(`${p}.linear_fc2`, out, merged, true, "projector")], PROJECTOR);
}

/** Qwen3VLVisionModel with Qwen3VLVisionConfig's defaults (depth 27, hidden 1152, intermediate 4304, patch 16, 2,304 positions, deepstack [8, 16, 24]). */
function qwen3VisionTower(root: ConfigReader, prefix: string): Part {
  const v = root.child("vision_config");
  const p = `${prefix}visual.`;
  const width = visionInt(v, "hidden_size", 1152);
  const depth = visionInt(v, "depth", 27, "count");
  const ff = visionInt(v, "intermediate_size", 4304);
  const out = visionInt(v, "out_hidden_size", 3584);
  const merge = visionInt(v, "spatial_merge_size", 2, "count");
  const positions = visionInt(v, "num_position_embeddings", 2304, "positions");
  const deepstack = v?.has("deepstack_visual_indexes") ? v.intList("deepstack_visual_indexes").value.length : 3;
  const layers = range(depth);
  const b = `${p}blocks.{i}`;
  const tower = asVision([
    ...patchEmbed3d(p, v, width, true, 16),
    { name: `${p}pos_embed.weight`, shape: [positions, width], role: "vision" },
    ...norm(`${b}.norm1`, width, true, layers),
    ...norm(`${b}.norm2`, width, true, layers),
    ...linear(`${b}.attn.qkv`, 3 * width, width, true, "vision", layers),
    ...linear(`${b}.attn.proj`, width, width, true, "vision", layers),
    ...linear(`${b}.mlp.linear_fc1`, ff, width, true, "vision", layers),
    ...linear(`${b}.mlp.linear_fc2`, width, ff, true, "vision", layers),
  ]);
  const mergers = [...merger(`${p}merger`, width, merge, out, false)];
  for (let k = 0; k < deepstack; k++) mergers.push(...merger(`${p}deepstack_merger_list.${k}`, width, merge, out, true));
  return { tensors: [...tower, ...mergers], tied: [], notes: [], estimated: false };
}

/** Qwen3VLMoeTextModel: Qwen3 attention, then a sparse block or a dense MLP per layer (decoder_sparse_step, mlp_only_layers). */
function qwen3VlMoeText(d: RequiredDims, prefix: string): Part {
  const bias = d.model.text.bool("attention_bias", false).value;
  const tensors: TensorTemplate[] = decoderBackbone(d, { attention: { qkvBias: bias, oBias: bias, qkNorm: "head" }, layerNorms: ["input_layernorm", "post_attention_layernorm"] }, prefix);
  const { sparse, dense } = qwenSparseLayers(d);
  const experts = d.model.numExperts.value ?? 0;
  const moeFf = d.model.text.int("moe_intermediate_size", 1408).value ?? 1408;
  const mlp = `${prefix}layers.{i}.mlp`;
  if (dense.length) tensors.push(...gatedMlp(mlp, d.hiddenSize, d.intermediateSize, false, dense));
  if (sparse.length) {
    tensors.push(...linear(`${mlp}.gate`, experts, d.hiddenSize, false, "router", sparse));
    tensors.push({ name: `${mlp}.experts.gate_up_proj`, shape: [d.hiddenSize, 2 * moeFf], role: "mlp", layers: sparse, experts, fusedExperts: true });
    tensors.push({ name: `${mlp}.experts.down_proj`, shape: [moeFf, d.hiddenSize], role: "mlp", layers: sparse, experts, fusedExperts: true });
  }
  return {
    tensors: tensors.map((t) => ({ ...t, component: "languageModel" })),
    tied: [],
    notes: [],
    estimated: false,
    expertsPerToken: d.model.expertsPerToken.value ?? null,
  };
}

function qwen3VlInventory(moe: boolean) {
  return (d: RequiredDims) => {
    const withHead = d.model.head !== "base";
    const prefix = basePrefix(d.model.head);
    const lmPrefix = `${prefix}language_model.`;
    const lm = moe ? qwen3VlMoeText(d, lmPrefix) : languageModel(d, "qwen3", lmPrefix);
    const head = withHead ? wrapperLmHead(d, `${lmPrefix}embed_tokens.weight`) : { tensors: [], tied: [] };
    return wrapperInventory(d, [qwen3VisionTower(d.model.root, prefix), lm], head);
  };
}

export const qwen3VlSpecs: ModelTypeSpec[] = [
  {
    modelType: "qwen3_vl",
    family: "qwen3-vl",
    kind: "vision-language",
    modelingFile: "models/qwen3_vl/modeling_qwen3_vl.py",
    classPrefixes: ["Qwen3VL"],
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    // Qwen3VLTextConfig.
    defaults: { vocabSize: 151936, hiddenSize: 4096, intermediateSize: 22016, numLayers: 32, numHeads: 32, numKvHeads: 32, headDim: 128, maxPositions: 128000 },
    // Qwen3VLConfig: tie_word_embeddings=False.
    tieWordEmbeddingsDefault: false,
    inventory: qwen3VlInventory(false),
  },
  {
    modelType: "qwen3_vl_moe",
    family: "qwen3-vl",
    kind: "vision-language",
    modelingFile: "models/qwen3_vl_moe/modeling_qwen3_vl_moe.py",
    classPrefixes: ["Qwen3VLMoe"],
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    // Qwen3VLMoeTextConfig; head_dim defaults to hidden / heads.
    defaults: { vocabSize: 151936, hiddenSize: 2048, intermediateSize: 5632, numLayers: 24, numHeads: 16, numKvHeads: 16, maxPositions: 128000, numExperts: 60, expertsPerToken: 4 },
    tieWordEmbeddingsDefault: false,
    inventory: qwen3VlInventory(true),
  },
];
