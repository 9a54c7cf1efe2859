import type { Rule } from "../src/engine/rule.js";
import { templateCount } from "../src/architectures/inventory.js";
import { humanCount } from "../src/format/format-count.js";
import type { AdvertisedSize } from "../src/facts/parse-advertised-size.js";

/**
 * MC201: the size in a model's name or metadata against the count computed from its config.
 * A label matches when |count − label| ≤ max(tolerance × label, half a unit of the label's last
 * digit): "7B" accepts 6.3B–7.7B at the default 10%, "3B" accepts 2.5B–3.5B. An "NxM" MoE label
 * matches when one expert's dense equivalent is M, or the total lies in [0.5, 1] × N·M. For
 * multimodal models a label that fits the language model alone, not the total, is an info.
 */
export const advertisedSizeMismatch: Rule = {
  meta: {
    code: "MC201",
    name: "advertised-size-mismatch",
    description: "The parameter count in the model's name or metadata must match the count computed from its config.",
    defaultSeverity: "warning",
    optionsSchema: {
      type: "object",
      additionalProperties: false,
      properties: { tolerance: { type: "number", minimum: 0, maximum: 1, default: 0.1 } },
    },
    messages: {
      mismatch: '"{{label}}" in the {{where}} claims {{claimed}} {{kind}} parameters, but the config gives {{actual}} ({{delta}}){{reason}}',
      explained: '"{{label}}" in the {{where}} matches {{explanation}}; the {{kind}} count is {{actual}}',
      moeMismatch: '"{{label}}" in the {{where}} describes {{experts}} experts of {{claimed}}, but one expert\'s dense equivalent is {{dense}} and the total {{actual}}',
    },
  },
  check(model, facts, _documents, ctx) {
    const p = facts?.parameters;
    if (!model || !p || p.estimated) return;
    const tolerance = typeof ctx.options.tolerance === "number" ? ctx.options.tolerance : 0.1;
    const matches = (count: number, size: AdvertisedSize) => Math.abs(count - size.value) <= Math.max(tolerance * size.value, halfUnit(size.text));
    const embeddings = (p.breakdown.embedding ?? 0) + (p.breakdown.lmHead ?? 0);
    for (const size of p.advertised) {
      const where = size.source === "metadata" ? "saved name (_name_or_path)" : "file or folder name";
      const pointer = size.source === "metadata" ? (model.nameOrPath.pointer ?? null) : null;
      const base = { label: size.text, where, claimed: humanCount(size.value) };
      if (size.kind === "moe") {
        const routed = (ctx.inventory?.tensors ?? []).filter((t) => t.experts).reduce((sum, t) => sum + templateCount(t), 0);
        const experts = model.numExperts.value ?? size.experts ?? 1;
        const dense = routed ? p.total - (routed * (experts - 1)) / experts : p.total;
        const wide = size.value * (size.experts ?? 1);
        if (matches(dense, size) || (p.total >= 0.5 * wide && p.total <= wide * (1 + tolerance))) continue;
        ctx.report({ messageId: "moeMismatch", data: { ...base, experts: size.experts ?? 1, dense: humanCount(dense), actual: humanCount(p.total) }, pointer });
        continue;
      }
      const actual = size.kind === "active" ? p.active : p.total;
      if (matches(actual, size)) continue;
      const kind = size.kind;
      const data = { ...base, kind, actual: humanCount(actual) };
      const languageModel = p.components?.languageModel;
      if (kind === "total" && languageModel !== undefined && languageModel !== p.total && matches(languageModel, size)) {
        ctx.report({ messageId: "explained", data: { ...data, explanation: `the language model alone (${humanCount(languageModel)}, without ${otherComponents(p.components!)})` }, pointer, severity: "info" });
      } else if (kind === "total" && p.active !== p.total && matches(p.active, size)) {
        ctx.report({ messageId: "explained", data: { ...data, explanation: `the active count (${humanCount(p.active)} per token of this mixture of experts)` }, pointer, severity: "info" });
      } else if (embeddings > 0 && matches(actual - embeddings, size)) {
        ctx.report({ messageId: "explained", data: { ...data, explanation: `the count without embeddings and LM head (${humanCount(actual - embeddings)})` }, pointer, severity: "info" });
      } else {
        const delta = `${actual > size.value ? "+" : ""}${(((actual - size.value) / size.value) * 100).toFixed(1)}%`;
        const reason = kind === "total" && p.active !== p.total && size.value > p.total ? "; a MoE label may count experts differently" : "";
        ctx.report({ messageId: "mismatch", data: { ...data, delta, reason }, pointer });
      }
    }
  },
};

/** "vision tower 304M and projector 21.0M": the parts of a multi-part model besides its language model. */
function otherComponents(components: Record<string, number>): string {
  const names: Record<string, string> = { visionTower: "vision tower", audioEncoder: "audio encoder", projector: "projector" };
  const parts = Object.entries(components)
    .filter(([name]) => name !== "languageModel")
    .map(([name, n]) => `${names[name] ?? name} ${humanCount(n)}`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : (parts[0] ?? "other parts");
}

/** Half a unit of the label's last digit: "7B" → 0.5B, "1.1B" → 0.05B, "135M" → 0.5M. */
function halfUnit(text: string): number {
  const m = /(\d+)(?:\.(\d+))?([mbt])$/i.exec(text);
  if (!m) return 0;
  const unit = { m: 1e6, b: 1e9, t: 1e12 }[m[3]!.toLowerCase() as "m" | "b" | "t"];
  return (0.5 * unit) / 10 ** (m[2]?.length ?? 0);
}
