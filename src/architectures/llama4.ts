import type { ConfigReader } from "../normalize/config-reader.js";
import { gatedMlp } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * Llama 4 (modeling_llama4.py, configuration_llama4.py).
 *
 * Text (Llama4TextModel): Llama attention (q/k/v/o, `attention_bias`; the L2 q/k norm has no
 * weight), and per layer either a dense MLP of `intermediate_size_mlp` or, on the layers of
 * `moe_layers` (default every `interleave_moe_layer_step`-th: layers step-1, 2·step-1, …), a
 * Llama4TextMoe: a bias-free router [experts, hidden], fused experts `gate_up_proj`
 * [experts, hidden, 2·intermediate_size] and `down_proj` [experts, intermediate_size, hidden],
 * and a shared expert (gated MLP of intermediate_size) every token uses. `num_experts_per_tok`
 * routed experts are active per token.
 *
 * Vision (Llama4VisionModel): an unfold "convolution" stored as a bias-free linear
 * [hidden, channels·patch²], a class embedding, `positional_embedding_vlm` [(image/patch)² + 1,
 * hidden], `layernorm_pre`/`layernorm_post`, encoder layers (biased q/k/v/o and fc1/fc2,
 * LayerNorms) under `model.layers`, and the pixel-shuffle adapter `vision_adapter.mlp`: fc1
 * [projector_input_dim, intermediate_size] and fc2 [projector_output_dim, projector_output_dim],
 * both bias-free. The vision rotary table is a plain attribute, not a parameter.
 * Projector: `multi_modal_projector.linear_1` [text hidden, vision_output_dim], no bias.
 *
 * Names are those of Llama4ForConditionalGeneration as modeling_llama4.py builds it and Meta's
 * checkpoints store them: `vision_model.*`, `multi_modal_projector.*`, `language_model.model.*`,
 * `language_model.lm_head`. Llama4ForCausalLM (text only) holds `model.*` and `lm_head`.
 *
 * Meta names the models by ACTIVE parameters: "17B" in Llama-4-Scout-17B-16E is the ~17B a token
 * uses, not the 109B total.
 */

const LM = "languageModel";

function tag(tensors: TensorTemplate[], component: string, role?: TensorTemplate["role"]): TensorTemplate[] {
  return tensors.map((t) => ({ ...t, component, ...(role ? { role } : {}) }));
}

/** The layers holding a Llama4TextMoe: `moe_layers`, else every interleave_moe_layer_step-th. */
export function llama4MoeLayers(d: RequiredDims): number[] {
  const text = d.model.text;
  if (text.has("moe_layers") && text.value("moe_layers") !== null) return text.intList("moe_layers").value.filter((i) => i >= 0 && i < d.numLayers);
  const step = text.int("interleave_moe_layer_step", 1, "count").value ?? 1;
  const out: number[] = [];
  for (let i = step - 1; i < d.numLayers; i += step) out.push(i);
  return out;
}

function textModel(d: RequiredDims, p: string): TensorTemplate[] {
  const text = d.model.text;
  const bias = text.bool("attention_bias", false).value;
  const moe = new Set(llama4MoeLayers(d));
  const experts = d.model.numExperts.value ?? 16;
  const denseFf = text.int("intermediate_size_mlp", 16384).value ?? 16384;
  const all = range(d.numLayers);
  const sparse = all.filter((i) => moe.has(i));
  const dense = all.filter((i) => !moe.has(i));
  const h = d.hiddenSize;
  const q = d.numHeads * d.headDim;
  const kv = d.numKvHeads * d.headDim;
  const l = `${p}layers.{i}`;
  const ff = `${l}.feed_forward`;
  const tensors: TensorTemplate[] = [
    { name: `${p}embed_tokens.weight`, shape: [d.vocabSize, h], role: "embedding" },
    ...linear(`${l}.self_attn.q_proj`, q, h, bias, "attention", all),
    ...linear(`${l}.self_attn.k_proj`, kv, h, bias, "attention", all),
    ...linear(`${l}.self_attn.v_proj`, kv, h, bias, "attention", all),
    ...linear(`${l}.self_attn.o_proj`, h, q, bias, "attention", all),
    ...norm(`${l}.input_layernorm`, h, false, all),
    ...norm(`${l}.post_attention_layernorm`, h, false, all),
  ];
  if (dense.length) tensors.push(...gatedMlp(ff, h, denseFf, false, dense));
  if (sparse.length) {
    tensors.push(
      ...linear(`${ff}.router`, experts, h, false, "router", sparse),
      { name: `${ff}.experts.gate_up_proj`, shape: [h, 2 * d.intermediateSize], role: "mlp", layers: sparse, experts, fusedExperts: true },
      { name: `${ff}.experts.down_proj`, shape: [d.intermediateSize, h], role: "mlp", layers: sparse, experts, fusedExperts: true },
      ...gatedMlp(`${ff}.shared_expert`, h, d.intermediateSize, false, sparse),
    );
  }
  tensors.push(...norm(`${p}norm`, h, false));
  return tag(tensors, LM);
}

/** Llama4VisionModel with Llama4VisionConfig's defaults (hidden 768, 34 layers, intermediate 5632, 448 px, patch 14). */
function visionModel(v: ConfigReader | null, p: string): { tensors: TensorTemplate[]; outputDim: number } {
  const int = (key: string, fallback: number, kind: "width" | "count" | "positions" = "width") => v?.int(key, fallback, kind).value ?? fallback;
  const width = int("hidden_size", 768);
  const layersN = int("num_hidden_layers", 34, "count");
  const ff = int("intermediate_size", 5632);
  const channels = int("num_channels", 3, "count");
  const imageSize = int("image_size", 448, "positions");
  const patch = int("patch_size", 14, "positions");
  const projIn = int("projector_input_dim", 4096);
  const projOut = int("projector_output_dim", 4096);
  const positions = Math.floor(imageSize / patch) ** 2 + 1;
  const layers = range(layersN);
  const l = `${p}model.layers.{i}`;
  const tensors: TensorTemplate[] = [
    ...linear(`${p}patch_embedding.linear`, width, channels * patch * patch, false, "vision"),
    { name: `${p}class_embedding`, shape: [width], role: "vision" },
    { name: `${p}positional_embedding_vlm`, shape: [positions, width], role: "vision" },
    ...norm(`${p}layernorm_pre`, width, true, undefined, "vision"),
    ...norm(`${p}layernorm_post`, width, true, undefined, "vision"),
    ...linear(`${l}.self_attn.q_proj`, width, width, true, "vision", layers),
    ...linear(`${l}.self_attn.k_proj`, width, width, true, "vision", layers),
    ...linear(`${l}.self_attn.v_proj`, width, width, true, "vision", layers),
    ...linear(`${l}.self_attn.o_proj`, width, width, true, "vision", layers),
    ...linear(`${l}.mlp.fc1`, ff, width, true, "vision", layers),
    ...linear(`${l}.mlp.fc2`, width, ff, true, "vision", layers),
    ...norm(`${l}.input_layernorm`, width, true, layers, "vision"),
    ...norm(`${l}.post_attention_layernorm`, width, true, layers, "vision"),
    // Llama4VisionMLP2 takes the pixel-shuffled features, whose width Meta set equal to intermediate_size.
    ...linear(`${p}vision_adapter.mlp.fc1`, projIn, ff, false, "vision"),
    ...linear(`${p}vision_adapter.mlp.fc2`, projOut, projOut, false, "vision"),
  ];
  return { tensors: tag(tensors, "visionTower"), outputDim: int("vision_output_dim", 7680) };
}

function llama4Inventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const textOnly = head === "causal-lm";
  const lmPrefix = textOnly ? "" : "language_model.";
  const tensors: TensorTemplate[] = [];
  if (!textOnly) {
    const vision = visionModel(d.model.root.child("vision_config"), "vision_model.");
    tensors.push(...vision.tensors, ...tag(linear("multi_modal_projector.linear_1", d.hiddenSize, vision.outputDim, false, "projector"), "projector"));
  }
  tensors.push(...textModel(d, `${lmPrefix}model.`));
  const tied: Inventory["tied"] = [];
  if (d.tied) tied.push({ name: `${lmPrefix}lm_head.weight`, tiedTo: `${lmPrefix}model.embed_tokens.weight` });
  else tensors.push(...tag(linear(`${lmPrefix}lm_head`, d.vocabSize, d.hiddenSize, false, "lmHead"), LM));
  return {
    tensors,
    tied,
    expertsPerToken: d.model.expertsPerToken.value ?? 1,
    estimated: d.model.estimateReason !== null,
    notes: [],
  };
}

export const llama4Specs: ModelTypeSpec[] = [
  {
    modelType: "llama4",
    family: "llama4",
    kind: "vision-language",
    modelingFile: "models/llama4/modeling_llama4.py",
    classPrefixes: ["Llama4"],
    heads: ["conditional-generation", "causal-lm"],
    defaultHead: "conditional-generation",
    // Llama4TextConfig: intermediate_size is the experts' (and shared expert's) width.
    defaults: { vocabSize: 202048, hiddenSize: 5120, intermediateSize: 8192, numLayers: 48, numHeads: 40, numKvHeads: 8, headDim: 128, maxPositions: 4096 * 32, numExperts: 16, expertsPerToken: 1 },
    tieWordEmbeddingsDefault: false,
    inventory: llama4Inventory,
  },
];
