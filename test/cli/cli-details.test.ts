import { describe, expect, it } from "vitest";
import { useColor } from "../../src/cli/use-color.js";
import { runCli } from "../helpers/run-cli.js";

const MISTRAL = "examples/Mistral-7B-v0.1";
const ANSI = /\u001b\[/;

describe("CLI details (issue 15 item 10)", () => {
  it("--help shows no default: -1", () => {
    const r = runCli(["--help"]);
    expect(r.stdout).not.toContain("-1");
    expect(r.stdout).toContain("--max-warnings");
  });

  it("prints the cache at N tokens once when --context is the model's own context", () => {
    // Mistral-7B-v0.1's max_position_embeddings is 32,768.
    const { stdout } = runCli([MISTRAL, "--context", "32768"]);
    expect(stdout.match(/cache at 32,768 tokens/g)).toHaveLength(1);
    const other = runCli([MISTRAL, "--context", "8k"]).stdout;
    expect(other).toContain("cache at 32,768 tokens");
    expect(other).toContain("cache at 8,192 tokens");
  });

  it("FORCE_COLOR and --color colour a piped report; NO_COLOR and --no-color do not", () => {
    // runCli sets NO_COLOR=1 by default; "" unsets its effect (NO_COLOR counts only when non-empty).
    expect(runCli([MISTRAL], { env: { NO_COLOR: "", FORCE_COLOR: "1" } }).stdout).toMatch(ANSI);
    expect(runCli([MISTRAL, "--color"], { env: { NO_COLOR: "" } }).stdout).toMatch(ANSI);
    expect(runCli([MISTRAL, "--color"]).stdout).toMatch(ANSI);
    expect(runCli([MISTRAL], { env: { NO_COLOR: "", FORCE_COLOR: "0" } }).stdout).not.toMatch(ANSI);
    expect(runCli([MISTRAL], { env: { FORCE_COLOR: "1" } }).stdout).not.toMatch(ANSI);
    expect(runCli([MISTRAL], { env: { NO_COLOR: "" } }).stdout).not.toMatch(ANSI);
  });

  it.each([
    [undefined, {}, true, true],
    [undefined, {}, false, false],
    [undefined, { NO_COLOR: "1" }, true, false],
    [undefined, { FORCE_COLOR: "" }, false, true],
    [undefined, { FORCE_COLOR: "false" }, true, false],
    [false, { FORCE_COLOR: "1" }, true, false],
    [true, { NO_COLOR: "1" }, false, true],
  ])("useColor(%s, %j, tty %s) is %s", (flag, env, tty, expected) => {
    expect(useColor(flag, env, tty)).toBe(expected);
  });
});
