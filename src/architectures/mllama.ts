import type { ConfigReader } from "../normalize/config-reader.js";
import { gatedMlp } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * Llama 3.2 Vision (modeling_mllama.py, configuration_mllama.py).
 *
 * Vision (MllamaVisionModel): a bias-free patch convolution, a class embedding, a gated position
 * embedding (`gated_positional_embedding`: gate [1], embedding [patches + 1, width] and a tile table
 * nn.Embedding(aspect ratios + 1, tiles · (patches + 1) · width)), gated pre- and post-tile
 * aspect-ratio embeddings (nn.Embedding(aspect ratios + 1, tiles · width) and a gate each),
 * `layernorm_pre`/`layernorm_post`, a local encoder of `num_hidden_layers` layers (bias-free q/k/v/o,
 * biased fc1/fc2, LayerNorms) and a global encoder of `num_global_layers` gated layers (plus
 * `gate_attn` and `gate_ffn` [1] each).
 * Projector: Linear(vision_output_dim, text hidden) with bias.
 * Text (MllamaTextModel): embed_tokens has vocab_size + 8 rows (the image tokens); the layers listed
 * in `cross_attention_layers` are cross-attention layers (q/k/v/o, per-head q_norm/k_norm, and
 * `cross_attn_attn_gate`/`cross_attn_mlp_gate` [1]), the others Llama self-attention layers; the
 * lm_head has vocab_size rows and is not tied.
 *
 * Names follow current transformers (4.52 and later) for MllamaForConditionalGeneration:
 * `model.vision_model.*`, `model.multi_modal_projector.*`, `model.language_model.*`, `lm_head`. Meta's
 * checkpoints use `vision_model.*`, `multi_modal_projector.*`, `language_model.model.*` and
 * `language_model.lm_head`. MllamaForCausalLM (text only) holds `model.*` and `lm_head`.
 */

const VISION = "visionTower";
const LM = "languageModel";

function tag(tensors: TensorTemplate[], component: string, role?: TensorTemplate["role"]): TensorTemplate[] {
  return tensors.map((t) => ({ ...t, component, ...(role ? { role } : {}) }));
}

/** How many (w, h) tile layouts with w · h ≤ max_num_tiles: MllamaVisionConfig's default supported_aspect_ratios. */
function aspectRatioCount(v: ConfigReader | null, maxTiles: number): number {
  const listed = v?.value("supported_aspect_ratios");
  if (Array.isArray(listed) && listed.length > 0) return listed.length;
  let n = 0;
  for (let w = 1; w <= maxTiles; w++) for (let h = 1; w * h <= maxTiles; h++) n++;
  return n;
}

function visionEncoder(p: string, layers: readonly number[], width: number, ff: number, gated: boolean): TensorTemplate[] {
  const l = `${p}.layers.{i}`;
  const out: TensorTemplate[] = [
    ...linear(`${l}.self_attn.q_proj`, width, width, false, "vision", layers),
    ...linear(`${l}.self_attn.k_proj`, width, width, false, "vision", layers),
    ...linear(`${l}.self_attn.v_proj`, width, width, false, "vision", layers),
    ...linear(`${l}.self_attn.o_proj`, width, width, false, "vision", layers),
    ...linear(`${l}.mlp.fc1`, ff, width, true, "vision", layers),
    ...linear(`${l}.mlp.fc2`, width, ff, true, "vision", layers),
    ...norm(`${l}.input_layernorm`, width, true, layers, "vision"),
    ...norm(`${l}.post_attention_layernorm`, width, true, layers, "vision"),
  ];
  if (gated) out.push({ name: `${l}.gate_attn`, shape: [1], role: "vision", layers }, { name: `${l}.gate_ffn`, shape: [1], role: "vision", layers });
  return out;
}

/** MllamaVisionModel with MllamaVisionConfig's defaults (width 1280, 32 + 8 layers, 448 px, patch 14, 4 tiles). */
function visionModel(v: ConfigReader | null, prefix: string): { tensors: TensorTemplate[]; outputDim: number } {
  const int = (key: string, fallback: number, kind: "width" | "count" | "positions" = "width") => v?.int(key, fallback, kind).value ?? fallback;
  const width = int("hidden_size", 1280);
  const ff = int("intermediate_size", 5120);
  const local = int("num_hidden_layers", 32, "count");
  const global = int("num_global_layers", 8, "count");
  const channels = int("num_channels", 3, "count");
  const imageSize = int("image_size", 448, "positions");
  const patch = int("patch_size", 14, "positions");
  const tiles = int("max_num_tiles", 4, "count");
  const ratios = aspectRatioCount(v, tiles);
  const positions = Math.floor(imageSize / patch) ** 2 + 1;
  const p = `${prefix}vision_model`;
  const tensors: TensorTemplate[] = [
    { name: `${p}.patch_embedding.weight`, shape: [width, channels, patch, patch], role: "vision" },
    { name: `${p}.class_embedding`, shape: [width], role: "vision" },
    { name: `${p}.gated_positional_embedding.gate`, shape: [1], role: "vision" },
    { name: `${p}.gated_positional_embedding.embedding`, shape: [positions, width], role: "vision" },
    { name: `${p}.gated_positional_embedding.tile_embedding.weight`, shape: [ratios + 1, tiles * positions * width], role: "vision" },
    { name: `${p}.pre_tile_positional_embedding.embedding.weight`, shape: [ratios + 1, tiles * width], role: "vision" },
    { name: `${p}.pre_tile_positional_embedding.gate`, shape: [1], role: "vision" },
    { name: `${p}.post_tile_positional_embedding.embedding.weight`, shape: [ratios + 1, tiles * width], role: "vision" },
    { name: `${p}.post_tile_positional_embedding.gate`, shape: [1], role: "vision" },
    ...norm(`${p}.layernorm_pre`, width, true, undefined, "vision"),
    ...norm(`${p}.layernorm_post`, width, true, undefined, "vision"),
    ...visionEncoder(`${p}.transformer`, range(local), width, ff, false),
    ...visionEncoder(`${p}.global_transformer`, range(global), width, ff, true),
  ];
  // MllamaVisionConfig: vision_output_dim 7680 = width × (1 + len(intermediate_layers_indices)).
  return { tensors: tag(tensors, VISION), outputDim: int("vision_output_dim", 7680) };
}

/** MllamaTextConfig's default cross_attention_layers. */
const DEFAULT_CROSS_LAYERS = [3, 8, 13, 18, 23, 28, 33, 38];

export function crossAttentionLayers(d: RequiredDims): number[] {
  const text = d.model.text;
  const listed = text.has("cross_attention_layers") ? text.intList("cross_attention_layers").value : DEFAULT_CROSS_LAYERS;
  return listed.filter((i) => i >= 0 && i < d.numLayers);
}

function textModel(d: RequiredDims, p: string): TensorTemplate[] {
  const cross = new Set(crossAttentionLayers(d));
  const all = range(d.numLayers);
  const crossLayers = all.filter((i) => cross.has(i));
  const selfLayers = all.filter((i) => !cross.has(i));
  const h = d.hiddenSize;
  const q = d.numHeads * d.headDim;
  const kv = d.numKvHeads * d.headDim;
  const l = `${p}layers.{i}`;
  const tensors: TensorTemplate[] = [{ name: `${p}embed_tokens.weight`, shape: [d.vocabSize + 8, h], role: "embedding" }];
  for (const [attn, layers] of [
    ["self_attn", selfLayers],
    ["cross_attn", crossLayers],
  ] as const) {
    if (!layers.length) continue;
    tensors.push(
      ...linear(`${l}.${attn}.q_proj`, q, h, false, "attention", layers),
      ...linear(`${l}.${attn}.k_proj`, kv, h, false, "attention", layers),
      ...linear(`${l}.${attn}.v_proj`, kv, h, false, "attention", layers),
      ...linear(`${l}.${attn}.o_proj`, h, q, false, "attention", layers),
    );
  }
  if (crossLayers.length) {
    tensors.push(
      ...norm(`${l}.cross_attn.q_norm`, d.headDim, false, crossLayers),
      ...norm(`${l}.cross_attn.k_norm`, d.headDim, false, crossLayers),
      { name: `${l}.cross_attn_attn_gate`, shape: [1], role: "attention", layers: crossLayers },
      { name: `${l}.cross_attn_mlp_gate`, shape: [1], role: "mlp", layers: crossLayers },
    );
  }
  tensors.push(
    ...gatedMlp(`${l}.mlp`, h, d.intermediateSize, false, all),
    ...norm(`${l}.input_layernorm`, h, false, all),
    ...norm(`${l}.post_attention_layernorm`, h, false, all),
    ...norm(`${p}norm`, h, false),
  );
  return tag(tensors, LM);
}

function mllamaInventory(d: RequiredDims): Inventory {
  const head = d.model.head;
  const lmHead: TensorTemplate[] = [];
  const tied: Inventory["tied"] = [];
  const withLmHead = head === "conditional-generation" || head === "causal-lm";
  if (withLmHead) {
    // lm_head has vocab_size rows, embed_tokens vocab_size + 8: never tied in practice.
    if (d.tied) tied.push({ name: "lm_head.weight", tiedTo: `${head === "causal-lm" ? "model." : "model.language_model."}embed_tokens.weight` });
    else lmHead.push(...tag(linear("lm_head", d.vocabSize, d.hiddenSize, false, "lmHead"), LM));
  }
  let tensors: TensorTemplate[];
  if (head === "causal-lm") {
    tensors = textModel(d, "model.");
  } else {
    const prefix = head === "base" ? "" : "model.";
    const vision = visionModel(d.model.root.child("vision_config"), prefix);
    const projector = tag(linear(`${prefix}multi_modal_projector`, d.hiddenSize, vision.outputDim, true, "projector"), "projector");
    tensors = [...vision.tensors, ...projector, ...textModel(d, `${prefix}language_model.`)];
  }
  return {
    tensors: [...tensors, ...lmHead],
    tied,
    expertsPerToken: null,
    estimated: d.model.estimateReason !== null,
    notes: [],
  };
}

export const mllamaSpecs: ModelTypeSpec[] = [
  {
    modelType: "mllama",
    family: "mllama",
    kind: "vision-language",
    modelingFile: "models/mllama/modeling_mllama.py",
    classPrefixes: ["Mllama"],
    heads: ["conditional-generation", "base", "causal-lm"],
    defaultHead: "conditional-generation",
    // MllamaTextConfig.
    defaults: { vocabSize: 128256, hiddenSize: 4096, intermediateSize: 14336, numLayers: 40, numHeads: 32, numKvHeads: 8, maxPositions: 131072 },
    tieWordEmbeddingsDefault: false,
    inventory: mllamaInventory,
  },
];
