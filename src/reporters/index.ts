import type { Reporter } from "./reporter.js";

/** Reporters by format name, loaded only when asked for. */
export const REPORTERS: Record<string, () => Promise<Reporter>> = {
  text: async () => (await import("./text.js")).textReporter,
  json: async () => (await import("./json.js")).jsonReporter,
  sarif: async () => (await import("./sarif.js")).sarifReporter,
  github: async () => (await import("./github.js")).githubReporter,
  markdown: async () => (await import("./markdown.js")).markdownReporter,
  junit: async () => (await import("./junit.js")).junitReporter,
};

export const FORMAT_NAMES = Object.keys(REPORTERS);
