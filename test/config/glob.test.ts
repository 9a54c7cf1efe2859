import { describe, expect, it } from "vitest";
import { compileGlob } from "../../src/config/glob.js";

/** [pattern, path, matches] — the .gitignore-like conventions documented in README ("Config file"). */
const CASES: [string, string, boolean][] = [
  ["models/legacy/**", "models/legacy/a/config.json", true],
  ["models/legacy/**", "models/legacy", true],
  ["models/legacy/**", "models/legacy-2/config.json", false],
  ["models/legacy", "models/legacy/a/config.json", true], // a folder covers what is inside it
  ["models/legacy/", "models/legacy/a/config.json", true],
  ["models/legacy/", "models/legacy", false], // trailing slash: folders above the path only
  ["legacy", "models/legacy/config.json", true], // no slash: a name at any depth
  ["*-old", "models/llama-old/config.json", true],
  ["*-old", "models/llama-older/config.json", false],
  ["/legacy", "models/legacy/config.json", false], // a leading slash anchors to the config's folder
  ["/legacy", "legacy/config.json", true],
  ["models/*/config.json", "models/a/config.json", true],
  ["models/*/config.json", "models/a/b/config.json", false],
  ["models/**/config.json", "models/a/b/config.json", true],
  ["models/**/config.json", "models/config.json", true],
  ["**/config.json", "config.json", true],
  ["models/?-7B/**", "models/a-7B/config.json", true],
  ["models/?-7B/**", "models/ab-7B/config.json", false],
  ["models/[ab]-*", "models/b-1/config.json", true],
  ["models/[!ab]-*", "models/b-1/config.json", false],
  ["models/[!ab]-*", "models/c-1/config.json", true],
  ["models/{team-a,team-b}/**", "models/team-b/x/config.json", true],
  ["models/{team-a,team-b}/**", "models/team-c/x/config.json", false],
  ["models/a.b", "models/aXb/config.json", false], // regex characters are literal
  ["./models/a", "models/a/config.json", true],
  ["**", "anything/at/all.json", true],
  ["models/**", "../models/a/config.json", false], // outside the config's folder
];

describe("config globs", () => {
  it.each(CASES)("%s against %s → %s", (pattern, path, expected) => {
    expect(compileGlob(pattern).matches(path)).toBe(expected);
  });
});
