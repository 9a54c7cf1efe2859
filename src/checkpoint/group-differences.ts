import type { CheckpointDifference, DifferenceKind } from "../facts/checkpoint-facts.js";

/** One tensor's difference, before grouping. */
export interface TensorDifference {
  name: string;
  count: number;
  kind: DifferenceKind;
  reason: string;
  shape?: number[];
  expectedShape?: number[];
}

/** Quantization storage repeats on every linear layer: grouped by suffix (`*.qzeros ×224`). */
const BY_SUFFIX: ReadonlySet<DifferenceKind> = new Set(["quantization-packing", "quantization-bookkeeping", "quantization-bias"]);

interface Group {
  kind: DifferenceKind;
  reason: string;
  label: (values: number[][]) => string;
  count: number;
  tensors: number;
  shape: number[] | null | undefined;
  expectedShape: number[] | null | undefined;
  /** Per numeric position of the template, the values seen. */
  values: Set<number>[];
}

/**
 * Groups per-tensor differences that repeat across layers and experts into one entry each, as they
 * are added, so 61 stored `inv_freq` buffers read `model.layers.{0..60}.self_attn.rotary_emb.inv_freq`
 * ×61. One template string and one map lookup per difference, no list of them kept: DeepSeek-V3's
 * ~45k FP8 scale tensors become one entry without 45k intermediate objects.
 */
export class DifferenceGroups {
  private readonly groups = new Map<string, Group>();

  add(item: TensorDifference): void {
    let key: string;
    let numbers: number[] | null = null;
    let label: Group["label"];
    if (BY_SUFFIX.has(item.kind)) {
      const suffix = item.name.slice(item.name.lastIndexOf(".") + 1);
      key = `${item.kind}\0${item.reason}\0${suffix}`;
      label = () => `*.${suffix}`;
    } else if (item.kind === "mtp") {
      const m = /^(.*?(?:^|\.)(?:layers|mtp_layers)\.\d+)\./.exec(item.name);
      const prefix = m ? m[1]! : item.name.split(".")[0]!;
      key = `${item.kind}\0${item.reason}\0${prefix}`;
      label = () => `${prefix}.*`;
    } else {
      const segments = item.name.split(".");
      const template: string[] = [];
      numbers = [];
      for (const s of segments) {
        if (s.length > 0 && s.length < 10 && /^\d+$/.test(s)) {
          numbers.push(Number(s));
          template.push("#");
        } else template.push(s);
      }
      key = `${item.kind}\0${item.reason}\0${template.join(".")}\0${item.shape?.join(",")}\0${item.expectedShape?.join(",")}`;
      label = (values) => {
        let k = 0;
        return template.map((s) => (s === "#" ? renderValues(values[k++]!) : s)).join(".");
      };
    }
    let g = this.groups.get(key);
    if (!g) {
      g = { kind: item.kind, reason: item.reason, label, count: 0, tensors: 0, shape: item.shape, expectedShape: item.expectedShape, values: (numbers ?? []).map(() => new Set<number>()) };
      this.groups.set(key, g);
    }
    g.count += item.count;
    g.tensors++;
    if (g.shape && !sameShape(item.shape, g.shape)) g.shape = null;
    if (g.expectedShape && !sameShape(item.expectedShape, g.expectedShape)) g.expectedShape = null;
    if (numbers) for (let k = 0; k < numbers.length; k++) g.values[k]?.add(numbers[k]!);
  }

  list(): CheckpointDifference[] {
    const out: CheckpointDifference[] = [];
    for (const g of this.groups.values()) {
      const d: CheckpointDifference = { tensor: g.label(g.values.map((s) => [...s].sort((a, b) => a - b))), count: g.count, reason: g.reason, kind: g.kind, tensors: g.tensors };
      if (g.shape) d.shape = g.shape;
      if (g.expectedShape) d.expectedShape = g.expectedShape;
      out.push(d);
    }
    return out;
  }
}

function sameShape(a: readonly number[] | undefined, b: readonly number[]): boolean {
  return !!a && a.length === b.length && a.every((d, k) => d === b[k]);
}

/** Group a list of differences at once. */
export function groupDifferences(items: readonly TensorDifference[]): CheckpointDifference[] {
  const groups = new DifferenceGroups();
  for (const item of items) groups.add(item);
  return groups.list();
}

/** `0..31` as `{0..31}`, a single value as itself, two as `{1,2}`, gaps as `{3,5,9}` or `{0,2,4,…,60}`. */
export function renderValues(sorted: readonly number[]): string {
  if (sorted.length === 1) return String(sorted[0]);
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  if (sorted.length > 2 && last - first + 1 === sorted.length) return `{${first}..${last}}`;
  if (sorted.length <= 6) return `{${sorted.join(",")}}`;
  return `{${sorted.slice(0, 3).join(",")},…,${last}}`;
}
