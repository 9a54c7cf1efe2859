import type { Inventory } from "../architectures/inventory.js";
import type { Facts } from "../facts/facts.js";
import type { NormalizedModel } from "../normalize/normalized-model.js";
import { documentFor } from "../sources/target-documents.js";
import type { Finding } from "./finding.js";
import type { ReportDescriptor, Rule, RuleContext, RuleDocuments, Severity } from "./rule.js";

export interface RuleSettings {
  /** Per rule code or name: a severity, or "off". */
  severities?: Record<string, Severity | "off">;
  options?: Record<string, Record<string, unknown>>;
}

const NO_OPTIONS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** A rule threw: the target's result becomes an `internal` error that names the rule. */
export class RuleFailure extends Error {
  constructor(
    readonly code: string,
    readonly ruleName: string,
    override readonly cause: unknown,
  ) {
    super(`rule ${code} (${ruleName}) failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * Run every rule on one target and turn each finding's pointer into a line and column. Positions
 * are looked up only for findings, so clean documents never pay for the position scan.
 */
export function runRules(
  rules: readonly Rule[],
  input: { model: NormalizedModel | null; facts: Facts | null; inventory: Inventory | null; documents: RuleDocuments },
  settings: RuleSettings = {},
): Finding[] {
  const findings: Finding[] = [];
  // One context for the whole run, pointed at each rule in turn: rules are synchronous, and a
  // closure and context per rule and config added up over folders of thousands of configs.
  let rule: Rule = rules[0]!;
  let configured: Severity | undefined;
  const ctx: RuleContext = {
    options: {},
    inventory: input.inventory,
    report(d: ReportDescriptor) {
      const template = rule.meta.messages[d.messageId] ?? d.messageId;
      const document = d.source ?? documentFor(input.documents, d.document ?? "config");
      const position = d.position ?? document?.locate(d.pointer) ?? null;
      findings.push({
        ruleId: rule.meta.code,
        ruleName: rule.meta.name,
        severity: configured ?? d.severity ?? rule.meta.defaultSeverity,
        message: formatMessage(template, d.data),
        location: { file: document?.path ?? input.documents.name ?? "", pointer: d.pointer, line: position?.line ?? null, column: position?.column ?? null },
      });
    },
  };
  for (const each of rules) {
    const setting = settings.severities?.[each.meta.code] ?? settings.severities?.[each.meta.name];
    if (setting === "off") continue;
    rule = each;
    configured = setting;
    ctx.options = settings.options?.[each.meta.code] ?? settings.options?.[each.meta.name] ?? NO_OPTIONS;
    try {
      each.check(input.model, input.facts, input.documents, ctx);
    } catch (error) {
      throw new RuleFailure(each.meta.code, each.meta.name, error);
    }
  }
  // Most targets have no finding or one: nothing to order, and no map to build per config.
  if (findings.length < 2) return findings;
  // Grouped by file (in the order the rules first reported into each: config, card, results files,
  // checkpoint), then by line and column, so a report reads each file top to bottom.
  const fileOrder = new Map<string, number>();
  for (const f of findings) if (!fileOrder.has(f.location.file)) fileOrder.set(f.location.file, fileOrder.size);
  return findings.sort(
    (a, b) =>
      fileOrder.get(a.location.file)! - fileOrder.get(b.location.file)! ||
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      (a.location.column ?? 0) - (b.location.column ?? 0) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.ruleId.localeCompare(b.ruleId),
  );
}
