import { Command as Commander, CommanderError } from "commander";

/** A subcommand's parser: errors and help go to stderr, and parsing returns instead of exiting the process. */
export function subcommand(name: string, description: string): Commander {
  return new Commander()
    .name(`modelcheck ${name}`)
    .description(description)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

/** Parse `argv`; null when the command should run, else its exit code (0 after --help, 2 for a usage error commander reported). */
export function parseSubcommand(cli: Commander, argv: readonly string[]): number | null {
  try {
    cli.parse([...argv], { from: "user" });
    return null;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
}
