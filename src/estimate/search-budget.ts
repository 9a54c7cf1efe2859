import { UsageError } from "../errors.js";
import { deriveFacts } from "../facts/derive-facts.js";
import { RUNTIME_OVERHEAD } from "../facts/memory-facts.js";
import { PRECISIONS } from "../facts/precisions.js";
import { normalizeConfig } from "../architectures/normalize-config.js";
import { buildEstimateConfig, defaultHeads, type EstimateInput } from "./build-estimate-config.js";

/** What budget mode is asked: the estimate's family and fixed dimensions, and the memory to fit in. */
export interface BudgetInput extends Omit<EstimateInput, "dModel" | "layers"> {
  /** Fixed width: only the depth is searched. */
  dModel?: number;
  /** Fixed depth: only the width is searched. */
  layers?: number;
  /** Memory of the device, in bytes. */
  budgetBytes: number;
  /** A key of `memory.weightsBytes` (fp32, bf16, fp8, int8, int4, q8_0, q4_k, …). */
  precision: string;
  /** Tokens per sequence the KV cache must hold. */
  context: number;
  /** Sequences decoded together. */
  batch?: number;
  /** Share of the budget kept for the runtime (default RUNTIME_OVERHEAD, as the hardware-fit table keeps). */
  overhead?: number;
}

/** One shape that fits, with the exact figures it was judged by. */
export interface BudgetCandidate {
  dModel: number;
  layers: number;
  /** Attention heads and KV heads; 0 for a family without attention (mamba). */
  heads: number;
  kvHeads: number;
  dFf: number;
  /** d_model / layers, the shape's width-to-depth ratio. */
  widthPerLayer: number;
  /** Exact total from the family's inventory, as for a real config. */
  parameters: number;
  activeParameters: number;
  weightsBytes: number;
  /** KV cache (16-bit) at `context` tokens × `batch` sequences, plus any fixed state. */
  kvCacheBytes: number;
  totalBytes: number;
  /** totalBytes / usableBytes. */
  shareOfUsable: number;
  /** How this shape was chosen, in words ("the widest at d_model/layers = 64, then deeper while it fits, to d_model/layers ≥ 32"). */
  rule: string;
  config: Record<string, unknown>;
}

export interface BudgetSearch {
  budgetBytes: number;
  /** The budget less the runtime overhead (10 % by default, as the hardware-fit table keeps). */
  usableBytes: number;
  overhead: number;
  precision: string;
  context: number;
  batch: number;
  modelType: string;
  /** How the shapes were searched, in words. */
  searched: string[];
  /** Defaults every candidate shares, in words. */
  assumptions: string[];
  /** Largest first; empty when nothing fits. */
  candidates: BudgetCandidate[];
}

/**
 * Width-to-depth ratios (d_model / layers) tried when neither is fixed: from deep and narrow to wide
 * and shallow. Published llama-style models lie in this range (Qwen2.5-0.5B 896/24 ≈ 37,
 * SmolLM2-1.7B 2048/24 ≈ 85, Llama-2-7B 4096/32 = 128).
 */
export const WIDTH_PER_LAYER = [32, 48, 64, 96, 128] as const;
/** Widths are multiples of this, so heads of 64 or 128 divide them. */
export const WIDTH_STEP = 128;
/** Widest and deepest shapes searched: far past any published model (Llama-3.1-405B: 16,384 wide, 126 layers). */
const MAX_WIDTH = 65_536;
const MAX_LAYERS = 4_096;
/**
 * KV heads when --kv-heads is not given: 8, as Llama-3 (8B to 405B), Mistral-7B, Qwen2.5-7B and
 * larger use; when 8 does not divide the heads, their largest divisor below 8 (Qwen2.5-3B: 16
 * heads, 2 KV heads — GQA at every size), and the heads themselves when there are 8 or fewer.
 */
export const DEFAULT_KV_HEADS = 8;
/** The deepest shape the search proposes on its own, d_model/layers: the narrowest ratio of WIDTH_PER_LAYER, within published models. */
const MIN_WIDTH_PER_LAYER = WIDTH_PER_LAYER[0];

/** The default KV heads for `heads` query heads. */
export function defaultKvHeads(heads: number): number {
  if (heads <= DEFAULT_KV_HEADS) return heads;
  for (let kv = DEFAULT_KV_HEADS; kv > 1; kv--) if (heads % kv === 0) return kv;
  return 1;
}

const PRECISION_KEYS = new Set(PRECISIONS.map((p) => p.key));
const PRECISION_ALIASES: Record<string, string> = { fp16: "bf16", float16: "bf16", bfloat16: "bf16", float32: "fp32", f32: "fp32", f16: "bf16" };

/** `int4`, `INT4`, `fp16` (= bf16's bytes), `Q4_K` → a key of memory.weightsBytes, or a usage error listing them. */
export function budgetPrecision(value: string): string {
  const key = value.trim().toLowerCase();
  const resolved = PRECISION_ALIASES[key] ?? key;
  if (!PRECISION_KEYS.has(resolved)) throw new UsageError(`unknown precision "${value}"; expected one of ${[...PRECISION_KEYS, "fp16"].join(", ")}`);
  return resolved;
}

/**
 * Budget mode: propose shapes of the family whose weights at `precision` plus KV cache at `context`
 * fit in the budget, each counted exactly. Fitting is judged as the hardware-fit table judges it —
 * weights + cache ≤ budget × (1 − overhead) — from the same facts a real config gets.
 *
 * Every count and cache grows with width (at a fixed ratio) and with depth (at a fixed width), so
 * each search walks up until the first shape that does not fit.
 */
export function searchBudget(input: BudgetInput): BudgetSearch {
  const precision = budgetPrecision(input.precision);
  const batch = input.batch ?? 1;
  const overhead = input.overhead ?? RUNTIME_OVERHEAD;
  if (!(overhead >= 0 && overhead < 1)) throw new UsageError(`overhead ${overhead} is not a share of the budget (0 ≤ overhead < 1)`);
  const usableBytes = input.budgetBytes * (1 - overhead);
  if (input.layers !== undefined && input.layers > MAX_LAYERS) throw new UsageError(`--layers ${input.layers}: the budget search goes up to ${MAX_LAYERS} layers`);
  if (input.dModel !== undefined && input.dModel > MAX_WIDTH) throw new UsageError(`--d-model ${input.dModel}: the budget search goes up to ${MAX_WIDTH}`);
  const evaluate = evaluator(input, precision, batch, usableBytes);
  const probe = buildEstimateConfig({ ...input, dModel: input.dModel ?? 4096, layers: input.layers ?? 1 });
  const searched: string[] = [];
  const found: BudgetCandidate[] = [];

  if (input.dModel !== undefined && input.layers !== undefined) {
    searched.push(`the shape given: d_model ${input.dModel}, ${input.layers} layers`);
    const one = evaluate(input.dModel, input.layers);
    if (one?.fits) found.push({ ...one.candidate, rule: "the shape given" });
  } else if (input.dModel !== undefined) {
    searched.push(`d_model ${input.dModel} as given; the most layers that fit (up to ${MAX_LAYERS})`);
    const deepest = deepestAt(evaluate, input.dModel, 1, MAX_LAYERS);
    if (deepest) found.push({ ...deepest, rule: `the most layers that fit at d_model ${input.dModel}` });
  } else if (input.layers !== undefined) {
    searched.push(`${input.layers} layers as given; the widest d_model (a multiple of ${WIDTH_STEP}) that fits`);
    const widest = widestAt(evaluate, () => input.layers!);
    if (widest) found.push({ ...widest, rule: `the widest d_model that fits at ${input.layers} layers` });
  } else {
    searched.push(
      `d_model in multiples of ${WIDTH_STEP}; per width-to-depth ratio d_model/layers of ${WIDTH_PER_LAYER.join(", ")} (the range of published models): the widest model that fits, then more layers while they fit, down to d_model/layers = ${MIN_WIDTH_PER_LAYER}`,
    );
    for (const ratio of WIDTH_PER_LAYER) {
      const widest = widestAt(evaluate, (d) => Math.max(1, Math.round(d / ratio)));
      const deepest = widest ? deepestAt(evaluate, widest.dModel, widest.layers, maxLayersAt(widest.dModel)) : null;
      if (!deepest || found.some((c) => c.dModel === deepest.dModel && c.layers === deepest.layers)) continue;
      const deeper = deepest.layers > widest!.layers ? `, then ${deepest.layers - widest!.layers} more layer${deepest.layers - widest!.layers === 1 ? "" : "s"} (${deepest.layers === maxLayersAt(deepest.dModel) ? `the cap, d_model/layers ≥ ${MIN_WIDTH_PER_LAYER}` : "the most that fit"})` : "";
      found.push({ ...deepest, rule: `the widest that fits at d_model/layers = ${ratio}${deeper}` });
    }
  }
  // Nothing built at all is a usage problem (heads that divide no width), not a budget too small.
  if (evaluate.built === 0) {
    const heads = input.heads !== undefined ? `--heads ${input.heads}` : "heads 64 or 128 wide";
    throw new UsageError(`no ${probe.modelType} shape can be built with ${heads}${input.kvHeads !== undefined ? ` and --kv-heads ${input.kvHeads}` : ""}${input.dModel !== undefined ? ` at --d-model ${input.dModel}` : ""}: heads must divide d_model, and KV heads must divide heads`);
  }
  found.sort((a, b) => b.parameters - a.parameters || b.dModel - a.dModel);
  return {
    budgetBytes: input.budgetBytes,
    usableBytes,
    overhead,
    precision,
    context: input.context,
    batch,
    modelType: probe.modelType,
    searched,
    assumptions: sharedAssumptions(probe.assumptions, input),
    candidates: found,
  };
}

/** The most layers the search proposes on its own at a width: d_model/layers stays ≥ MIN_WIDTH_PER_LAYER. */
export function maxLayersAt(dModel: number): number {
  return Math.max(1, Math.floor(dModel / MIN_WIDTH_PER_LAYER));
}

type Evaluate = ((dModel: number, layers: number) => { fits: boolean; candidate: BudgetCandidate } | null) & { built: number };

/** Count one shape exactly and judge it; null when the shape cannot be built (heads do not divide). */
function evaluator(input: BudgetInput, precision: string, batch: number, usableBytes: number): Evaluate {
  const evaluate = ((dModel: number, layers: number) => {
    const heads = input.heads ?? defaultHeads(dModel);
    const kvHeads = input.kvHeads ?? defaultKvHeads(heads);
    if (!Number.isInteger(heads) || dModel % heads !== 0 || heads % kvHeads !== 0) return null;
    const { config } = buildEstimateConfig({ ...input, kvHeads, dModel, layers, context: input.context });
    const { facts } = deriveFacts(normalizeConfig(config), null, { context: input.context, batch });
    const parameters = facts.parameters;
    const memory = facts.memory;
    if (!parameters || !memory) return null;
    // --set applies to every shape, but it must not move what the search sets: the row would show one shape and count another.
    const moved = [facts.dims.dModel !== dModel && "the width", facts.dims.nLayers !== layers && "the depth", facts.attention.nHeads !== null && facts.attention.nHeads !== heads && "the heads"].filter(Boolean);
    if (moved.length) throw new UsageError(`--set changes ${moved.join(" and ")} the budget search sets: give --d-model, --layers or --heads instead`);
    evaluate.built++;
    const weightsBytes = (memory.weightsBytes as Record<string, number>)[precision]!;
    const kvCacheBytes = memory.kvCache?.atRequested?.bytes ?? 0;
    const totalBytes = weightsBytes + kvCacheBytes;
    const candidate: BudgetCandidate = {
      dModel,
      layers,
      // State-space families (mamba) have no attention heads, whatever the estimate's config says.
      heads: facts.attention.nHeads ?? 0,
      kvHeads: facts.attention.nKvHeads ?? 0,
      dFf: facts.dims.dFf ?? 0,
      widthPerLayer: dModel / layers,
      parameters: parameters.total,
      activeParameters: parameters.active,
      weightsBytes,
      kvCacheBytes,
      totalBytes,
      shareOfUsable: totalBytes / usableBytes,
      rule: "",
      config,
    };
    // The same comparison as the hardware-fit table: the cache must fit in what the weights leave.
    return { fits: kvCacheBytes <= usableBytes - weightsBytes, candidate };
  }) as Evaluate;
  evaluate.built = 0;
  return evaluate;
}

/** The widest multiple of WIDTH_STEP that fits with `layersFor(width)` layers; widths whose heads do not divide are stepped over. */
function widestAt(evaluate: Evaluate, layersFor: (dModel: number) => number): BudgetCandidate | null {
  let best: BudgetCandidate | null = null;
  for (let d = WIDTH_STEP; d <= MAX_WIDTH; d += WIDTH_STEP) {
    const layers = layersFor(d);
    if (layers > MAX_LAYERS) break;
    const result = evaluate(d, layers);
    if (!result) continue;
    if (!result.fits) break;
    best = result.candidate;
  }
  return best;
}

/** The most layers (from `from`, at most `cap`) that fit at `dModel`, by doubling then bisection; null when `from` does not fit. */
function deepestAt(evaluate: Evaluate, dModel: number, from: number, cap: number): BudgetCandidate | null {
  const first = evaluate(dModel, from);
  if (!first?.fits) return null;
  let best = first.candidate;
  let low = from;
  let fail = cap + 1;
  // Double the step until a depth does not fit (or the cap), then bisect between the last fit and it.
  for (let step = 1; low < cap; step *= 2) {
    const next = Math.min(cap, low + step);
    const result = evaluate(dModel, next)!;
    if (!result.fits) {
      fail = next;
      break;
    }
    best = result.candidate;
    low = next;
  }
  while (fail - low > 1) {
    const mid = Math.floor((low + fail) / 2);
    const result = evaluate(dModel, mid)!;
    if (result.fits) {
      best = result.candidate;
      low = mid;
    } else fail = mid;
  }
  return best;
}

/** The estimate's assumptions that hold for every candidate: the per-width ones (heads, d_ff) are shown per row. */
function sharedAssumptions(assumptions: string[], input: BudgetInput): string[] {
  const perWidth = [/attention heads/, /KV heads/, /^d_ff /, /^context /];
  const kept = assumptions.filter((a) => !perWidth.some((p) => p.test(a)));
  if (input.kvHeads === undefined) kept.unshift(`${DEFAULT_KV_HEADS} KV heads (GQA, as Llama-3, Mistral and Qwen2.5 use), else the largest divisor of the heads below ${DEFAULT_KV_HEADS}, MHA at ${DEFAULT_KV_HEADS} heads or fewer; --kv-heads to change`);
  if (input.heads === undefined) kept.unshift("heads 128 wide for d_model ≥ 1024, else 64 wide");
  if (input.dFf === undefined) kept.push("d_ff by the family's rule at each width");
  kept.push("KV cache in 16 bits (BF16/FP16)");
  return kept;
}
