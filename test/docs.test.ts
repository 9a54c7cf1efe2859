import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The README stays a short front page; the reference lives in docs/ and must stay reachable and complete.
const ROOT = resolve(import.meta.dirname, "..");
const CLI = join(ROOT, "dist", "bin", "modelcheck.mjs");
const DOCS = ["README.md", ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
}

/** Headings outside code fences. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    const heading = !fenced && /^#{1,6} (.*)$/.exec(line);
    if (heading) anchors.add(slug(heading[1]!));
  }
  return anchors;
}

/** Markdown links `[text](target)` outside code fences and inline code. */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

function helpOptions(command: string[]): string[] {
  const help = spawnSync(process.execPath, [CLI, ...command, "--help"], { encoding: "utf8" }).stdout;
  return [...help.matchAll(/^ {2}(?:-\w, )?(--[a-z][a-z-]*)/gm)].map((m) => m[1]!).filter((o) => o !== "--help" && o !== "--version");
}

describe("documentation", () => {
  it("README.md stays a front page of at most 15 KB", () => {
    expect(statSync(join(ROOT, "README.md")).size).toBeLessThanOrEqual(15 * 1024);
  });

  it("README's Quick start has exactly two set-up commands", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const quickStart = readme.slice(readme.indexOf("## Quick start"), readme.indexOf("\n## ", readme.indexOf("## Quick start") + 1));
    const block = /```sh\n([\s\S]*?)```/.exec(quickStart)?.[1] ?? "";
    expect(block.trim().split("\n").map((l) => l.replace(/#.*/, "").trim())).toEqual(["npm ci && npm run demo", "npm test"]);
  });

  it.each(DOCS)("every relative link in %s resolves, anchors included", (doc) => {
    const text = readFileSync(join(ROOT, doc), "utf8");
    const broken: string[] = [];
    for (const link of linksOf(text)) {
      if (/^[a-z]+:/i.test(link)) continue; // https:, mailto:
      const [path, anchor] = link.split("#") as [string, string | undefined];
      const target = path === "" ? join(ROOT, doc) : resolve(join(ROOT, dirname(doc)), decodeURIComponent(path));
      if (!existsSync(target)) broken.push(`${link} (no such file)`);
      else if (anchor && target.endsWith(".md") && !anchorsOf(readFileSync(target, "utf8")).has(anchor)) broken.push(`${link} (no such heading)`);
    }
    expect(broken).toEqual([]);
  });

  it.each([
    { command: [], doc: "docs/usage.md" },
    { command: ["estimate"], doc: "docs/commands.md" },
    { command: ["compare"], doc: "docs/commands.md" },
    { command: ["rules"], doc: "docs/usage.md" },
    { command: ["types"], doc: "docs/usage.md" },
  ])("every option `modelcheck $command --help` lists is documented in $doc", ({ command, doc }) => {
    const text = readFileSync(join(ROOT, doc), "utf8");
    const options = helpOptions(command);
    expect(options.length).toBeGreaterThan(0);
    expect(options.filter((option) => !new RegExp("(`|`-\\w, )" + option + "(?![a-z-])").test(text))).toEqual([]);
  });
});
