import { closeSync, constants, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { UsageError } from "../errors.js";

/** Where a token came from, for messages: never the token itself. */
export interface ResolvedToken {
  token: string;
  source: string;
}

export interface TokenSources {
  env: NodeJS.ProcessEnv;
  /** `--token-file FILE` */
  tokenFile?: string | undefined;
  /** `--token -`: read from standard input (a token on the command line is visible to other users). */
  tokenFromStdin?: boolean;
  readStdin?: () => string;
}

/**
 * The Hugging Face token, looked up the way huggingface_hub does, with explicit flags first:
 * `--token -` (standard input), `--token-file`, then `HF_TOKEN`, then the file `huggingface-cli
 * login` writes (`$HF_TOKEN_PATH`, default `$HF_HOME/token`, default `~/.cache/huggingface/token`).
 * Null when there is none: public repos need no token.
 */
export function resolveToken(sources: TokenSources): ResolvedToken | null {
  if (sources.tokenFromStdin) return checked(readStdinText(sources), "standard input (--token -)");
  if (sources.tokenFile) return checked(readTokenFile(sources.tokenFile, "--token-file"), `--token-file ${sources.tokenFile}`);
  const fromEnv = sources.env.HF_TOKEN?.trim();
  if (fromEnv) return checked(fromEnv, "HF_TOKEN");
  const path = tokenPath(sources.env);
  let text: string;
  try {
    text = readSmallRegularFile(path);
  } catch {
    return null;
  }
  const token = firstLine(text);
  return token ? checked(token, path) : null;
}

/** `$HF_TOKEN_PATH`, else `$HF_HOME/token`, else `~/.cache/huggingface/token`. */
export function tokenPath(env: NodeJS.ProcessEnv): string {
  if (env.HF_TOKEN_PATH) return env.HF_TOKEN_PATH;
  return join(hfHome(env), "token");
}

/** `$HF_HOME`, default `$XDG_CACHE_HOME/huggingface`, default `~/.cache/huggingface` (huggingface_hub's constants.py). */
export function hfHome(env: NodeJS.ProcessEnv): string {
  if (env.HF_HOME) return env.HF_HOME;
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "huggingface");
}

/** A token is ~40 characters; a token file is a line. More than this is not a token file. */
export const MAX_TOKEN_FILE_BYTES = 64 * 1024;

class TokenFileProblem extends Error {}

/**
 * Read a token file: opened non-blocking (a FIFO cannot hang the run), refused unless it is a
 * regular file (/dev/zero, a pipe, a folder), and at most MAX_TOKEN_FILE_BYTES read.
 */
function readSmallRegularFile(path: string): string {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new TokenFileProblem(`not a regular file (${stat.isFIFO() ? "a FIFO" : stat.isDirectory() ? "a folder" : "a device or socket"}); give a file holding the token`);
    if (stat.size > MAX_TOKEN_FILE_BYTES) throw new TokenFileProblem(`${stat.size} bytes, over the ${MAX_TOKEN_FILE_BYTES / 1024} KiB a token file may have`);
    const buffer = Buffer.alloc(Math.min(stat.size, MAX_TOKEN_FILE_BYTES));
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, null);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

function readTokenFile(path: string, flag: string): string {
  try {
    return firstLine(readSmallRegularFile(path));
  } catch (error) {
    if (error instanceof TokenFileProblem) throw new UsageError(`${flag} ${path}: ${error.message}`);
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${flag} ${path}: ${code === "ENOENT" ? "no such file" : "cannot be read"}`);
  }
}

function readStdinText(sources: TokenSources): string {
  const read = sources.readStdin ?? (() => readFileSync(0, "utf8"));
  try {
    return firstLine(read());
  } catch {
    throw new UsageError("--token -: standard input cannot be read");
  }
}

function firstLine(text: string): string {
  return (text.split(/\r?\n/).find((line) => line.trim() !== "") ?? "").trim();
}

/**
 * A token must be one printable word; @huggingface/hub also insists on the `hf_` prefix of every
 * Hub access token. Checked here so the user learns which source is wrong, without seeing it.
 */
function checked(token: string, source: string): ResolvedToken {
  if (token === "") throw new UsageError(`the token from ${source} is empty`);
  if (!/^[\x21-\x7e]+$/.test(token)) throw new UsageError(`the token from ${source} contains spaces or non-printable characters`);
  if (!token.startsWith("hf_")) throw new UsageError(`the token from ${source} is not a Hugging Face access token (they start with hf_)`);
  return { token, source };
}
