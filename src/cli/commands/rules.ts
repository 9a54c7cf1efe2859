import { Option } from "commander";
import { RULES } from "../../../rules/index.js";
import type { Command } from "./command.js";
import { parseSubcommand, subcommand } from "./subcommand.js";

/**
 * `modelcheck rules`: every rule with its code, name, default severity and description; `-f json`
 * adds each rule's options schema, for tools that write config files.
 */
export const rulesCommand: Command = async (argv) => {
  const cli = subcommand("rules", "List the rules: code, name, default severity and description.")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .addHelpText("after", "\nRead one rule's documentation with: modelcheck explain MC201\n");
  const exit = parseSubcommand(cli, argv);
  if (exit !== null) return exit;
  const metas = RULES.map((r) => r.meta);
  if (cli.opts<{ format: string }>().format === "json") {
    const rows = metas.map((m) => ({ code: m.code, name: m.name, defaultSeverity: m.defaultSeverity, description: m.description, optionsSchema: m.optionsSchema }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const nameWidth = Math.max(4, ...metas.map((m) => m.name.length));
  const lines = [`${"code".padEnd(6)} ${"name".padEnd(nameWidth)}  ${"default".padEnd(7)}  description`];
  for (const m of metas) lines.push(`${m.code.padEnd(6)} ${m.name.padEnd(nameWidth)}  ${m.defaultSeverity.padEnd(7)}  ${m.description}`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
};
