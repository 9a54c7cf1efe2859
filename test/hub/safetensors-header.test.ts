import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixtureDir, loadRecording } from "../helpers/hub-recording.js";
import { buildSafetensorsHeader } from "../helpers/safetensors-header.mjs";

describe("fixture safetensors headers", () => {
  it("reproduce the real Mistral-7B-v0.1 shards byte for byte in size (9,942,981,696 and 4,540,516,344 bytes on the Hub)", () => {
    const files = JSON.parse(readFileSync(join(fixtureDir("mistralai/Mistral-7B-v0.1"), "tensors.json"), "utf8"));
    expect(buildSafetensorsHeader(files["model-00001-of-00002.safetensors"]).fileSize).toBe(9_942_981_696);
    expect(buildSafetensorsHeader(files["model-00002-of-00002.safetensors"]).fileSize).toBe(4_540_516_344);
  });

  it("are what the recordings serve: length prefix, then JSON padded with spaces to 8 bytes", () => {
    const files = JSON.parse(readFileSync(join(fixtureDir("Qwen/Qwen3-0.6B"), "tensors.json"), "utf8"));
    const { bytes } = buildSafetensorsHeader(files["model.safetensors"]);
    const length = Number(bytes.readBigUInt64LE(0));
    expect(length % 8).toBe(0);
    const header = JSON.parse(bytes.subarray(8, 8 + length).toString("utf8"));
    expect(header.__metadata__).toEqual({ format: "pt" });
    expect(header["lm_head.weight"]).toEqual({ dtype: "BF16", shape: [151936, 1024], data_offsets: [0, 311164928] });
    const read = loadRecording("Qwen/Qwen3-0.6B").find((e) => e.reqheaders.range?.startsWith("bytes=8-"));
    expect(read?.reqheaders.range).toBe(`bytes=8-${7 + length}`);
  });
});

describe("recordings follow the Hub's wire format", () => {
  const recording = loadRecording("Qwen/Qwen3-0.6B");
  const sha = JSON.parse(readFileSync(join(fixtureDir("Qwen/Qwen3-0.6B"), "model-info.json"), "utf8")).sha as string;

  it("asks model info with one expand per field", () => {
    expect(recording[0]!.path).toBe("/api/models/Qwen/Qwen3-0.6B/revision/main?expand=pipeline_tag&expand=private&expand=gated&expand=downloads&expand=likes&expand=lastModified&expand=safetensors&expand=cardData&expand=config&expand=sha&expand=siblings&expand=tags&expand=library_name&expand=gguf");
  });

  it("probes a small file with Range: bytes=0-0 at the pinned sha, follows the relative 307 to /api/resolve-cache/, then downloads", () => {
    const config = recording.filter((e) => e.path.split("?")[0]!.endsWith("/config.json"));
    expect(config.map((e) => [e.path.split("?")[0], e.reqheaders.range, e.status])).toEqual([
      [`/Qwen/Qwen3-0.6B/resolve/${sha}/config.json`, "bytes=0-0", 307],
      [`/api/resolve-cache/models/Qwen/Qwen3-0.6B/${sha}/config.json`, "bytes=0-0", 206],
      [`/api/resolve-cache/models/Qwen/Qwen3-0.6B/${sha}/config.json`, "bytes=0-727", 206],
    ]);
    expect(config[0]!.headers.location).toMatch(new RegExp(`^/api/resolve-cache/models/Qwen/Qwen3-0.6B/${sha}/config.json\\?`));
    expect(config[1]!.headers).toMatchObject({ "content-range": "bytes 0-0/728" });
    expect(config[1]!.headers.etag).toMatch(/^"[0-9a-f]{40}"$/);
  });

  it("reads a safetensors file as the library does: a HEAD and three range reads, the last two straight from the CDN", () => {
    const library = loadRecording("Qwen/Qwen3-0.6B", "recording-library-sequence.json");
    const st = library.filter((e) => e.path.includes("model.safetensors") || !e.scope.includes("huggingface.co"));
    expect(st.map((e) => [e.method, e.scope, e.reqheaders.range ?? null, e.status])).toEqual([
      ["HEAD", "https://huggingface.co", null, 200],
      ["GET", "https://huggingface.co", "bytes=0-0", 302],
      ["GET", "https://cdn-lfs-us-1.hf.co", "bytes=0-0", 206],
      ["GET", "https://cdn-lfs-us-1.hf.co", "bytes=0-7", 206],
      ["GET", "https://cdn-lfs-us-1.hf.co", expect.stringMatching(/^bytes=8-\d+$/), 206],
    ]);
    expect(st[1]!.headers).toMatchObject({ "x-linked-size": "1503300328", "x-repo-commit": sha });
    expect(st[2]!.headers["x-cache"]).toBe("Hit from cloudfront");
  });

  it("with the prefetch, the 1-byte probe is cut from the 8-byte read: one range read fewer per file", () => {
    const st = recording.filter((e) => e.path.includes("model.safetensors") || !e.scope.includes("huggingface.co"));
    expect(st.map((e) => [e.method, e.scope, e.reqheaders.range ?? null, e.status])).toEqual([
      ["HEAD", "https://huggingface.co", null, 200],
      ["GET", "https://huggingface.co", "bytes=0-7", 302],
      ["GET", "https://cdn-lfs-us-1.hf.co", "bytes=0-7", 206],
      ["GET", "https://cdn-lfs-us-1.hf.co", expect.stringMatching(/^bytes=8-\d+$/), 206],
    ]);
  });
});
