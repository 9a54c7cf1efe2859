import { RULES } from "../../../rules/index.js";
import { ruleLookup } from "../../config/rule-lookup.js";
import { readRuleDoc } from "../rule-docs.js";
import type { Command } from "./command.js";
import { parseSubcommand, subcommand } from "./subcommand.js";

/** `modelcheck explain MC201` (or a rule name): print the rule's documentation, rules/<name>.md. */
export const explainCommand: Command = async (argv) => {
  const cli = subcommand("explain", "Print a rule's documentation: what it checks, why it matters, examples, how to fix.").argument("<rule>", "rule code (MC201) or name (advertised-size-mismatch)");
  const exit = parseSubcommand(cli, argv);
  if (exit !== null) return exit;
  const metas = RULES.map((r) => r.meta);
  const lookup = ruleLookup(metas);
  const key = cli.args[0]!;
  const meta = lookup.get(key);
  if (!meta) {
    process.stderr.write(`modelcheck: ${lookup.unknown(key)}\n`);
    return 2;
  }
  const doc = readRuleDoc(meta.name);
  const options = Object.keys((meta.optionsSchema.properties as Record<string, unknown> | undefined) ?? {});
  const footer = `\nDefault severity: ${meta.defaultSeverity}.${options.length ? ` Options: ${options.join(", ")} (set them in a config file).` : ""}\n`;
  process.stdout.write(`${(doc ?? `# ${meta.code} ${meta.name}\n\n${meta.description}\n`).trimEnd()}\n${footer}`);
  return 0;
};
