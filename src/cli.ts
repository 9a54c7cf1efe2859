#!/usr/bin/env node
import { VERSION } from "./version.js";

/**
 * The command line: parses arguments, calls analyze(), writes reports, sets the exit code.
 * `--version` answers before anything else is loaded, so it starts as fast as Node itself.
 */
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
  process.stdout.write(`${VERSION}\n`);
} else {
  const { main } = await import("./cli-main.js");
  process.exitCode = await main(argv);
}
