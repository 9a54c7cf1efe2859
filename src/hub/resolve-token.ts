import { readFileSync } from "node:fs";
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
    text = readFileSync(path, "utf8");
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

function readTokenFile(path: string, flag: string): string {
  try {
    return firstLine(readFileSync(path, "utf8"));
  } catch (error) {
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
