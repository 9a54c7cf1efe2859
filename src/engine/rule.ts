import type { Inventory } from "../architectures/inventory.js";
import type { Facts } from "../facts/facts.js";
import type { NormalizedModel } from "../normalize/normalized-model.js";
import type { SourceDocument } from "../sources/source-document.js";
import type { DocumentKey, TargetDocuments } from "../sources/target-documents.js";

export type Severity = "error" | "warning" | "info";

export interface RuleMeta {
  /** Permanent code, never reused: MC0xx input, MC1xx geometry, MC2xx size, MC3xx card, MC4xx card vs config, MC5xx checkpoint. */
  code: string;
  /** Readable kebab-case name. */
  name: string;
  description: string;
  defaultSeverity: Severity;
  /** JSON Schema of the rule's options (an object schema). */
  optionsSchema: Record<string, unknown>;
  /** Message templates keyed by message id; `{{key}}` is replaced by `data.key`. */
  messages: Record<string, string>;
}

/** The documents of one target a rule may read. */
export type RuleDocuments = TargetDocuments;

export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  /** JSON pointer into the document; null for findings about the whole file. */
  pointer: string | null;
  /** The document the finding points into (default: the config). */
  document?: DocumentKey;
  /** A document that is not one of the named ones (one of several .eval_results files); wins over `document`. */
  source?: SourceDocument;
  /** An exact position when there is no pointer (a syntax error). */
  position?: { line: number; column: number } | null;
  /** Overrides the rule's default severity for this finding (used sparingly, e.g. estimates). */
  severity?: Severity;
}

export interface RuleContext {
  options: Record<string, unknown>;
  inventory: Inventory | null;
  report(descriptor: ReportDescriptor): void;
}

/** A rule is pure and synchronous: it reads the model, facts and documents and reports findings. */
export interface Rule {
  meta: RuleMeta;
  check(model: NormalizedModel | null, facts: Facts | null, documents: RuleDocuments, ctx: RuleContext): void;
}

/** The documents rules read, by the types the engine hands them (rules never import sources/). */
export type { LoadedEvalResults } from "../sources/read-eval-results.js";
