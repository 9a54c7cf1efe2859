import type { SuppressionDirective } from "../cards/suppression-directives.js";
import type { LoadedCard } from "../sources/read-card-document.js";
import type { Finding } from "./finding.js";
import type { Rule } from "./rule.js";
import type { RuleSettings } from "./run-rules.js";

/** The rule that reports suppressions that suppressed nothing (rules/card-unused-suppression.ts). */
const UNUSED_CODE = "MC312";

interface Suppression {
  directive: SuppressionDirective;
  /** Inclusive card line range; `file` covers every finding in the card, with or without a line. */
  from: number;
  to: number;
  file: boolean;
  rules: Set<string>;
  used: boolean;
}

/**
 * Apply a card's `modelcheck-disable` comments (src/cards/suppression-directives.ts) to the
 * findings located in that card, and report every directive that suppressed nothing as MC312.
 * Findings in other files (the config, the checkpoint) are never suppressed by a card.
 */
export function applyCardSuppressions(findings: Finding[], card: LoadedCard | null | undefined, rules: readonly Rule[], settings: RuleSettings): Finding[] {
  const directives = card?.body.directives ?? [];
  if (!card || directives.length === 0) return findings;
  const path = card.document.path;
  const suppressions = buildSuppressions(directives, card);
  const kept = findings.filter((finding) => {
    if (finding.location.file !== path) return true;
    const line = finding.location.line;
    const matching = suppressions.filter(
      (s) => (s.rules.size === 0 || s.rules.has(finding.ruleId.toLowerCase()) || s.rules.has(finding.ruleName.toLowerCase())) && (s.file || (line !== null && line >= s.from && line <= s.to)),
    );
    for (const s of matching) s.used = true;
    return matching.length === 0;
  });
  const unusedRule = rules.find((r) => r.meta.code === UNUSED_CODE);
  const severity = unusedRule ? (settings.severities?.[UNUSED_CODE] ?? settings.severities?.[unusedRule.meta.name] ?? unusedRule.meta.defaultSeverity) : "off";
  if (!unusedRule || severity === "off") return kept;
  for (const s of suppressions) {
    if (s.used) continue;
    const { kind, rules: list, line, column } = s.directive;
    kept.push({
      ruleId: UNUSED_CODE,
      ruleName: unusedRule.meta.name,
      severity,
      message: unusedRule.meta.messages.unused!.replace("{{directive}}", `modelcheck-${kind}${list.length ? ` ${list.join(" ")}` : ""}`),
      location: { file: path, pointer: null, line, column },
    });
  }
  return kept.sort((a, b) => (a.location.line ?? 0) - (b.location.line ?? 0));
}

function buildSuppressions(directives: readonly SuppressionDirective[], card: LoadedCard): Suppression[] {
  const lines = card.document.text.split("\n");
  const frontMatterEnd = card.frontMatter?.closeLine ?? 0;
  /** The next line after `line` with content: not blank, not only an HTML comment, not a YAML comment in the front matter. */
  const nextContent = (line: number): number => {
    for (let l = line + 1; l <= lines.length; l++) {
      const text = lines[l - 1]!.trim();
      if (text === "" || /^<!--.*-->$/.test(text) || (l < frontMatterEnd && text.startsWith("#"))) continue;
      return l;
    }
    return line + 1;
  };
  const out: Suppression[] = [];
  for (const d of directives) {
    if (d.kind === "enable") continue;
    const rules = new Set(d.rules.map((r) => r.toLowerCase()));
    const base = { directive: d, rules, used: false, file: false };
    if (d.kind === "disable-file") out.push({ ...base, from: 1, to: Infinity, file: true });
    else if (d.kind === "disable-line") out.push({ ...base, from: d.line, to: d.line });
    else if (d.kind === "disable-next-line") {
      const next = nextContent(d.line);
      out.push({ ...base, from: next, to: next });
    } else {
      // A block up to the next enable that covers it; without one, only the next line with content.
      const enable = directives.find((e) => e.kind === "enable" && e.line > d.line && (e.rules.length === 0 || d.rules.length === 0 || e.rules.some((r) => rules.has(r.toLowerCase()))));
      if (enable) out.push({ ...base, from: d.line + 1, to: enable.line - 1 });
      else {
        const next = nextContent(d.line);
        out.push({ ...base, from: next, to: next });
      }
    }
  }
  return out;
}
