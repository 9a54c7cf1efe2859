import { inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { CanonicalKey, ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { conv2d, param, patchCount, patchEmbedding, readVitDims, vitEncoderLayers } from "./vit-encoder.js";

/**
 * ViT (modeling_vit.py) and DeiT (modeling_deit.py). ViTModel builds a cls token, the patch
 * convolution, one learned position per patch plus the cls token, pre-norm layers, a final
 * `layernorm` and a tanh pooler (dense [pooler_output_size, d], pooler_output_size defaulting to
 * hidden_size). The head classes build the base model without its pooler
 * (`add_pooling_layer=False`): ViTForImageClassification adds `classifier` [num_labels, d];
 * ViTForMaskedImageModeling adds the mask token and a 1×1 conv decoder to encoder_stride² ×
 * channels outputs. DeiT adds a distillation token (and one more position), and
 * DeiTForImageClassificationWithTeacher has two classifiers, one per token.
 */

export const VIT_REQUIRES: readonly CanonicalKey[] = ["hiddenSize", "numLayers", "numHeads", "intermediateSize"];
export const VIT_DEFAULTS = { hiddenSize: 768, numLayers: 12, numHeads: 12, intermediateSize: 3072 };

interface VitFamily {
  base: "vit" | "deit";
  /** DeiT's distillation token. */
  distillation: boolean;
}

function vitInventory(f: VitFamily) {
  return (d: RequiredDims): Inventory => {
    const r = d.model.root;
    const head = d.model.head;
    const v = { ...readVitDims(r), hidden: d.hiddenSize, layers: d.numLayers, heads: d.numHeads, intermediate: d.intermediateSize };
    const p = head === "base" ? "" : `${f.base}.`;
    const h = v.hidden;
    const maskToken = head === "masked-image-modeling";
    const pooler = head === "base" || head === "unknown";
    const extraTokens = f.distillation ? 2 : 1;
    const tensors: TensorTemplate[] = [param(`${p}embeddings.cls_token`, [1, 1, h])];
    if (f.distillation) tensors.push(param(`${p}embeddings.distillation_token`, [1, 1, h]));
    if (maskToken) tensors.push(param(`${p}embeddings.mask_token`, [1, 1, h]));
    tensors.push(
      param(`${p}embeddings.position_embeddings`, [1, patchCount(v) + extraTokens, h]),
      ...patchEmbedding(`${p}embeddings.patch_embeddings.projection`, v),
      ...vitEncoderLayers(`${p}encoder.layer.{i}`, v, range(v.layers)),
      ...norm(`${p}layernorm`, h, true),
    );
    if (pooler) {
      const poolerSize = r.int("pooler_output_size", h).value ?? h;
      tensors.push(...linear(`${p}pooler.dense`, poolerSize, h, true, "other"));
    }
    if (head === "image-classification") {
      const labels = numLabels(d);
      if (f.distillation && d.model.architecture?.endsWith("WithTeacher")) {
        tensors.push(...linear("cls_classifier", labels, h, true, "other"), ...linear("distillation_classifier", labels, h, true, "other"));
      } else tensors.push(...linear("classifier", labels, h, true, "other"));
    }
    if (maskToken) {
      const stride = r.int("encoder_stride", 16).value ?? 16;
      tensors.push(...conv2d("decoder.0", stride * stride * v.channels, h, 1, true, "other"));
    }
    return inventoryOf({ tensors }, d);
  };
}

const HEADS = ["base", "image-classification", "masked-image-modeling"] as const;

export const vitSpecs: ModelTypeSpec[] = [
  {
    modelType: "vit",
    family: "vit",
    kind: "vision",
    modelingFile: "models/vit/modeling_vit.py",
    requires: VIT_REQUIRES,
    classPrefixes: ["ViT"],
    heads: [...HEADS],
    defaultHead: "base",
    defaults: VIT_DEFAULTS,
    tieWordEmbeddingsDefault: false,
    inventory: vitInventory({ base: "vit", distillation: false }),
  },
  {
    modelType: "deit",
    family: "vit",
    kind: "vision",
    modelingFile: "models/deit/modeling_deit.py",
    requires: VIT_REQUIRES,
    classPrefixes: ["DeiT"],
    heads: [...HEADS],
    defaultHead: "base",
    defaults: VIT_DEFAULTS,
    tieWordEmbeddingsDefault: false,
    inventory: vitInventory({ base: "deit", distillation: true }),
  },
];
