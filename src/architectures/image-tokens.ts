import type { ConfigReader } from "../normalize/config-reader.js";
import type { NormalizedModel } from "../normalize/normalized-model.js";

/**
 * The tokens an image adds to a vision-language model's context, as its modeling code and processor
 * build them from the config: patches of the vision tower, minus what the connector merges (pixel
 * shuffle, spatial merge, pooling) or replaced by a fixed set of learned queries. The processor's
 * begin/end and row-break markers are not counted.
 */
export interface ImageTokens {
  /** Tokens per image (or per tile, see `perTile`) at the resolution the config states; null when it depends on the image (dynamic resolution). */
  perImage: number | null;
  /** True when perImage is per tile of a tiling processor (an image is several tiles). */
  perTile: boolean;
  /** The resolution perImage is for: [height, width]; null for dynamic resolution. */
  resolution: [number, number] | null;
  /** How the count is made, for reports: "(336 / 14)² patches; the class token dropped". */
  rule: string;
  /** Models that read the image through cross-attention put no image tokens in the context. */
  crossAttention: boolean;
}

function num(raw: unknown): number | null {
  return typeof raw === "number" && Number.isFinite(raw) && raw > 0 && raw < 1e6 ? raw : null;
}

function side(raw: unknown): number | null {
  if (Array.isArray(raw)) return num(raw[0]);
  return num(raw);
}

interface Tower {
  image: number | null;
  patch: number | null;
  v: ConfigReader | null;
}

function tower(model: NormalizedModel, imageDefault: number | null, patchDefault: number | null): Tower {
  const v = model.root.child("vision_config");
  return { v, image: side(v?.value("image_size")) ?? imageDefault, patch: side(v?.value("patch_size")) ?? patchDefault };
}

const fixed = (perImage: number, resolution: [number, number] | null, rule: string, perTile = false): ImageTokens => ({ perImage, perTile, resolution, rule, crossAttention: false });

/** (image / patch)², the grid of a square tile. */
function grid(t: Tower): { n: number; side: number } | null {
  if (!t.image || !t.patch) return null;
  const s = Math.floor(t.image / t.patch);
  return { n: s * s, side: s };
}

function llavaLike(model: NormalizedModel, perTile: boolean): ImageTokens | null {
  const t = tower(model, 336, 14);
  const g = grid(t);
  if (!g) return null;
  const towerType = t.v?.value("model_type");
  if (towerType === "pixtral") return dynamic(t.patch!, 1, `(H / ${t.patch}) × (W / ${t.patch}) patches of the Pixtral tower, up to ${t.image}×${t.image} pixels`);
  // "default" drops the CLS token of a CLIP tower; "full" keeps every position (SigLIP towers have no CLS).
  const strategy = model.root.value("vision_feature_select_strategy") ?? "default";
  const hasCls = towerType !== "siglip_vision_model";
  const cls = strategy === "full" && hasCls ? 1 : 0;
  const why = hasCls ? (cls ? "; the class token kept" : "; the class token dropped") : "";
  return fixed(g.n + cls, [t.image!, t.image!], `(${t.image} / ${t.patch})² patches${why}`, perTile);
}

function dynamic(patch: number, merge: number, rule: string): ImageTokens {
  return { perImage: null, perTile: false, resolution: null, rule: merge > 1 ? `${rule}, merged ${merge}×${merge}` : rule, crossAttention: false };
}

/** Per model type; each function follows that model's get_image_features / processor. */
const RULES: Readonly<Record<string, (model: NormalizedModel) => ImageTokens | null>> = {
  llava: (m) => llavaLike(m, false),
  llava_next: (m) => llavaLike(m, true),
  llava_onevision: (m) => llavaLike(m, true),
  paligemma: (m) => {
    const t = tower(m, 224, 14);
    const stated = num(t.v?.value("num_image_tokens"));
    const g = grid(t);
    if (stated) return fixed(stated, t.image ? [t.image, t.image] : null, "num_image_tokens of the vision config");
    return g ? fixed(g.n, [t.image!, t.image!], `(${t.image} / ${t.patch})² patches`) : null;
  },
  gemma3: (m) => {
    const t = tower(m, 896, 14);
    const n = num(m.root.value("mm_tokens_per_image")) ?? 256;
    return fixed(n, t.image ? [t.image, t.image] : null, "mm_tokens_per_image: the tower's patches average-pooled");
  },
  idefics2: (m) => {
    const t = tower(m, 980, 14);
    const n = num(m.root.child("perceiver_config")?.value("resampler_n_latents")) ?? 64;
    return fixed(n, t.image ? [t.image, t.image] : null, "the perceiver resampler's latents (resampler_n_latents)", true);
  },
  idefics3: (m) => pixelShuffle(m, 512, 16, num(m.root.value("scale_factor")) ?? 2, "scale_factor"),
  smolvlm: (m) => pixelShuffle(m, 512, 16, num(m.root.value("scale_factor")) ?? 2, "scale_factor"),
  aya_vision: (m) => pixelShuffle(m, 364, 14, num(m.root.value("downsample_factor")) ?? 2, "downsample_factor"),
  internvl: (m) => {
    const stated = num(m.root.value("image_seq_length"));
    const t = tower(m, 448, 14);
    if (stated) return fixed(stated, t.image ? [t.image, t.image] : null, "image_seq_length (the tower's patches pixel-shuffled by downsample_ratio)", true);
    const ratio = num(m.root.value("downsample_ratio")) ?? 0.5;
    return pixelShuffle(m, 448, 14, 1 / ratio, "1 / downsample_ratio");
  },
  llama4: (m) => {
    const ratio = num(m.root.child("vision_config")?.value("pixel_shuffle_ratio")) ?? 0.5;
    return pixelShuffle(m, 336, 14, 1 / ratio, "1 / pixel_shuffle_ratio");
  },
  "blip-2": (m) => fixed(num(m.root.value("num_query_tokens")) ?? 32, null, "the Q-Former's learned queries (num_query_tokens), whatever the image"),
  mistral3: (m) => {
    const t = tower(m, 1540, 14);
    const merge = num(m.root.value("spatial_merge_size")) ?? 2;
    return dynamic(t.patch!, merge, `(H / ${t.patch}) × (W / ${t.patch}) patches up to ${t.image}×${t.image} pixels`);
  },
  qwen2_vl: (m) => qwenDynamic(m),
  qwen2_5_vl: (m) => qwenDynamic(m),
  qwen3_vl: (m) => qwenDynamic(m),
  qwen3_vl_moe: (m) => qwenDynamic(m),
  glm4v: (m) => qwenDynamic(m),
  mllama: (m) => {
    const t = tower(m, 560, 14);
    const g = grid(t);
    const tiles = num(t.v?.value("max_num_tiles")) ?? 4;
    if (!g) return null;
    return { perImage: 0, perTile: false, resolution: [t.image!, t.image!], rule: `none in the context: cross-attention layers read ${g.n + 1} vision states per ${t.image}×${t.image} tile, up to ${tiles} tiles`, crossAttention: true };
  },
};

function pixelShuffle(m: NormalizedModel, imageDefault: number, patchDefault: number, factor: number, what: string): ImageTokens | null {
  const t = tower(m, imageDefault, patchDefault);
  const g = grid(t);
  if (!g) return null;
  const n = Math.floor(g.n / (factor * factor));
  return fixed(n, [t.image!, t.image!], `(${t.image} / ${t.patch})² patches ÷ ${factor}² (${what})`, true);
}

function qwenDynamic(m: NormalizedModel): ImageTokens {
  const v = m.root.child("vision_config");
  const patch = side(v?.value("patch_size")) ?? 14;
  const merge = num(v?.value("spatial_merge_size")) ?? 2;
  return dynamic(patch, merge, `(H / ${patch}) × (W / ${patch}) patches at the image's own resolution (within the processor's min_pixels/max_pixels)`);
}

/** The image tokens of a vision-language model; null for types without a rule here. */
export function imageTokens(model: NormalizedModel): ImageTokens | null {
  const rule = RULES[model.modelType ?? ""];
  return rule ? rule(model) : null;
}
