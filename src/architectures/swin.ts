import type { ConfigReader } from "../normalize/config-reader.js";
import { inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { conv2d, param, patchEmbedding, readSize } from "./vit-encoder.js";

/**
 * Swin (modeling_swin.py) and Swin V2 (modeling_swinv2.py): a biased patch convolution of
 * patch_size with a LayerNorm (`embeddings.norm`), stages of width embed_dim · 2^s with depths[s]
 * blocks and num_heads[s] heads, a patch merging between stages (reduction [2c, 4c] without bias;
 * its LayerNorm is [4c] in Swin, [2c] in V2, which normalizes after the reduction), a final
 * `layernorm` of the last width and a parameter-free average pooler.
 * Swin blocks: q/k/v (biased per qkv_bias), relative_position_bias_table [(2w − 1)², heads] for the
 * configured window w (relative_position_index is a buffer), MLP int(mlp_ratio · c).
 * V2 blocks: cosine attention with logit_scale [heads, 1, 1], a continuous position bias MLP
 * (Linear(2, 512) biased, ReLU, Linear(512, heads) without bias), a key without bias; the coordinate
 * table and index are buffers, so the window size changes no parameter.
 * Heads: …ForImageClassification adds classifier [num_labels, c_last]; …ForMaskedImageModeling the
 * mask token and a 1×1 conv decoder to encoder_stride² × channels.
 */

export interface SwinDims {
  embedDim: number;
  depths: number[];
  heads: number[];
  channels: number;
  patchSize: [number, number];
  imageSize: [number, number];
  mlpRatio: number;
  window: number;
  qkvBias: boolean;
}

function intListOr(r: ConfigReader, key: string, fallback: number[]): number[] {
  const list = r.intList(key).value.filter((v) => v > 0);
  return list.length ? list : fallback;
}

export function readSwinDims(r: ConfigReader): SwinDims {
  return {
    embedDim: r.int("embed_dim", 96).value ?? 96,
    depths: intListOr(r, "depths", [2, 2, 6, 2]),
    heads: intListOr(r, "num_heads", [3, 6, 12, 24]),
    channels: r.int("num_channels", 3, "count").value ?? 3,
    patchSize: readSize(r, "patch_size", 4),
    imageSize: readSize(r, "image_size", 224),
    mlpRatio: r.number("mlp_ratio", 4).value ?? 4,
    window: r.int("window_size", 7, "positions").value ?? 7,
    qkvBias: r.bool("qkv_bias", true).value,
  };
}

function swinInventory(version: 1 | 2) {
  return (d: RequiredDims): Inventory => {
    const r = d.model.root;
    const head = d.model.head;
    const s = readSwinDims(r);
    const base = version === 1 ? "swin" : "swinv2";
    const p = head === "base" || head === "backbone" ? "" : `${base}.`;
    const c0 = s.embedDim;
    const tensors: TensorTemplate[] = [...patchEmbedding(`${p}embeddings.patch_embeddings.projection`, { hidden: c0, channels: s.channels, patchSize: s.patchSize }), ...norm(`${p}embeddings.norm`, c0, true)];
    if (head === "masked-image-modeling") tensors.push(param(`${p}embeddings.mask_token`, [1, 1, c0]));
    if (r.bool("use_absolute_embeddings", false).value) {
      const patches = Math.floor(s.imageSize[0] / s.patchSize[0]) * Math.floor(s.imageSize[1] / s.patchSize[1]);
      tensors.push(param(`${p}embeddings.position_embeddings`, [1, patches + 1, c0]));
    }
    const stages = s.depths.length;
    for (let st = 0; st < stages; st++) {
      const c = c0 * 2 ** st;
      const heads = s.heads[st] ?? s.heads.at(-1)!;
      const ff = Math.floor(s.mlpRatio * c);
      const blocks = range(s.depths[st]!);
      const b = `${p}encoder.layers.${st}.blocks.{i}`;
      tensors.push(...norm(`${b}.layernorm_before`, c, true, blocks));
      if (version === 1) {
        tensors.push({ name: `${b}.attention.self.relative_position_bias_table`, shape: [(2 * s.window - 1) ** 2, heads], role: "attention", layers: blocks });
      } else {
        tensors.push(
          { name: `${b}.attention.self.logit_scale`, shape: [heads, 1, 1], role: "attention", layers: blocks },
          ...linear(`${b}.attention.self.continuous_position_bias_mlp.0`, 512, 2, true, "attention", blocks),
          ...linear(`${b}.attention.self.continuous_position_bias_mlp.2`, heads, 512, false, "attention", blocks),
        );
      }
      tensors.push(
        ...linear(`${b}.attention.self.query`, c, c, s.qkvBias, "attention", blocks),
        ...linear(`${b}.attention.self.key`, c, c, version === 1 ? s.qkvBias : false, "attention", blocks),
        ...linear(`${b}.attention.self.value`, c, c, s.qkvBias, "attention", blocks),
        ...linear(`${b}.attention.output.dense`, c, c, true, "attention", blocks),
        ...norm(`${b}.layernorm_after`, c, true, blocks),
        ...linear(`${b}.intermediate.dense`, ff, c, true, "mlp", blocks),
        ...linear(`${b}.output.dense`, c, ff, true, "mlp", blocks),
      );
      if (st < stages - 1) {
        const m = `${p}encoder.layers.${st}.downsample`;
        tensors.push(...linear(`${m}.reduction`, 2 * c, 4 * c, false, "other"), ...norm(`${m}.norm`, version === 1 ? 4 * c : 2 * c, true));
      }
    }
    const last = c0 * 2 ** (stages - 1);
    tensors.push(...norm(`${p}layernorm`, last, true));
    if (head === "image-classification") tensors.push(...linear("classifier", numLabels(d), last, true, "other"));
    if (head === "masked-image-modeling") {
      const stride = r.int("encoder_stride", 32).value ?? 32;
      tensors.push(...conv2d("decoder.0", stride * stride * s.channels, last, 1, true, "other"));
    }
    return inventoryOf({ tensors }, d);
  };
}

const HEADS = ["base", "image-classification", "masked-image-modeling"] as const;

export const swinSpecs: ModelTypeSpec[] = [
  {
    modelType: "swin",
    family: "swin",
    kind: "vision",
    modelingFile: "models/swin/modeling_swin.py",
    requires: [],
    ownAliasesOnly: ["numHeads"],
    classPrefixes: ["Swin"],
    heads: [...HEADS],
    defaultHead: "base",
    defaults: {},
    tieWordEmbeddingsDefault: false,
    inventory: swinInventory(1),
  },
  {
    modelType: "swinv2",
    family: "swin",
    kind: "vision",
    modelingFile: "models/swinv2/modeling_swinv2.py",
    requires: [],
    ownAliasesOnly: ["numHeads"],
    classPrefixes: ["Swinv2"],
    heads: [...HEADS],
    defaultHead: "base",
    defaults: {},
    tieWordEmbeddingsDefault: false,
    inventory: swinInventory(2),
  },
];
