import type { Facts, HardwareFitFacts, MemoryFacts } from "../facts/facts.js";
import type { GgufFacts } from "../checkpoint/derive-gguf-facts.js";
import { gigabytes, groupedCount, humanCount } from "../format/format-count.js";
import { generates } from "../architectures/model-kind.js";
import { inputComputeText } from "./input-text.js";
import { UNSTATED_CONTEXT_LIMIT } from "../facts/memory-facts.js";
import { FIT_PRECISIONS, PRECISIONS } from "../facts/precisions.js";

/**
 * The memory part of a target's facts, as the text and markdown reporters show it: weights per
 * precision in GB and GiB with the GPU-fit table beside them, GGUF block formats, the checkpoint's
 * own precision, the KV cache with its assumptions, training memory and compute.
 */

const LABELS: Record<string, string> = Object.fromEntries(PRECISIONS.map((p) => [p.key, p.label]));

/** Bytes in GiB (2^30) with two decimals. */
export function gibibytes(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
}


/** Any size in the decimal unit that suits it, the binary one beside: "9.18 MB (8.75 MiB)", "1.13 TB (1.03 TiB)". */
export function sizeText(bytes: number): string {
  const units: [number, string, number, string][] = [[1e12, "TB", 2 ** 40, "TiB"], [1e9, "GB", 2 ** 30, "GiB"], [1e6, "MB", 2 ** 20, "MiB"], [1e3, "KB", 2 ** 10, "KiB"]];
  for (const [dec, decName, bin, binName] of units) if (bytes >= dec) return `${(bytes / dec).toFixed(2)} ${decName} (${(bytes / bin).toFixed(2)} ${binName})`;
  return `${bytes} B`;
}

/** GB down to 0.10 GB, so a table's column compares at a glance; MB or KB below (tiny test models). */
export function decimalSize(bytes: number): string {
  if (bytes >= 1e8) return gigabytes(bytes);
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : `${(bytes / 1e3).toFixed(2)} KB`;
}

export function binarySize(bytes: number): string {
  if (bytes >= 2 ** 30 / 10) return gibibytes(bytes);
  return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(2)} MiB` : `${(bytes / 2 ** 10).toFixed(2)} KiB`;
}

/** Small byte counts for per-token figures: "327,680 B (320 KiB)". */
export function perTokenBytes(bytes: number): string {
  if (bytes < 1024) return `${groupedCount(bytes)} B`;
  const kib = bytes / 1024;
  const scaled = kib < 1024 ? `${trim(kib)} KiB` : `${trim(kib / 1024)} MiB`;
  return `${groupedCount(bytes)} B (${scaled})`;
}

function trim(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

function ratio(n: number): string {
  return Number.isInteger(n) ? `${n}×` : `${n.toFixed(1)}×`;
}

/** One GPU-fit cell: ✓ when `context` fits, else the largest context that does, – when the weights do not fit. */
export function fitCell(maxContext: number | null, context: number | null): string {
  if (maxContext === null) return "–";
  if (context === null || maxContext >= context) return "✓";
  return groupedCount(maxContext);
}

export function acceleratorLabel(gb: number): string {
  return `${Number.isInteger(gb) ? gb : gb.toFixed(1)} GB`;
}

/** The weights and fit table: one row per precision, one column per accelerator. */
export function fitTable(memory: MemoryFacts): { header: string[]; rows: string[][] } {
  const fit = memory.hardwareFit;
  const header = ["precision", "weights", "", ...fit.acceleratorsGB.map((gb, i) => (i === fit.acceleratorsGB.length - 1 && fit.gpuMemory ? fit.gpuMemory : acceleratorLabel(gb)))];
  const rows: string[][] = [];
  for (const key of [...FIT_PRECISIONS, ...(fit.maxContext.published ? ["published"] : [])]) {
    const bytes = key === "published" ? memory.asPublished!.bytes! : memory.weightsBytes[key]!;
    const label = key === "published" ? `${memory.asPublished!.label}` : (LABELS[key] ?? key);
    rows.push([label, decimalSize(bytes), binarySize(bytes), ...fit.maxContext[key]!.map((m) => fitCell(m, fit.context))]);
  }
  return { header, rows };
}

/** The legend under the fit table: what a cell means and what is assumed. */
export function fitLegend(fit: HardwareFitFacts, contextLength: number | null = null, hasCache = true): string {
  if (!hasCache) return `✓ the weights fit in ${Math.round((1 - fit.overhead) * 100)}% of the GPU (the model keeps no KV cache) · –: they do not`;
  const beyond = fit.context !== null && contextLength !== null && fit.context > contextLength ? ` · ${groupedCount(fit.context)} is beyond the model's context length, so the numbers stop at ${groupedCount(contextLength)}` : "";
  const batch = fit.batch > 1 ? ` × batch ${fit.batch}` : "";
  const at = fit.context !== null ? `${groupedCount(fit.context)} tokens${batch}` : `${groupedCount(UNSTATED_CONTEXT_LIMIT)} tokens${batch} (the model states no context length)`;
  return `✓ weights and 16-bit KV cache for ${at} fit in ${Math.round((1 - fit.overhead) * 100)}% of the GPU · a number: the largest context that fits · –: the weights alone do not${beyond}`;
}

/** Indented text lines of the memory facts, in the text reporter's layout. */
export function memoryTextLines(f: Facts, row: (label: string, value: string) => string): string[] {
  const out: string[] = f.gguf ? ggufLines(f.gguf, row) : [];
  const m = f.memory;
  if (!m) return out;
  const { header, rows } = fitTable(m);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `    ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ")}`.trimEnd();
  out.push("  memory");
  out.push(line(header));
  for (const r of rows) out.push(line(r));
  out.push(`    ${fitLegend(m.hardwareFit, f.dims.contextLength, m.kvCache !== null)}`);
  out.push(row("gguf quants", PRECISIONS.filter((p) => p.kind === "gguf").map((p) => `${p.label} ${decimalSize(m.weightsBytes[p.key]!)}`).join(" · ")));
  if (m.asPublished) out.push(row("published", publishedText(m)));
  out.push(...kvLines(m, row, f.modelKind));
  if (m.embedBatch) {
    const e = m.embedBatch;
    out.push(row("embed", `batch ${e.batch} × ${groupedCount(e.tokens)} tokens: ≈ ${sizeText(e.totalBytes)} (BF16 weights + ${sizeText(e.activationBytes)} activations of one layer; estimate)${e.embeddingWidth ? ` · each output vector ${e.embeddingWidth} wide` : ""}`));
  }
  const t = m.training;
  const activations = t.activationBytes !== null ? ` + activations ${sizeText(t.activationBytes)} at ${groupedCount(t.tokens!)} tokens × batch ${t.batch}` : "";
  out.push(row("training", `≈ ${sizeText(t.weightsGradientsOptimizerBytes)} for weights, gradients and Adam states (16 B/param)${activations} (estimate)`));
  const perInput = f.input ? inputComputeText(f.input) : null;
  if (perInput) out.push(row("compute", perInput));
  else if (f.modelKind === "vision" || f.modelKind === "audio") out.push(row("compute", "FLOPs per input not derived for this architecture (only for ViT-style and waveform encoders)"));
  else if (f.compute) {
    const c = f.compute;
    const trained = c.trainingTokens && c.trainingTokensRatio !== null ? ` · card: ${humanCount(c.trainingTokens.value)} tokens, ${c.trainingTokensRatio.toFixed(1)}× that` : "";
    const chinchilla = c.chinchillaTokens !== null ? ` · Chinchilla-optimal ${humanCount(c.chinchillaTokens)} tokens` : "";
    const share = c.embeddingShare > 0 ? `; embedding lookups, ${(c.embeddingShare * 100).toFixed(1)}% of the parameters, are not counted` : "";
    out.push(row("compute", `${humanCount(c.flopsPerTokenInference)} FLOPs/token inference · ${humanCount(c.flopsPerTokenTraining)} training (2× and 6× ${humanCount(c.nonEmbeddingParameters)} non-embedding parameters${share})${chinchilla}${trained}`));
  }
  return out;
}

function publishedText(m: MemoryFacts): string {
  const p = m.asPublished!;
  const where = p.source === "gguf" ? "GGUF tensor types" : p.source === "quantization_config" ? `quantization_config${p.dtype ? `, ${p.dtype} elsewhere` : ""}` : `${p.source} ${p.dtype}`;
  const size = p.bytes !== null ? `: ${sizeText(p.bytes)}${p.bitsPerWeight !== null ? `, ${p.bitsPerWeight.toFixed(2)} bits/param` : ""}${p.estimated ? " (estimate)" : ""}` : "";
  return `${p.label} (${where})${size}`;
}

function kvLines(m: MemoryFacts, row: (label: string, value: string) => string, kind: Facts["modelKind"]): string[] {
  const kv = m.kvCache;
  if (!kv) return m.embedBatch || (kind && !generates(kind)) ? [] : [row("KV cache", "none: the dims it needs are unknown")];
  const out: string[] = [];
  const attention = kv.layers.full + kv.layers.sliding;
  if (attention > 0) {
    const saving = kv.savingVsMha !== null && kv.savingVsMha > 1 ? ` · ${ratio(kv.savingVsMha)} smaller than MHA` : kv.latentBytesPerToken === null ? " · MHA" : "";
    out.push(row("KV cache", `${perTokenBytes(kv.bytesPerToken)} per token (16-bit, transformers' full K/V on ${attention} layers)${saving}`));
  } else {
    out.push(row("KV cache", "none: state-space layers keep a fixed state instead"));
  }
  const pad = (s: string) => row("", s);
  if (kv.latentBytesPerToken !== null) {
    out.push(pad(`MLA latent cache (vLLM, SGLang): ${perTokenBytes(kv.latentBytesPerToken)} per token, ${ratio(kv.latentSavingVsMha!)} smaller than MHA`));
  }
  if (kv.slidingWindow !== null) out.push(pad(`sliding window ${groupedCount(kv.slidingWindow)} on ${kv.layers.sliding} of ${attention} layers: each holds at most ${groupedCount(kv.slidingWindow)} tokens`));
  if (kv.layers.ssm > 0) out.push(pad(`${kv.layers.ssm} state-space layers hold ${sizeText(kv.stateBytes)} per sequence, whatever the context`));
  const requested = kv.atRequested;
  // --context equal to the model's own context (at batch 1) asks the same question: answered once.
  const sameAsContext = requested && kv.atContextLength && requested.tokens === kv.atContextLength.tokens && requested.batch === kv.atContextLength.batch;
  for (const at of [kv.atContextLength, sameAsContext ? null : requested]) {
    if (!at) continue;
    const latent = at.latentBytes !== null ? `; latent cache ${sizeText(at.latentBytes)}` : "";
    out.push(pad(`cache at ${groupedCount(at.tokens)} tokens${at.batch > 1 ? ` × batch ${at.batch}` : ""}: ${sizeText(at.bytes)}${latent}`));
  }
  for (const note of kv.notes) out.push(pad(note));
  return out;
}

/** What the GGUF header says, and how it compares with the config beside it. */
function ggufLines(g: GgufFacts, row: (label: string, value: string) => string): string[] {
  const out: string[] = [];
  const kind = g.fileType ? `${g.fileType} file` : "file";
  const shards = g.files.length > 1 ? ` in ${g.files.length} shards` : "";
  const bits = g.bitsPerWeight !== null ? ` · ${g.bitsPerWeight.toFixed(2)} bits/weight` : "";
  out.push(row("gguf", `${kind}${shards}, ${g.architecture ?? "unknown architecture"} · ${groupedCount(g.tensorCount)} tensors · ${groupedCount(g.parameterCount)} parameters${bits} · ${decimalSize(g.tensorBytes)} of tensor data · GGUF v${g.version}`));
  const types = Object.entries(g.elementsByType).sort((a, b) => b[1] - a[1]);
  out.push(row("", `tensor types: ${types.map(([t, n]) => `${t} ${humanCount(n)}`).join(" · ")}`));
  if (!g.complete) {
    out.push(row("", `incomplete: the file${g.fileBytes !== null ? ` has ${groupedCount(g.fileBytes)} bytes and` : ""} lacks tensor data its header describes (a truncated download, or a header-only file)`));
  }
  const r = g.reconciliation;
  if (r) {
    const sign = r.difference > 0 ? "+" : "";
    out.push(row("", `config.json: ${groupedCount(r.configTotal)} parameters; the file stores ${groupedCount(r.ggufTotal)} (${r.difference === 0 ? "the same" : `${sign}${groupedCount(r.difference)}`})`));
    for (const e of r.explained) out.push(row("", `${e.count > 0 ? "+" : ""}${groupedCount(e.count)} ${e.tensor}: ${e.reason}`));
    if (r.unexplained !== 0) {
      const roles = Object.entries(r.byRole).filter(([, v]) => v!.config !== v!.gguf).map(([role, v]) => `${role} ${groupedCount(v!.config)} vs ${groupedCount(v!.gguf)}`);
      out.push(row("", `${r.unexplained > 0 ? "+" : ""}${groupedCount(r.unexplained)} unexplained${roles.length ? ` (config vs file: ${roles.join(", ")})` : ""}`));
    }
  }
  return out;
}
