import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { command, githubReporter } from "../../src/reporters/github.js";
import { context, failedResult, finding, okResult, reportOf } from "./fixture-report.js";

/**
 * How the Actions runner reads a workflow command (actions/runner, ActionCommand.TryParseV2): the
 * name and properties end at the first "::" after the leading one; properties split on "," and
 * "="; values and data are unescaped (%0D, %0A, then %3A and %2C for properties, %25 last).
 */
function runnerParse(line: string): { name: string; props: Record<string, string>; data: string } {
  expect(line.startsWith("::")).toBe(true);
  const end = line.indexOf("::", 2);
  const info = line.slice(2, end);
  const space = info.indexOf(" ");
  const name = space === -1 ? info : info.slice(0, space);
  const props: Record<string, string> = {};
  if (space !== -1) {
    for (const pair of info.slice(space + 1).split(",").filter(Boolean)) {
      const eq = pair.indexOf("=");
      props[pair.slice(0, eq)] = pair.slice(eq + 1).replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
    }
  }
  const data = line.slice(end + 2).replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
  return { name, props, data };
}

describe("github reporter", () => {
  it("writes one annotation per finding with file, line, col and title, levels error/warning/notice", () => {
    const report = reportOf([
      okResult("models/a", [
        finding({ severity: "error", ruleId: "MC102", ruleName: "kv-heads-divide-heads", message: "heads 32 are not a multiple of KV heads 5" }),
        finding({ severity: "warning" }),
        finding({ severity: "info", line: null, column: null, pointer: null }),
      ]),
    ]);
    const lines = githubReporter(report, context).trimEnd().split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "::error file=models/a/config.json,line=3,col=5,title=MC102 kv-heads-divide-heads::models/a: heads 32 are not a multiple of KV heads 5",
      "::warning file=models/a/config.json,line=3,col=5,title=MC201 advertised-size-mismatch::models/a: plain message",
      "::notice file=models/a/config.json,title=MC201 advertised-size-mismatch::models/a: plain message",
    ]);
    expect(lines[3]).toBe("modelcheck: 1 target · 0 failed · 1 error · 1 warning · 1 info");
  });

  it("escapes %, CR and LF in messages and additionally : and , in properties, as GitHub's toolkit does", () => {
    const report = reportOf([okResult("x", [finding({ file: "a,b:c/config.json", message: "50% off\r\nnext: line, done" })])]);
    const line = githubReporter(report, context).split("\n")[0]!;
    expect(line).toBe("::warning file=a%2Cb%3Ac/config.json,line=3,col=5,title=MC201 advertised-size-mismatch::x: 50%25 off%0D%0Anext: line, done");
  });

  it("turns failed targets into file-less errors, leaves Hub URLs unplaced and gives outside paths as they are (issue 15 item 10)", () => {
    const report = reportOf([
      failedResult("missing.json", "missing.json: no such file or directory"),
      okResult("org/model", [finding({ file: "https://huggingface.co/org/model/blob/abc/config.json" }), finding({ file: "/elsewhere/config.json" }), finding({ file: "/repo/models/b/config.json" })]),
    ]);
    const lines = githubReporter(report, context).split("\n");
    expect(runnerParse(lines[0]!)).toEqual({ name: "error", props: { title: "modelcheck: target failed" }, data: "missing.json: no such file or directory" });
    expect(runnerParse(lines[1]!).props.file).toBeUndefined();
    expect(runnerParse(lines[2]!).props.file).toBe("/elsewhere/config.json");
    // Every message names the model, as annotations are also read in the step's list.
    expect(runnerParse(lines[2]!).data.startsWith("org/model: ")).toBe(true);
    expect(runnerParse(lines[3]!).props.file).toBe("models/b/config.json");
  });

  it("round-trips any message, path and title through the runner's parser", () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.string(), (message, file, title) => {
        const parsed = runnerParse(command("warning", { file, title }, message));
        expect(parsed).toEqual({ name: "warning", props: { file, title }, data: message });
      }),
      { numRuns: 500 },
    );
  });
});
