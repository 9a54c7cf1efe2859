import { inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { VIT_REQUIRES } from "./vit.js";
import { param, patchEmbedding, readVitDims } from "./vit-encoder.js";

/**
 * DINOv3 ViT (modeling_dinov3_vit.py). No learned positions: RoPE over patch-centre coordinates
 * (its inv_freq is a non-persistent buffer), so the image size changes no parameter. Embeddings:
 * cls_token and mask_token [1, 1, d], register_tokens [1, num_register_tokens, d], a biased patch
 * conv (`embeddings.patch_embeddings`). Layers `layer.{i}`: norm1, attention q/k/v/o_proj with the
 * biases query_bias (true), key_bias (false), value_bias (true), proj_bias (true), layer_scale1,
 * norm2, an MLP up_proj/down_proj of intermediate_size (plus gate_proj with `use_gated_mlp`, the
 * 7B's SwiGLU) biased per mlp_bias, layer_scale2; a final `norm`. DINOv3ViTModel is the only class.
 */

function dinov3Inventory(d: RequiredDims): Inventory {
  const r = d.model.root;
  const v = { ...readVitDims(r, { hidden: 384, heads: 6, layers: 12, intermediate: 1536 }), hidden: d.hiddenSize, layers: d.numLayers, heads: d.numHeads, intermediate: d.intermediateSize };
  const h = v.hidden;
  const ff = v.intermediate;
  const layers = range(v.layers);
  const registers = r.int("num_register_tokens", 0, "count", true).value ?? 0;
  const gated = r.has("use_gated_mlp") ? r.bool("use_gated_mlp", false).value : r.bool("use_swiglu_ffn", false).value;
  const bias = (key: string, fallback: boolean) => r.bool(key, fallback).value;
  const mlpBias = bias("mlp_bias", true);
  const l = "layer.{i}";
  const tensors: TensorTemplate[] = [param("embeddings.cls_token", [1, 1, h]), param("embeddings.mask_token", [1, 1, h])];
  if (registers > 0) tensors.push(param("embeddings.register_tokens", [1, registers, h]));
  tensors.push(
    ...patchEmbedding("embeddings.patch_embeddings", v),
    ...norm(`${l}.norm1`, h, true, layers),
    ...linear(`${l}.attention.k_proj`, h, h, bias("key_bias", false), "attention", layers),
    ...linear(`${l}.attention.v_proj`, h, h, bias("value_bias", true), "attention", layers),
    ...linear(`${l}.attention.q_proj`, h, h, bias("query_bias", true), "attention", layers),
    ...linear(`${l}.attention.o_proj`, h, h, bias("proj_bias", true), "attention", layers),
    { name: `${l}.layer_scale1.lambda1`, shape: [h], role: "norm", layers },
    ...norm(`${l}.norm2`, h, true, layers),
  );
  if (gated) tensors.push(...linear(`${l}.mlp.gate_proj`, ff, h, mlpBias, "mlp", layers));
  tensors.push(
    ...linear(`${l}.mlp.up_proj`, ff, h, mlpBias, "mlp", layers),
    ...linear(`${l}.mlp.down_proj`, h, ff, mlpBias, "mlp", layers),
    { name: `${l}.layer_scale2.lambda1`, shape: [h], role: "norm", layers },
    ...norm("norm", h, true),
  );
  return inventoryOf({ tensors, notes: ["RoPE positions: no position-embedding parameters"] }, d);
}

export const dinov3Specs: ModelTypeSpec[] = [
  {
    modelType: "dinov3_vit",
    family: "dinov3",
    kind: "vision",
    modelingFile: "models/dinov3_vit/modeling_dinov3_vit.py",
    requires: VIT_REQUIRES,
    classPrefixes: ["DINOv3ViT"],
    heads: ["base"],
    defaultHead: "base",
    defaults: { hiddenSize: 384, numLayers: 12, numHeads: 6, intermediateSize: 1536 },
    tieWordEmbeddingsDefault: false,
    inventory: dinov3Inventory,
  },
];
