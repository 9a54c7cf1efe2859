import { elementCount, expandTensors, sumInventory, type Inventory } from "../architectures/inventory.js";
import type { NormalizedModel } from "../normalize/normalized-model.js";
import type { CheckpointTensor, LoadedCheckpoint } from "../sources/checkpoint.js";
import { storedElements } from "../sources/parse-safetensors-header.js";
import { nameCandidates } from "./checkpoint-name-candidates.js";
import type { CheckpointDifference, CheckpointFacts, DifferenceKind } from "../facts/checkpoint-facts.js";
import { DifferenceGroups, renderValues } from "./group-differences.js";
import { isQuantizedLinearBias, quantContextOf, quantInfo, type QuantInfo } from "./quantized-tensors.js";
import { storedBufferReason } from "./stored-buffers.js";

/**
 * Reconcile a checkpoint's tensors with the config's tensor inventory: every stored element is
 * either a parameter the config implies or a named difference (a tied head stored anyway, a
 * buffer, quantization packing and bookkeeping, GPTQ's zero biases, multi-token-prediction layers,
 * another layout of the same elements), and whatever remains is missing, mis-shaped or unexpected.
 *
 * Cost is linear in the tensors: the inventory is expanded into one Map only here (DeepSeek-V3's
 * ~90k names), each stored tensor costs a few lookups, and repeated differences are grouped. The
 * expansion is bounded by what is stored (MAX_INVENTORY_PER_STORED_TENSOR): a config claiming
 * 65,536 layers or experts beside a one-tensor checkpoint is compared by totals, one finding, in
 * time linear in the stored tensors, never in layers × experts.
 */

/** Compare name by name only while the config implies at most this many tensors per stored tensor (plus the slack below). */
export const MAX_INVENTORY_PER_STORED_TENSOR = 16;
/** Tensors of the inventory always expanded, whatever is stored: more than any real class. */
export const INVENTORY_EXPANSION_SLACK = 4096;

interface Stored {
  t: CheckpointTensor;
  /** Stored elements, as the Hub counts them (scalars 0). */
  n: number;
  /** Logical parameters: packing undone, bookkeeping 0. */
  l: number;
  /** Null for a plain tensor (nearly all of them), so those cost no allocation. */
  q: QuantInfo | null;
}

interface Expected {
  shape: number[];
  n: number;
  claimed: boolean;
}

/** Problems first, then what explains the stored total, largest first. */
const KIND_ORDER: readonly DifferenceKind[] = ["unexpected", "missing", "shape", "unaccounted", "tied-stored", "buffer", "mtp", "quantization-bias", "quantization-packing", "quantization-bookkeeping", "scalar-count", "layout"];

export function reconcileCheckpoint(checkpoint: LoadedCheckpoint, model: NormalizedModel | null, inventory: Inventory | null): CheckpointFacts {
  const names = new Set<string>();
  for (const t of checkpoint.tensors) names.add(t.name);
  const has = (name: string) => names.has(name);
  const quant = quantContextOf(model ? (model.root.raw as Record<string, unknown>) : null);
  const stored: Stored[] = [];
  const byDtype: Record<string, number> = {};
  let total = 0;
  let logical = 0;
  for (const t of checkpoint.tensors) {
    const n = storedElements(t.shape);
    const q = quantInfo(t, has, quant);
    const l = q === null ? n : q.role === "bookkeeping" ? 0 : Math.round(n * q.factor);
    stored.push({ t, n, l, q });
    total += n;
    logical += l;
    byDtype[t.dtype] = (byDtype[t.dtype] ?? 0) + n;
  }
  const notes: string[] = [];
  const fatal = checkpoint.problems?.some((p) => p.fatal) ?? false;
  let compared = false;
  let differences: CheckpointDifference[] = [];
  if (!inventory) notes.push("no usable config: the tensors were not compared with a parameter count");
  else if (inventory.estimated) notes.push("the config's layout is an estimate: the tensors were not compared name by name");
  else if (fatal) notes.push("some headers could not be read: the tensors were not compared");
  else if (stored.length === 0) notes.push("the loader listed no tensors: nothing was compared");
  else if (inventoryTensors(inventory) > stored.length * MAX_INVENTORY_PER_STORED_TENSOR + INVENTORY_EXPANSION_SLACK) {
    differences = [oversizedInventory(inventory, stored.length, logical)];
    compared = true;
  } else {
    differences = diffInventory(stored, inventory, model, has);
    compared = true;
    // GPTQ's zero biases are stored and unpacked like parameters, but the model has no such parameter.
    for (const d of differences) if (d.kind === "quantization-bias") logical -= d.count;
  }

  const reported = checkpoint.reported;
  if (reported?.total !== undefined && stored.length > 0 && !fatal && reported.total !== total) {
    const gap = reported.total - total;
    const scalars = stored.filter((s) => s.t.shape.length === 0).length;
    if (!compared) notes.push(`the loader reports ${reported.total} stored elements, the headers sum to ${total}`);
    else if (gap === scalars) differences.push({ tensor: "(scalar tensors)", count: gap, reason: `the reported total counts each of the ${scalars} scalar tensors as one element; the headers' sum, like @huggingface/hub, counts them as none`, kind: "scalar-count", tensors: scalars });
    else differences.push({ tensor: "(reported total)", count: gap, reason: `the loader reports ${reported.total} stored elements, the headers sum to ${total}`, kind: "unaccounted", tensors: 0 });
  }
  if (reported?.logical !== undefined && stored.length > 0 && !fatal && reported.logical !== logical) {
    const biases = differences.filter((d) => d.kind === "quantization-bias").reduce((n, d) => n + d.count, 0);
    const why = biases !== 0 && reported.logical - logical === biases ? ` (it counts the ${biases} values of GPTQ's zero biases)` : "";
    notes.push(`@huggingface/hub's parameterCount gives ${reported.logical} logical parameters, modelcheck's unpacking of the headers ${logical}${why}`);
  }
  differences.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || Math.abs(b.count) - Math.abs(a.count) || (a.tensor < b.tensor ? -1 : 1));
  return {
    total: reported?.total ?? total,
    // The headers are the better source for the logical count when there are any (see the note above).
    logical: stored.length > 0 ? logical : (reported?.logical ?? logical),
    byDtype: reported?.byDtype ?? byDtype,
    source: checkpoint.source,
    files: checkpoint.files.length,
    tensors: stored.length,
    compared,
    differences,
    notes,
  };
}

/** How many tensors the inventory stands for (fused experts are one tensor per layer), without expanding it. */
function inventoryTensors(inventory: Inventory): number {
  let n = 0;
  for (const t of inventory.tensors) n += (t.layers?.length ?? 1) * (t.fusedExperts ? 1 : (t.experts ?? 1));
  return n;
}

/** The one difference of a config whose inventory dwarfs the checkpoint: compared by totals, not names. */
function oversizedInventory(inventory: Inventory, storedTensors: number, storedLogical: number): CheckpointDifference {
  const implied = inventoryTensors(inventory);
  const configTotal = sumInventory(inventory).total;
  const reason = `the config implies ${implied} tensors (${configTotal} parameters), the checkpoint stores ${storedTensors} (${storedLogical}): over ${MAX_INVENTORY_PER_STORED_TENSOR}× as many, so compared by totals, not name by name (layers or experts far beyond what is stored?)`;
  return { tensor: "(the config's inventory)", count: storedLogical - configTotal, reason, kind: configTotal >= storedLogical ? "missing" : "unexpected", tensors: implied - storedTensors };
}

function diffInventory(stored: Stored[], inventory: Inventory, model: NormalizedModel | null, has: (name: string) => boolean): CheckpointDifference[] {
  const expected = new Map<string, Expected>();
  for (const e of expandTensors(inventory)) expected.set(e.name, { shape: e.shape, n: elementCount(e.shape), claimed: false });
  const tied = new Map(inventory.tied.map((t) => [t.name, t.tiedTo]));
  const items = new DifferenceGroups();

  const claim = (s: Stored, e: Expected) => {
    e.claimed = true;
    if (s.l === e.n && (s.q?.role === "packed" || sameShape(s.t.shape, e.shape))) return;
    items.add({ name: s.t.name, count: s.l - e.n, kind: "shape", reason: s.q?.role === "packed" ? `unpacked (${s.q.scheme}) it holds ${s.l} values, the config implies ${e.n}` : "stored with another shape than the config implies", shape: s.t.shape, expectedShape: e.shape });
  };

  // Pass 1: exact names (packed tensors under their logical name); pass 2: other spellings, only
  // onto inventory names no stored tensor claimed exactly.
  const pending: Stored[] = [];
  for (const s of stored) {
    if (s.q?.role === "packed" && s.n !== s.l) items.add({ name: s.t.name, count: s.n - s.l, kind: "quantization-packing", reason: `${s.q.scheme}: ${s.q.factor} values per stored ${s.t.dtype} element` });
    if (s.q?.role === "bookkeeping") {
      items.add({ name: s.t.name, count: s.n, kind: "quantization-bookkeeping", reason: `${s.q.scheme} bookkeeping, not parameters` });
      continue;
    }
    const e = expected.get(s.q?.logicalName ?? s.t.name);
    if (e && !e.claimed) claim(s, e);
    else pending.push(s);
  }
  const rest: Stored[] = [];
  for (const s of pending) {
    let found = false;
    for (const candidate of nameCandidates(s.q?.logicalName ?? s.t.name)) {
      const e = expected.get(candidate);
      if (e && !e.claimed) {
        claim(s, e);
        found = true;
        break;
      }
    }
    if (!found) rest.push(s);
  }

  const numLayers = model?.numLayers.value ?? null;
  const mtpDeclared = model ? (model.text.int("num_nextn_predict_layers", 0, "count", true).value ?? 0) : 0;
  const mtpNamed = new Set<number>();
  for (const s of rest) if (/\.(eh_proj|enorm|hnorm)\.weight$/.test(s.t.name)) mtpNamed.add(layerIndex(s.t.name) ?? -1);
  const leftovers: Stored[] = [];
  for (const s of rest) {
    const name = s.t.name;
    const buffer = storedBufferReason(name);
    if (buffer) {
      items.add({ name, count: s.l, kind: "buffer", reason: buffer, shape: s.t.shape });
      continue;
    }
    const tiedTo = tiedTarget(name, tied);
    if (tiedTo) {
      const target = expected.get(tiedTo);
      if (target && !target.claimed && s.l === target.n) {
        // Only the tied copy is stored: transformers loads it into the shared weight.
        target.claimed = true;
        items.add({ name, count: 0, kind: "layout", reason: `holds the tied ${tiedTo}, which is not stored under its own name`, shape: s.t.shape });
        continue;
      }
      const why = name.endsWith("lm_head.weight") ? "stored despite tie_word_embeddings" : `stored although it is tied to ${tiedTo}`;
      items.add({ name, count: s.l, kind: "tied-stored", reason: why, shape: s.t.shape });
      continue;
    }
    if (isQuantizedLinearBias(name, has)) {
      items.add({ name, count: s.l, kind: "quantization-bias", reason: "bias written by the GPTQ/AWQ export for every quantized linear layer (all zeros where the model has none)", shape: s.t.shape });
      continue;
    }
    if (isMtp(name, numLayers, mtpDeclared, mtpNamed)) {
      const reason = mtpDeclared > 0 ? `multi-token-prediction layer (num_nextn_predict_layers ${mtpDeclared}), not part of ${model?.architecture ?? "the class"}` : "multi-token-prediction layer, not part of the class";
      items.add({ name, count: s.l, kind: "mtp", reason });
      continue;
    }
    leftovers.push(s);
  }

  const unclaimed: { name: string; e: Expected }[] = [];
  for (const [name, e] of expected) if (!e.claimed) unclaimed.push({ name, e });
  resolveLayouts(leftovers, unclaimed, items);
  return items.list();
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, k) => d === b[k]);
}

function tiedTarget(name: string, tied: Map<string, string>): string | null {
  const direct = tied.get(name);
  if (direct) return direct;
  for (const candidate of nameCandidates(name)) {
    const t = tied.get(candidate);
    if (t) return t;
  }
  return null;
}

const LAYER = /(?:^|\.)(?:layers|h|blocks|block|layer|mtp_layers)\.(\d+)(?:\.|$)/;

function layerIndex(name: string): number | null {
  const m = LAYER.exec(name);
  return m ? Number(m[1]) : null;
}

/**
 * Multi-token-prediction modules: DeepSeek-V3/GLM-4.5 store them as extra decoder layers after the
 * last one (`model.layers.61.*` with `eh_proj`, `enorm`, `hnorm`, `shared_head`); MiMo and
 * Qwen3-Next under `mtp_layers` / `mtp.`.
 */
function isMtp(name: string, numLayers: number | null, declared: number, named: Set<number>): boolean {
  if (name.startsWith("mtp.") || name.includes(".mtp_layers.") || name.startsWith("mtp_layers.")) return true;
  if (numLayers === null) return false;
  const i = layerIndex(name);
  if (i === null || i < numLayers) return false;
  return (declared > 0 && i < numLayers + declared) || named.has(i);
}

/** The layer a tensor belongs to, comparable across prefixes (`model.layers.3` and `layers.3` agree); "" outside the stack. */
function layoutKey(name: string): string {
  const m = /(?:^|\.)(layers|h|blocks|block|layer)\.(\d+)(?:\.|$)/.exec(name);
  if (!m) return "";
  const stack = /(?:^|\.)(encoder|decoder|vision_tower|vision_model|visual|audio_tower|language_model)\./.exec(name.slice(0, m.index + 1));
  return `${stack?.[1] ?? ""}|${m[1]}.${m[2]}`;
}

/**
 * The fallback by role and shape: within one layer (or among the tensors outside the stack), stored
 * tensors no name matched and inventory tensors nothing claimed hold the same parameters when their
 * counts agree — a fused layout (transformers 5's `experts.gate_up_proj` against per-expert
 * `w1`/`w3`), a split one, or a renaming. What remains is unexpected or missing.
 */
function resolveLayouts(leftovers: Stored[], unclaimed: { name: string; e: Expected }[], items: DifferenceGroups): void {
  const stored = new Map<string, Stored[]>();
  for (const s of leftovers) push(stored, layoutKey(s.t.name), s);
  const expected = new Map<string, { name: string; e: Expected }[]>();
  for (const u of unclaimed) push(expected, layoutKey(u.name), u);
  for (const [key, group] of stored) {
    const want = expected.get(key);
    const storedSum = group.reduce((a, s) => a + s.l, 0);
    if (want && storedSum === want.reduce((a, u) => a + u.e.n, 0)) {
      const summary = summarizeNames(want.map((u) => relativeName(u.name)));
      const where = key === "" ? "" : " in the layer";
      for (const s of group) items.add({ name: s.t.name, count: 0, kind: "layout", reason: `holds the config's ${summary} in another layout (same ${storedSum} values${where})`, shape: s.t.shape });
      expected.delete(key);
      continue;
    }
    for (const s of group) items.add({ name: s.t.name, count: s.l, kind: "unexpected", reason: "stored, but not a tensor of the class and not a known buffer or quantization tensor", shape: s.t.shape });
  }
  for (const group of expected.values()) {
    for (const u of group) items.add({ name: u.name, count: -u.e.n, kind: "missing", reason: "implied by the config, not stored", expectedShape: u.e.shape });
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A name relative to its layer (`model.layers.3.mlp.gate_proj.weight` → `mlp.gate_proj.weight`). */
function relativeName(name: string): string {
  const m = /(?:^|\.)(?:layers|h|blocks|block|layer)\.\d+\./.exec(name);
  return m ? name.slice(m.index + m[0].length) : name;
}

/** A few names with repeated indices folded: `experts.{0..7}.w1.weight, experts.{0..7}.w2.weight, …`. */
function summarizeNames(names: string[]): string {
  const templates = new Map<string, Set<number>[]>();
  for (const name of names) {
    const numbers: number[] = [];
    const template = name.replace(/(^|\.)(\d{1,9})(?=\.|$)/g, (_m, dot: string, digits: string) => {
      numbers.push(Number(digits));
      return `${dot}#`;
    });
    let sets = templates.get(template);
    if (!sets) templates.set(template, (sets = numbers.map(() => new Set<number>())));
    numbers.forEach((n, k) => sets![k]?.add(n));
  }
  const rendered = [...templates].map(([template, sets]) => {
    let k = 0;
    return template.replace(/#/g, () => renderValues([...sets[k++]!].sort((a, b) => a - b)));
  });
  return rendered.length > 4 ? `${rendered.slice(0, 4).join(", ")}, … (${rendered.length} kinds)` : rendered.join(", ");
}
