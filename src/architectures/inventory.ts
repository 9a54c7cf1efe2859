/**
 * The tensor inventory: the tensors a checkpoint of a class holds, as compact templates. A template
 * with `layers` stands for one tensor per listed layer index (`{i}` in its name); with `experts`,
 * for one per expert (`{e}`). Totals, breakdowns and active counts are sums over the inventory.
 */

export const ROLES = ["embedding", "attention", "mlp", "router", "ssm", "norm", "lmHead", "vision", "audio", "projector", "other"] as const;
export type Role = (typeof ROLES)[number];

export interface TensorTemplate {
  name: string;
  shape: number[];
  role: Role;
  /** Layer indices substituted for `{i}`; absent for tensors outside the layer stack. */
  layers?: readonly number[];
  /** Number of routed experts substituted for `{e}`; only `expertsPerToken` of them are active per token. */
  experts?: number;
  /**
   * The experts are stored fused, as one tensor [experts, ...shape] under one name (gpt-oss's
   * `mlp.experts.gate_up_proj`), not one tensor per expert: counts are the same, names and shapes differ.
   */
  fusedExperts?: boolean;
  /**
   * With `fusedExperts`: the experts are stacked on the first axis of a 2-D tensor,
   * [experts·shape[0], ...rest] (DBRX's `ffn.experts.mlp.w1`), not given an axis of their own.
   */
  fusedExpertsFlat?: boolean;
  /** Component of a multi-part model (language model, vision tower, ...). */
  component?: string;
}

export interface Inventory {
  tensors: TensorTemplate[];
  /** Routed experts each token uses; null for dense models. */
  expertsPerToken: number | null;
  /** True when the layout is guessed, not read from the class's modeling code. */
  estimated: boolean;
  /** Tensors that share storage with another and are counted once (e.g. a tied LM head). */
  tied: { name: string; tiedTo: string }[];
  /** Short remarks on what was assumed, shown with the facts. */
  notes: string[];
  /** Layer counts of encoder-decoder models (T5, BART, Whisper); absent for single stacks. */
  encoderLayers?: number;
  decoderLayers?: number;
  /** Set when the attention is not plain multi-head/grouped (DeepSeek's MLA; NONE for pure SSMs). */
  attentionType?: "MLA" | "NONE";
}

export function elementCount(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Number of tensors a template stands for. */
export function templateRepeat(t: TensorTemplate): number {
  return (t.layers?.length ?? 1) * (t.experts ?? 1);
}

export function templateCount(t: TensorTemplate): number {
  return elementCount(t.shape) * templateRepeat(t);
}

/** Parameters a single token touches: routed-expert templates count only the experts in use. */
export function templateActiveCount(t: TensorTemplate, expertsPerToken: number | null): number {
  if (t.experts === undefined) return templateCount(t);
  const used = Math.min(expertsPerToken ?? t.experts, t.experts);
  return elementCount(t.shape) * (t.layers?.length ?? 1) * used;
}

export interface InventorySums {
  total: number;
  active: number;
  breakdown: Partial<Record<Role, number>>;
  components: Record<string, number> | null;
}

export function sumInventory(inventory: Inventory): InventorySums {
  let total = 0;
  let active = 0;
  const breakdown: Partial<Record<Role, number>> = {};
  let components: Record<string, number> | null = null;
  for (const t of inventory.tensors) {
    const n = templateCount(t);
    total += n;
    active += templateActiveCount(t, inventory.expertsPerToken);
    breakdown[t.role] = (breakdown[t.role] ?? 0) + n;
    if (t.component) {
      components ??= {};
      components[t.component] = (components[t.component] ?? 0) + n;
    }
  }
  return { total, active, breakdown, components };
}

/** Every concrete tensor name with its shape, for comparing against a checkpoint. */
export function* expandTensors(inventory: Inventory): Generator<{ name: string; shape: number[]; role: Role }> {
  for (const t of inventory.tensors) {
    for (const i of t.layers ?? [null]) {
      const withLayer = i === null ? t.name : t.name.replace("{i}", String(i));
      if (t.fusedExperts && t.experts !== undefined) {
        const shape = t.fusedExpertsFlat ? [t.experts * (t.shape[0] ?? 1), ...t.shape.slice(1)] : [t.experts, ...t.shape];
        yield { name: withLayer, shape, role: t.role };
        continue;
      }
      for (let e = 0; e < (t.experts ?? 1); e++) {
        yield { name: t.experts === undefined ? withLayer : withLayer.replace("{e}", String(e)), shape: t.shape, role: t.role };
      }
    }
  }
}

const ranges = new Map<number, readonly number[]>();

/**
 * 0..n-1, the layer indices of a uniform stack. Shared and frozen: every template of every model
 * with n layers points at the same array, which keeps inventories cheap to build by the thousand.
 */
export function range(n: number): readonly number[] {
  let r = ranges.get(n);
  if (!r) {
    r = Object.freeze(Array.from({ length: Math.max(0, n) }, (_, k) => k));
    if (ranges.size < 4096) ranges.set(n, r);
  }
  return r;
}

/** A linear layer as PyTorch stores it: weight [out, in] and an optional bias [out]. */
export function linear(name: string, outFeatures: number, inFeatures: number, bias: boolean, role: Role, layers?: readonly number[]): TensorTemplate[] {
  const weight: TensorTemplate = { name: `${name}.weight`, shape: [outFeatures, inFeatures], role, ...(layers ? { layers } : {}) };
  if (!bias) return [weight];
  return [weight, { name: `${name}.bias`, shape: [outFeatures], role, ...(layers ? { layers } : {}) }];
}

/** A norm: weight [d], plus bias [d] for LayerNorm. */
export function norm(name: string, width: number, bias: boolean, layers?: readonly number[], role: Role = "norm"): TensorTemplate[] {
  return linearLike(name, [width], bias ? [width] : null, role, layers);
}

function linearLike(name: string, weightShape: number[], biasShape: number[] | null, role: Role, layers?: readonly number[]): TensorTemplate[] {
  const at = layers ? { layers } : {};
  const out: TensorTemplate[] = [{ name: `${name}.weight`, shape: weightShape, role, ...at }];
  if (biasShape) out.push({ name: `${name}.bias`, shape: biasShape, role, ...at });
  return out;
}

/** GPT-2's Conv1D stores weight as [in, out], transposed against nn.Linear. */
export function conv1d(name: string, inFeatures: number, outFeatures: number, role: Role, layers?: readonly number[]): TensorTemplate[] {
  return linearLike(name, [inFeatures, outFeatures], [outFeatures], role, layers);
}
