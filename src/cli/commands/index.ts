/**
 * Subcommands, dispatched on the first argument before the default `modelcheck [targets...]`
 * command parses anything. Each is loaded only when used. A command name always means the command,
 * as with git and npm: a folder called `rules` is analyzed as `./rules`.
 */
import type { Command } from "./command.js";

export type { Command };

export const COMMANDS: Record<string, () => Promise<Command>> = {
  estimate: async () => (await import("./estimate.js")).estimateCommand,
  compare: async () => (await import("./compare.js")).compareCommand,
  rules: async () => (await import("./rules.js")).rulesCommand,
  explain: async () => (await import("./explain.js")).explainCommand,
  types: async () => (await import("./types.js")).typesCommand,
};
