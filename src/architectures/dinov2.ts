import { inventoryOf, numLabels } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { CanonicalKey, ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { DINOV2_LAYER_NAMES, param, patchCount, patchEmbedding, readVitDims, vitEncoderLayers } from "./vit-encoder.js";

/**
 * DINOv2 (modeling_dinov2.py) and DINOv2 with registers (modeling_dinov2_with_registers.py).
 * Embeddings: cls_token [1, 1, d], mask_token [1, d] (DINOv2 only when `use_mask_token`, default
 * true; always with registers), register_tokens [1, num_register_tokens, d], one position per patch
 * plus the cls token (registers get none), a biased patch convolution. Layers: norm1, attention,
 * layer_scale1.lambda1, norm2, an MLP of int(d · mlp_ratio) (fc1/fc2) or, with `use_swiglu_ffn`
 * (giant), a SwiGLU FFN whose width is rounded to ((int(ff · 2/3) + 7) // 8) · 8 with a fused
 * weights_in [2·ff', d], and layer_scale2.lambda1. No pooler: the `…Model` ends at `layernorm`.
 * …ForImageClassification classifies cls ⊕ mean(patches): classifier [num_labels, 2d].
 */

const REQUIRES: readonly CanonicalKey[] = ["hiddenSize", "numLayers", "numHeads"];
const DEFAULTS = { hiddenSize: 768, numLayers: 12, numHeads: 12 };

interface Dinov2Family {
  base: "dinov2" | "dinov2_with_registers";
  registers: boolean;
}

/** Width of the MLP: int(hidden · mlp_ratio), and the SwiGLU rounding when `use_swiglu_ffn`. */
export function dinov2MlpWidth(hidden: number, mlpRatio: number, swiglu: boolean): number {
  const ff = Math.floor(hidden * mlpRatio);
  return swiglu ? Math.floor((Math.floor((ff * 2) / 3) + 7) / 8) * 8 : ff;
}

function dinov2Inventory(f: Dinov2Family) {
  return (d: RequiredDims): Inventory => {
    const r = d.model.root;
    const head = d.model.head;
    const v = { ...readVitDims(r, { imageSize: 224, patchSize: 16 }), hidden: d.hiddenSize, layers: d.numLayers, heads: d.numHeads };
    const h = v.hidden;
    const mlpRatio = r.number("mlp_ratio", 4).value ?? 4;
    const swiglu = r.bool("use_swiglu_ffn", false).value;
    const ff = dinov2MlpWidth(h, mlpRatio, swiglu);
    const p = head === "image-classification" ? `${f.base}.` : "";
    const maskToken = f.registers || r.bool("use_mask_token", true).value;
    const tensors: TensorTemplate[] = [param(`${p}embeddings.cls_token`, [1, 1, h])];
    if (maskToken) tensors.push(param(`${p}embeddings.mask_token`, [1, h]));
    if (f.registers) {
      const registers = r.int("num_register_tokens", 4, "count", true).value ?? 4;
      if (registers > 0) tensors.push(param(`${p}embeddings.register_tokens`, [1, registers, h]));
    }
    tensors.push(
      param(`${p}embeddings.position_embeddings`, [1, patchCount(v) + 1, h]),
      ...patchEmbedding(`${p}embeddings.patch_embeddings.projection`, v),
      ...vitEncoderLayers(`${p}encoder.layer.{i}`, { ...v, intermediate: ff }, range(v.layers), {
        names: DINOV2_LAYER_NAMES,
        layerScale: ["layer_scale1.lambda1", "layer_scale2.lambda1"],
        ...(swiglu ? { swiglu: { hidden: ff, in: "mlp.weights_in", out: "mlp.weights_out" } } : {}),
      }),
      ...norm(`${p}layernorm`, h, true),
    );
    if (head === "image-classification") tensors.push(...linear("classifier", numLabels(d), 2 * h, true, "other"));
    const notes = swiglu ? [`SwiGLU FFN of width ${ff} (weights_in fused gate and up)`] : [];
    return inventoryOf({ tensors, notes }, d);
  };
}

const HEADS = ["base", "image-classification", "backbone"] as const;

export const dinov2Specs: ModelTypeSpec[] = [
  {
    modelType: "dinov2",
    family: "dinov2",
    kind: "vision",
    modelingFile: "models/dinov2/modeling_dinov2.py",
    requires: REQUIRES,
    classPrefixes: ["Dinov2"],
    heads: [...HEADS],
    defaultHead: "base",
    defaults: DEFAULTS,
    tieWordEmbeddingsDefault: false,
    inventory: dinov2Inventory({ base: "dinov2", registers: false }),
  },
  {
    modelType: "dinov2_with_registers",
    family: "dinov2",
    kind: "vision",
    modelingFile: "models/dinov2_with_registers/modeling_dinov2_with_registers.py",
    requires: REQUIRES,
    classPrefixes: ["Dinov2WithRegisters"],
    heads: [...HEADS],
    defaultHead: "base",
    defaults: DEFAULTS,
    tieWordEmbeddingsDefault: false,
    inventory: dinov2Inventory({ base: "dinov2_with_registers", registers: true }),
  },
];
