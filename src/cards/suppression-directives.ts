/**
 * `<!-- modelcheck-disable MC401 -->` comments in a card (and `# modelcheck-disable …` comments in
 * its YAML front matter). Forms, after markdownlint and ESLint:
 * - `modelcheck-disable [codes]`: until the next `modelcheck-enable`, or, when none follows, the
 *   next non-blank line only (so a forgotten enable never silences the rest of the card);
 * - `modelcheck-disable-next-line [codes]`: the next non-blank line;
 * - `modelcheck-disable-line [codes]`: its own line;
 * - `modelcheck-disable-file [codes]`: the whole card, including findings without a line;
 * - `modelcheck-enable [codes]`: ends a block.
 * Codes are rule codes or names, separated by spaces or commas; none means every rule.
 */
export interface SuppressionDirective {
  kind: "disable" | "disable-next-line" | "disable-line" | "disable-file" | "enable";
  /** Rule codes or names as written; empty for every rule. */
  rules: string[];
  line: number;
  column: number;
}

const DIRECTIVE = /\bmodelcheck-(disable-next-line|disable-line|disable-file|disable|enable)\b([^\n]*)/g;

export function parseSuppressionDirectives(comments: readonly { text: string; line: number; column: number }[]): SuppressionDirective[] {
  const directives: SuppressionDirective[] = [];
  for (const comment of comments) {
    if (!comment.text.includes("modelcheck-")) continue;
    for (const m of comment.text.matchAll(DIRECTIVE)) {
      // Anything after " -- " is a reason, as in ESLint.
      const list = m[2]!.split(/\s--\s/)[0]!;
      const rules = list.split(/[\s,]+/).filter((r) => /^[A-Za-z0-9-]+$/.test(r));
      directives.push({ kind: m[1] as SuppressionDirective["kind"], rules, line: comment.line, column: comment.column + (m.index ?? 0) });
    }
  }
  return directives;
}

/** Directives written as `# modelcheck-…` comments in front matter lines. */
export function frontMatterComments(yaml: string, firstLine: number): { text: string; line: number; column: number }[] {
  if (!yaml.includes("modelcheck-")) return [];
  const comments: { text: string; line: number; column: number }[] = [];
  yaml.split("\n").forEach((text, i) => {
    const hash = text.search(/(^|\s)#/);
    if (hash !== -1 && text.includes("modelcheck-", hash)) {
      const at = text.indexOf("#", hash);
      comments.push({ text: text.slice(at + 1), line: firstLine + i, column: at + 2 });
    }
  });
  return comments;
}
