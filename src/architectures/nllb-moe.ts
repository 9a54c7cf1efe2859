import { SEQ2SEQ_ALIASES, decoderFfn, decoderLayerCount, seq2seqAttention, type Seq2SeqLayout } from "./bart.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * NLLB-MoE (modeling_nllb_moe.py: NllbMoeForConditionalGeneration, NllbMoeModel;
 * configuration_nllb_moe.py). M2M100's pre-norm stacks (shared embedding tied into both stacks and
 * the LM head, sinusoidal positions as a buffer, a final `layer_norm` per stack) with their own
 * names: `cross_attention` / `cross_attention_layer_norm` in the decoder, the MLP under `ffn` with
 * `ff_layer_norm`. Layer i of a stack is sparse when (i + 1) % <stack>_sparse_step == 0 (0: none):
 * its `ffn` is a top-2 router `ffn.router.classifier` [num_experts, d] (bias only with router_bias)
 * and num_experts NllbMoeDenseActDense experts `ffn.experts.expert_{e}.fc1/fc2`, both biased.
 */
const NLLB_MOE_LAYOUT: Seq2SeqLayout = {
  positionRows: null,
  layernormEmbedding: false,
  finalLayerNorm: true,
  decoderDefaults: { layers: 12, ffn: 4096 },
  maxPositionsDefault: 1024,
};

/** Layer indices of a stack whose MLP is sparse, and the dense rest. */
export function sparseLayers(count: number, step: number): { sparse: number[]; dense: number[] } {
  const sparse: number[] = [];
  const dense: number[] = [];
  for (const i of range(count)) (step > 0 && (i + 1) % step === 0 ? sparse : dense).push(i);
  return { sparse, dense };
}

function stack(d: RequiredDims, which: "encoder" | "decoder", prefix: string, experts: number): TensorTemplate[] {
  const t = d.model.text;
  const h = d.hiddenSize;
  const count = which === "encoder" ? d.numLayers : decoderLayerCount(d, NLLB_MOE_LAYOUT);
  const ffn = which === "encoder" ? d.intermediateSize : decoderFfn(d, NLLB_MOE_LAYOUT);
  const step = t.int(`${which}_sparse_step`, 4, "count", true).value ?? 4;
  const routerBias = t.bool("router_bias", false).value;
  const all = range(count);
  const { sparse, dense } = sparseLayers(count, step);
  const l = `${prefix}${which}.layers.{i}`;
  const out: TensorTemplate[] = [...seq2seqAttention(`${l}.self_attn`, h, all), ...norm(`${l}.self_attn_layer_norm`, h, true, all)];
  if (which === "decoder") out.push(...seq2seqAttention(`${l}.cross_attention`, h, all), ...norm(`${l}.cross_attention_layer_norm`, h, true, all));
  if (dense.length) out.push(...linear(`${l}.ffn.fc1`, ffn, h, true, "mlp", dense), ...linear(`${l}.ffn.fc2`, h, ffn, true, "mlp", dense));
  if (sparse.length) {
    out.push(...linear(`${l}.ffn.router.classifier`, experts, h, routerBias, "router", sparse));
    for (const e of [...linear(`${l}.ffn.experts.expert_{e}.fc1`, ffn, h, true, "mlp", sparse), ...linear(`${l}.ffn.experts.expert_{e}.fc2`, h, ffn, true, "mlp", sparse)]) out.push({ ...e, experts });
  }
  out.push(...norm(`${l}.ff_layer_norm`, h, true, all), ...norm(`${prefix}${which}.layer_norm`, h, true));
  return out;
}

function nllbMoeInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const prefix = head === "base" ? "" : "model.";
  const experts = d.model.numExperts.value ?? 128;
  const shared = `${prefix}shared.weight`;
  const tensors: TensorTemplate[] = [{ name: shared, shape: [d.vocabSize, d.hiddenSize], role: "embedding" }, ...stack(d, "encoder", prefix, experts), ...stack(d, "decoder", prefix, experts)];
  const tied: Inventory["tied"] = [
    { name: `${prefix}encoder.embed_tokens.weight`, tiedTo: shared },
    { name: `${prefix}decoder.embed_tokens.weight`, tiedTo: shared },
  ];
  if (head === "conditional-generation") {
    if (d.tied) tied.push({ name: "lm_head.weight", tiedTo: shared });
    else tensors.push(...linear("lm_head", d.vocabSize, d.hiddenSize, false, "lmHead"));
  }
  return {
    tensors,
    tied,
    // NllbMoeTop2Router: every token goes to its top 2 experts.
    expertsPerToken: 2,
    estimated: d.model.estimateReason !== null,
    notes: ["sinusoidal positions are a buffer, not parameters"],
    encoderLayers: d.numLayers,
    decoderLayers: decoderLayerCount(d, NLLB_MOE_LAYOUT),
  };
}

export const nllbMoeSpecs: ModelTypeSpec[] = [
  {
    modelType: "nllb-moe",
    family: "nllb-moe",
    kind: "encoder-decoder",
    modelingFile: "models/nllb_moe/modeling_nllb_moe.py",
    classPrefixes: ["NllbMoe"],
    heads: ["conditional-generation", "base"],
    defaultHead: "conditional-generation",
    // configuration_nllb_moe.py: vocab 128,112, d_model 1,024, 12 + 12 layers of FFN 4,096, 16 heads,
    // 1,024 positions, 128 experts (top-2), a sparse layer every 4, router_bias false.
    defaults: { vocabSize: 128112, hiddenSize: 1024, numLayers: 12, numHeads: 16, numKvHeads: (m) => m.numHeads ?? null, intermediateSize: 4096, maxPositions: 1024, numExperts: 128, expertsPerToken: 2 },
    tieWordEmbeddingsDefault: true,
    aliases: SEQ2SEQ_ALIASES,
    inventory: nllbMoeInventory,
  },
];
