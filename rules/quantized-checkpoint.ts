import type { Rule } from "../src/engine/rule.js";
import { checkpointOf } from "../src/checkpoint/checkpoint-document-facts.js";
import { NOT_IN_LOGICAL, type DifferenceKind } from "../src/facts/checkpoint-facts.js";
import { sumOfKind } from "../src/checkpoint/checkpoint-summary.js";
import { groupedCount } from "../src/format/format-count.js";

const KIND_WORDS: Partial<Record<DifferenceKind, string>> = { buffer: "stored buffers", mtp: "multi-token-prediction layers", "tied-stored": "tied weights stored", missing: "missing tensors", shape: "shape mismatches", unexpected: "unexplained tensors", layout: "layout" };

/**
 * MC506: a quantized checkpoint stores fewer elements than it has parameters (packed weights) plus
 * bookkeeping (scales, zero points): the Hub's stored total says "1.1B" for a 7B model. States the
 * logical count beside the stored one, and names GPTQ's zero biases.
 */
export const quantizedCheckpoint: Rule = {
  meta: {
    code: "MC506",
    name: "quantized-checkpoint",
    description: "States the logical parameter count of a quantized checkpoint beside the stored one.",
    defaultSeverity: "info",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      quantized: "{{stored}} stored values hold {{logical}} logical parameters{{vsConfig}}: {{parts}}",
    },
  },
  check(model, facts, _documents, ctx) {
    const cp = checkpointOf(facts);
    if (!cp) return;
    const packing = sumOfKind(cp, "quantization-packing");
    const bookkeeping = sumOfKind(cp, "quantization-bookkeeping");
    const bias = sumOfKind(cp, "quantization-bias");
    const packed = cp.compared ? packing.entries.length > 0 : cp.logical !== cp.total;
    if (!packed && bookkeeping.entries.length === 0) return;
    const parts: string[] = [];
    if (packing.entries.length) parts.push(`packed weights ${packing.entries.map((d) => `${d.tensor} ×${groupedCount(d.tensors)} (${d.reason})`).join(", ")}`);
    if (bookkeeping.entries.length) parts.push(`${groupedCount(bookkeeping.count)} bookkeeping values in ${bookkeeping.entries.map((d) => d.tensor).join(", ")}`);
    if (bias.entries.length) parts.push(`${groupedCount(bias.count)} values of zero biases the export writes for layers without one (${bias.entries.map((d) => `${d.tensor} ×${groupedCount(d.tensors)}`).join(", ")}), not parameters`);
    if (!cp.compared && parts.length === 0) parts.push(`logical count from the tensor names and dtypes`);
    const config = facts?.parameters?.total;
    let logicalVsConfig = "";
    if (config !== undefined && cp.logical === config) logicalVsConfig = " = the config's count";
    else if (config !== undefined && cp.compared) {
      // The rest of the logical count is what the other MC5xx rules name (buffers, MTP layers, ...).
      const kinds = [...new Set(cp.differences.filter((d) => !NOT_IN_LOGICAL.has(d.kind) && d.count !== 0).map((d) => KIND_WORDS[d.kind] ?? d.kind))];
      const gap = cp.logical - config;
      logicalVsConfig = ` = config ${groupedCount(config)} ${gap < 0 ? "−" : "+"} ${groupedCount(Math.abs(gap))}${kinds.length ? ` in ${kinds.join(", ")}` : ""}`;
    } else if (config !== undefined) logicalVsConfig = ` (config ${groupedCount(config)})`;
    const pointer = model?.root.has("quantization_config") ? "/quantization_config" : null;
    ctx.report({ messageId: "quantized", data: { stored: groupedCount(cp.total), logical: groupedCount(cp.logical), vsConfig: logicalVsConfig, parts: parts.join("; ") }, pointer, document: pointer ? "config" : "checkpoint" });
  },
};
