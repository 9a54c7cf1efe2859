import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveToken, tokenPath } from "../../src/hub/resolve-token.js";

const A = "hf_tokenFromTheEnvironment000000000";
const B = "hf_tokenFromTheLoginFile1111111111";
const C = "hf_tokenFromAnExplicitFile22222222";

function home(): string {
  return mkdtempSync(join(tmpdir(), "mc-token-"));
}

describe("token files that are not files", () => {
  it("refuses /dev/zero with one line, before reading it (was std::bad_alloc)", () => {
    expect(() => resolveToken({ env: {}, tokenFile: "/dev/zero" })).toThrow("--token-file /dev/zero: not a regular file (a device or socket); give a file holding the token");
  });

  it("refuses a FIFO without blocking on it (was a hang)", () => {
    const fifo = join(home(), "token.fifo");
    execFileSync("mkfifo", [fifo]);
    expect(() => resolveToken({ env: {}, tokenFile: fifo })).toThrow(`--token-file ${fifo}: not a regular file (a FIFO); give a file holding the token`);
  });

  it("refuses a file over 64 KiB", () => {
    const path = join(home(), "token");
    writeFileSync(path, `${C}\n${"x".repeat(70_000)}`);
    expect(() => resolveToken({ env: {}, tokenFile: path })).toThrow(/over the 64 KiB a token file may have/);
  });
});

describe("resolveToken", () => {
  it("reads HF_TOKEN before the token file", () => {
    const hfHome = home();
    writeFileSync(join(hfHome, "token"), `${B}\n`);
    expect(resolveToken({ env: { HF_TOKEN: A, HF_HOME: hfHome } })).toEqual({ token: A, source: "HF_TOKEN" });
  });

  it("reads the file huggingface-cli login writes: $HF_TOKEN_PATH, else $HF_HOME/token, else ~/.cache/huggingface/token", () => {
    const hfHome = home();
    writeFileSync(join(hfHome, "token"), `${B}\n`);
    expect(resolveToken({ env: { HF_HOME: hfHome } })?.token).toBe(B);
    const custom = join(home(), "my-token");
    writeFileSync(custom, C);
    expect(resolveToken({ env: { HF_HOME: hfHome, HF_TOKEN_PATH: custom } })?.token).toBe(C);
    expect(tokenPath({ XDG_CACHE_HOME: "/x" })).toBe("/x/huggingface/token");
  });

  it("lets --token-file and --token - win over the environment", () => {
    const file = join(home(), "t");
    writeFileSync(file, `\n${C}\n`);
    expect(resolveToken({ env: { HF_TOKEN: A }, tokenFile: file })).toEqual({ token: C, source: `--token-file ${file}` });
    expect(resolveToken({ env: { HF_TOKEN: A }, tokenFromStdin: true, readStdin: () => `${B}\n` })).toEqual({ token: B, source: "standard input (--token -)" });
  });

  it("is null when there is no token anywhere", () => {
    expect(resolveToken({ env: { HF_HOME: home() } })).toBeNull();
  });

  it("says which source is wrong without showing the token", () => {
    const bad = "not-a-hub-token-secret";
    let message = "";
    try {
      resolveToken({ env: { HF_TOKEN: bad } });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe("the token from HF_TOKEN is not a Hugging Face access token (they start with hf_)");
    expect(() => resolveToken({ env: {}, tokenFile: join(home(), "absent") })).toThrow(/--token-file .*absent: no such file/);
    const dir = home();
    mkdirSync(join(dir, "empty"));
    writeFileSync(join(dir, "empty", "t"), "\n\n");
    expect(() => resolveToken({ env: {}, tokenFile: join(dir, "empty", "t") })).toThrow(/is empty/);
  });
});
