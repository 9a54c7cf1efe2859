import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveHubSettings } from "../../src/hub/hub-settings.js";

// huggingface_hub constants.py: HF_HUB_CACHE = os.getenv("HF_HUB_CACHE", os.getenv("HUGGINGFACE_HUB_CACHE", join(HF_HOME, "hub"))).
describe("huggingface_hub's cache folder (issue 15 item 12)", () => {
  const cacheOf = (env: NodeJS.ProcessEnv) => resolveHubSettings({}, env).hfHubCache;

  it("HF_HUB_CACHE first", () => {
    expect(cacheOf({ HF_HUB_CACHE: "/a", HUGGINGFACE_HUB_CACHE: "/b", HF_HOME: "/c" })).toBe("/a");
  });

  it("then the older HUGGINGFACE_HUB_CACHE", () => {
    expect(cacheOf({ HUGGINGFACE_HUB_CACHE: "/b", HF_HOME: "/c" })).toBe("/b");
  });

  it("then HF_HOME/hub", () => {
    expect(cacheOf({ HF_HOME: "/c" })).toBe(join("/c", "hub"));
  });

  it("then XDG_CACHE_HOME/huggingface/hub", () => {
    expect(cacheOf({ XDG_CACHE_HOME: "/x" })).toBe(join("/x", "huggingface", "hub"));
  });
});
