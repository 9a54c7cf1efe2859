/** A subcommand: takes the arguments after its name, resolves to the exit code. */
export type Command = (argv: readonly string[]) => Promise<number>;
