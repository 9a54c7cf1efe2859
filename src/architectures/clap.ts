import type { ConfigReader } from "../normalize/config-reader.js";
import { inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type Role, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * CLAP (modeling_clap.py, configuration_clap.py; laion/clap-htsat-unfused). Two towers and two
 * projections:
 *
 * - Audio (ClapAudioModel → `audio_encoder`, HTS-AT: a Swin Transformer over the mel image):
 *   patch_embed.proj Conv2d(1, patch_embeds_hidden_size, patch_size²) with bias and, with
 *   enable_patch_layer_norm, patch_embed.norm; with enable_fusion also `mel_conv2d` (kernel
 *   [p, 3p]) and the AFF `fusion_model` (local_att and global_att: 1x1 Conv2d C→C/aff_block_r→C
 *   with bias, each followed by a BatchNorm2d). Stages of `depths[s]` Swin blocks at width
 *   C·2^s: layernorm_before, attention.self.relative_position_bias_table [(2w−1)², heads[s]]
 *   (a parameter; relative_position_index is a buffer), query/key/value (qkv_bias),
 *   attention.output.dense, layernorm_after, intermediate.dense [mlp_ratio·C, C], output.dense;
 *   every stage but the last ends in a PatchMerging (`downsample.norm` LayerNorm(4C),
 *   `downsample.reduction` [2C, 4C] without bias). Then `batch_norm` BatchNorm2d(num_mel_bins)
 *   (weight + bias; running stats are buffers) and `norm` LayerNorm(final width).
 * - Text (ClapTextModel): RoBERTa embeddings (word, position, token type, LayerNorm), BERT-style
 *   layers and the pooler.
 * - ClapProjectionLayer per tower: linear1 [projection_dim, tower hidden] and linear2
 *   [projection_dim, projection_dim], both biased; ClapModel adds the scalars logit_scale_a and
 *   logit_scale_t.
 *
 * Classes: ClapModel, ClapTextModel, ClapTextModelWithProjection, ClapAudioModel,
 * ClapAudioModelWithProjection. Every tensor carries its component (audioTower, textModel,
 * projector).
 */

interface AudioDims {
  patchHidden: number;
  patchSize: number;
  inputChannels: number;
  depths: number[];
  heads: number[];
  window: number;
  mlpRatio: number;
  melBins: number;
  qkvBias: boolean;
  patchNorm: boolean;
  fusion: boolean;
  fusionType: string | null;
  affRatio: number;
  hidden: number;
  projection: number;
}

function readAudio(a: ConfigReader | null, projectionDefault: number): AudioDims {
  const int = (key: string, fallback: number) => a?.int(key, fallback, "width").value ?? fallback;
  const list = (key: string, fallback: number[]) => {
    const v = a?.intList(key).value ?? [];
    return v.length > 0 ? v : fallback;
  };
  const patch = a?.value("patch_size");
  return {
    patchHidden: int("patch_embeds_hidden_size", 96),
    patchSize: typeof patch === "number" ? patch : Array.isArray(patch) && typeof patch[0] === "number" ? patch[0] : 4,
    inputChannels: int("patch_embed_input_channels", 1),
    depths: list("depths", [2, 2, 6, 2]),
    heads: list("num_attention_heads", [4, 8, 16, 32]),
    window: int("window_size", 8),
    mlpRatio: a?.number("mlp_ratio", 4).value ?? 4,
    melBins: int("num_mel_bins", 64),
    qkvBias: a?.bool("qkv_bias", true).value ?? true,
    patchNorm: a?.bool("enable_patch_layer_norm", true).value ?? true,
    fusion: a?.bool("enable_fusion", false).value ?? false,
    fusionType: a?.string("fusion_type").value ?? null,
    affRatio: int("aff_block_r", 4),
    hidden: int("hidden_size", 768),
    projection: int("projection_dim", projectionDefault),
  };
}

function tag(tensors: TensorTemplate[], component: string): TensorTemplate[] {
  return tensors.map((t) => ({ ...t, component }));
}

function conv2d(name: string, out: number, inC: number, kh: number, kw: number, role: Role): TensorTemplate[] {
  return [
    { name: `${name}.weight`, shape: [out, inC, kh, kw], role },
    { name: `${name}.bias`, shape: [out], role },
  ];
}

/** ClapAudioEncoder under `p` (ending in "audio_encoder."). */
function audioEncoder(p: string, a: AudioDims): TensorTemplate[] {
  const c0 = a.patchHidden;
  const k = a.patchSize;
  const scale = a.fusion && a.fusionType === "channel_map" ? 4 : 1;
  const out: TensorTemplate[] = [...conv2d(`${p}patch_embed.proj`, c0, a.inputChannels * scale, k, k, "audio")];
  if (a.patchNorm) out.push(...norm(`${p}patch_embed.norm`, c0, true, undefined, "audio"));
  if (a.fusion) {
    const inter = Math.floor(c0 / a.affRatio);
    for (const branch of ["local_att", "global_att"]) {
      // nn.Sequential indices: local_att 0 conv, 1 BN, 3 conv, 4 BN; global_att starts with a pool (0).
      const [c1, b1, c2, b2] = branch === "local_att" ? [0, 1, 3, 4] : [1, 2, 4, 5];
      const f = `${p}patch_embed.fusion_model.${branch}`;
      out.push(...conv2d(`${f}.${c1}`, inter, c0, 1, 1, "audio"), ...norm(`${f}.${b1}`, inter, true, undefined, "audio"));
      out.push(...conv2d(`${f}.${c2}`, c0, inter, 1, 1, "audio"), ...norm(`${f}.${b2}`, c0, true, undefined, "audio"));
    }
    out.push(...conv2d(`${p}patch_embed.mel_conv2d`, c0, a.inputChannels, k, 3 * k, "audio"));
  }
  const tableSize = (2 * a.window - 1) ** 2;
  for (let s = 0; s < a.depths.length; s++) {
    const c = c0 * 2 ** s;
    const heads = a.heads[s] ?? a.heads.at(-1)!;
    const ff = Math.floor(a.mlpRatio * c);
    const blocks = range(a.depths[s]!);
    const b = `${p}layers.${s}.blocks.{i}`;
    out.push(
      ...norm(`${b}.layernorm_before`, c, true, blocks, "audio"),
      { name: `${b}.attention.self.relative_position_bias_table`, shape: [tableSize, heads], role: "audio", layers: blocks },
      ...linear(`${b}.attention.self.query`, c, c, a.qkvBias, "audio", blocks),
      ...linear(`${b}.attention.self.key`, c, c, a.qkvBias, "audio", blocks),
      ...linear(`${b}.attention.self.value`, c, c, a.qkvBias, "audio", blocks),
      ...linear(`${b}.attention.output.dense`, c, c, true, "audio", blocks),
      ...norm(`${b}.layernorm_after`, c, true, blocks, "audio"),
      ...linear(`${b}.intermediate.dense`, ff, c, true, "audio", blocks),
      ...linear(`${b}.output.dense`, c, ff, true, "audio", blocks),
    );
    if (s < a.depths.length - 1) out.push(...linear(`${p}layers.${s}.downsample.reduction`, 2 * c, 4 * c, false, "audio"), ...norm(`${p}layers.${s}.downsample.norm`, 4 * c, true, undefined, "audio"));
  }
  out.push(...norm(`${p}batch_norm`, a.melBins, true, undefined, "audio"), ...norm(`${p}norm`, c0 * 2 ** (a.depths.length - 1), true, undefined, "audio"));
  return out;
}

interface TextDims {
  vocab: number;
  hidden: number;
  layers: number;
  intermediate: number;
  positions: number;
  typeVocab: number;
  projection: number;
}

function readText(t: ConfigReader | null, projectionDefault: number): TextDims {
  const int = (key: string, fallback: number, kind: "width" | "count" | "vocab" | "positions" = "width") => t?.int(key, fallback, kind).value ?? fallback;
  return {
    vocab: int("vocab_size", 50265, "vocab"),
    hidden: int("hidden_size", 768),
    layers: int("num_hidden_layers", 12, "count"),
    intermediate: int("intermediate_size", 3072),
    positions: int("max_position_embeddings", 514, "positions"),
    typeVocab: int("type_vocab_size", 1, "vocab"),
    projection: int("projection_dim", projectionDefault),
  };
}

/** ClapTextModel (RoBERTa with the pooler) under `p`. */
function textModel(p: string, t: TextDims): TensorTemplate[] {
  const h = t.hidden;
  const layers = range(t.layers);
  const l = `${p}encoder.layer.{i}`;
  return [
    { name: `${p}embeddings.word_embeddings.weight`, shape: [t.vocab, h], role: "embedding" },
    { name: `${p}embeddings.position_embeddings.weight`, shape: [t.positions, h], role: "embedding" },
    { name: `${p}embeddings.token_type_embeddings.weight`, shape: [t.typeVocab, h], role: "embedding" },
    ...norm(`${p}embeddings.LayerNorm`, h, true),
    ...linear(`${l}.attention.self.query`, h, h, true, "attention", layers),
    ...linear(`${l}.attention.self.key`, h, h, true, "attention", layers),
    ...linear(`${l}.attention.self.value`, h, h, true, "attention", layers),
    ...linear(`${l}.attention.output.dense`, h, h, true, "attention", layers),
    ...norm(`${l}.attention.output.LayerNorm`, h, true, layers),
    ...linear(`${l}.intermediate.dense`, t.intermediate, h, true, "mlp", layers),
    ...linear(`${l}.output.dense`, h, t.intermediate, true, "mlp", layers),
    ...norm(`${l}.output.LayerNorm`, h, true, layers),
    ...linear(`${p}pooler.dense`, h, h, true, "other"),
  ];
}

function projection(p: string, hidden: number, dim: number): TensorTemplate[] {
  return [...linear(`${p}.linear1`, dim, hidden, true, "projector"), ...linear(`${p}.linear2`, dim, dim, true, "projector")];
}

function clapInventory(d: RequiredDims): Inventory {
  const r = d.model.root;
  const arch = d.model.architecture ?? "ClapModel";
  // A tower's own config is the root when the class is that tower alone (model_type clap_text_model / clap_audio_model).
  const rootType = r.string("model_type").value;
  const projectionDefault = r.int("projection_dim", 512, "width").value ?? 512;
  const audioConfig = rootType === "clap_audio_model" ? r : r.child("audio_config");
  const textConfig = rootType === "clap_text_model" ? r : r.child("text_config");
  const audio = readAudio(audioConfig, projectionDefault);
  const text = readText(textConfig, projectionDefault);
  const tensors: TensorTemplate[] = [];
  if (arch === "ClapTextModel") tensors.push(...tag(textModel("", text), "textModel"));
  else if (arch === "ClapTextModelWithProjection") tensors.push(...tag(textModel("text_model.", text), "textModel"), ...tag(projection("text_projection", text.hidden, text.projection), "projector"));
  else if (arch === "ClapAudioModel") tensors.push(...tag(audioEncoder("audio_encoder.", audio), "audioTower"));
  else if (arch === "ClapAudioModelWithProjection") tensors.push(...tag(audioEncoder("audio_model.audio_encoder.", audio), "audioTower"), ...tag(projection("audio_projection", audio.hidden, audio.projection), "projector"));
  else {
    const dim = projectionDefault;
    tensors.push(
      ...tag(
        [
          { name: "logit_scale_a", shape: [], role: "other" },
          { name: "logit_scale_t", shape: [], role: "other" },
        ],
        "projector",
      ),
      ...tag(textModel("text_model.", text), "textModel"),
      ...tag(projection("text_projection", text.hidden, textConfig?.int("projection_dim", dim, "width").value ?? dim), "projector"),
      ...tag(audioEncoder("audio_model.audio_encoder.", audio), "audioTower"),
      ...tag(projection("audio_projection", audio.hidden, audioConfig?.int("projection_dim", dim, "width").value ?? dim), "projector"),
    );
  }
  return inventoryOf({ tensors }, d);
}

export const clapSpecs: ModelTypeSpec[] = [
  {
    modelType: "clap",
    family: "clap",
    kind: "audio",
    modelingFile: "models/clap/modeling_clap.py",
    // Two towers of different widths: the inventory reads text_config and audio_config itself.
    requires: [],
    classPrefixes: ["Clap", "ClapText", "ClapAudio"],
    heads: ["base", "with-projection"],
    defaultHead: "base",
    defaults: {},
    tieWordEmbeddingsDefault: false,
    inventory: clapInventory,
  },
];
