import type { ReportFormat } from "./reporter.js";

/** Streaming formats by name, loaded only when asked for. */
export const REPORTERS: Record<string, () => Promise<ReportFormat>> = {
  text: async () => (await import("./text.js")).textFormat,
  json: async () => (await import("./json.js")).jsonFormat,
  sarif: async () => (await import("./sarif.js")).sarifFormat,
  github: async () => (await import("./github.js")).githubFormat,
  markdown: async () => (await import("./markdown.js")).markdownFormat,
  junit: async () => (await import("./junit.js")).junitFormat,
};

export const FORMAT_NAMES = Object.keys(REPORTERS);
