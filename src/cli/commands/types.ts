import { Option } from "commander";
import { modelTypeRows, modelTypesMarkdown } from "../../architectures/model-type-list.js";
import type { Command } from "./command.js";
import { parseSubcommand, subcommand } from "./subcommand.js";

/** `modelcheck types`: every model type counted exactly, with its kind, classes, heads and the modeling file it follows. */
export const typesCommand: Command = async (argv) => {
  const cli = subcommand("types", "List the model types counted exactly: kind, class prefixes, heads and the modeling file followed.")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json", "markdown"]).default("text"))
    .addHelpText("after", "\nAny other model type, or a head not listed, gets a labelled estimate.\n");
  const exit = parseSubcommand(cli, argv);
  if (exit !== null) return exit;
  const rows = modelTypeRows();
  const format = cli.opts<{ format: string }>().format;
  if (format === "json") {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (format === "markdown") {
    process.stdout.write(modelTypesMarkdown(rows));
    return 0;
  }
  const typeWidth = Math.max(10, ...rows.map((r) => r.modelType.length));
  const kindWidth = Math.max(4, ...rows.map((r) => r.kind.length));
  const lines = [`${"model_type".padEnd(typeWidth)}  ${"kind".padEnd(kindWidth)}  classes (heads) · follows`];
  for (const r of rows) lines.push(`${r.modelType.padEnd(typeWidth)}  ${r.kind.padEnd(kindWidth)}  ${r.classPrefixes.join("/")}… (${r.heads.join(", ")}) · ${r.modelingFile}`);
  lines.push("", `${rows.length} model types counted exactly; any other gets a labelled estimate.`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
};
