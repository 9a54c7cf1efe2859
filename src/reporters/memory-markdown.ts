import type { Facts } from "../facts/facts.js";
import { groupedCount, humanCount } from "../format/format-count.js";
import { fitLegend, fitTable, perTokenBytes, sizeText } from "./memory-text.js";

/** The memory facts as markdown (`cell` escapes table text) for the markdown reporter: the weights and GPU-fit table, then the KV cache, training and compute. */
export function memoryMarkdown(f: Facts, cell: (text: string) => string): string[] {
  const m = f.memory;
  if (!m) return [];
  const { header, rows } = fitTable(m);
  // The two size columns (GB, GiB) share one header cell.
  const head = [header[0]!, "weights", "", ...header.slice(3).map(cell)];
  const lines = ["", `| ${head.join(" | ")} |`, `| --- | ${head.slice(1).map(() => "---:").join(" | ")} |`];
  // Labels can come from the config (an unknown quant_method) or the command line: escaped like any cell.
  for (const r of rows) lines.push(`| ${r.map(cell).join(" | ")} |`);
  lines.push("", fitLegend(m.hardwareFit, f.dims.contextLength), "");
  const kv = m.kvCache;
  if (kv && kv.layers.full + kv.layers.sliding > 0) {
    const parts = [`KV cache: ${perTokenBytes(kv.bytesPerToken)} per token (16-bit, transformers)`];
    if (kv.savingVsMha !== null && kv.savingVsMha > 1) parts.push(`${kv.savingVsMha.toFixed(kv.savingVsMha % 1 ? 1 : 0)}× smaller than MHA`);
    if (kv.latentBytesPerToken !== null) parts.push(`MLA latent ${perTokenBytes(kv.latentBytesPerToken)} per token (vLLM, SGLang)`);
    if (kv.slidingWindow !== null) parts.push(`sliding window ${groupedCount(kv.slidingWindow)} on ${kv.layers.sliding} layers`);
    if (kv.atContextLength) parts.push(`${sizeText(kv.atContextLength.bytes)} at ${groupedCount(kv.atContextLength.tokens)} tokens`);
    lines.push(`- ${parts.join(" · ")}`);
  }
  if (kv && kv.layers.ssm > 0) lines.push(`- state-space layers: ${kv.layers.ssm}, ${sizeText(kv.stateBytes)} of fixed state per sequence`);
  const t = m.training;
  lines.push(`- training (estimate): ${sizeText(t.weightsGradientsOptimizerBytes)} for weights, gradients and Adam states${t.activationBytes !== null ? ` + ${sizeText(t.activationBytes)} of activations at ${groupedCount(t.tokens!)} tokens × ${t.batch}` : ""}`);
  if (f.compute) lines.push(`- compute: ${humanCount(f.compute.flopsPerTokenInference)} FLOPs per token (inference), ${humanCount(f.compute.flopsPerTokenTraining)} (training), 2× and 6× the ${humanCount(f.compute.nonEmbeddingParameters)} non-embedding parameters${f.compute.chinchillaTokens !== null ? `; Chinchilla-optimal ${humanCount(f.compute.chinchillaTokens)} tokens` : ""}`);
  return lines;
}
