#!/usr/bin/env node
import { existsSync } from "node:fs";
import { VERSION } from "../version.js";

/**
 * The command line: parses arguments, calls analyze(), writes reports, sets the exit code.
 * `--version` answers before anything else is loaded, so it starts as fast as Node itself.
 */
const argv = process.argv.slice(2);
// A reader that stops early (`modelcheck models/ | head`) closes the pipe. Nothing more can be
// shown, but no stack trace either: later writes are dropped, and the run still finishes, so its
// exit code says what it found.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    stream.write = (() => true) as typeof stream.write;
  });
}
if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
  process.stdout.write(`${VERSION}\n`);
} else {
  // A Hub repo id among the arguments: start loading the Hub client while the CLI itself loads.
  // `models/llama` is a repo id only when no such path exists (an existing path wins).
  const looksLikeRepo = (a: string) => /^[\w.-]+\/[\w.-]+(@[^:\s]+)?(:\S+)?$/.test(a) && !/\.(json|md|safetensors|gguf)$/.test(a.split(/[@:]/)[0]!) && !existsSync(a);
  if (argv.some(looksLikeRepo)) import("@huggingface/hub").catch(() => undefined);
  const { main } = await import("./main.js");
  process.exitCode = await main(argv);
}
