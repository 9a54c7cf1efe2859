import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveTargets } from "../../src/targets/resolve-targets.js";
import { hubUrlToRef } from "../../src/targets/parse-hub-url.js";

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), "modelcheck-targets-"));
  mkdirSync(join(dir, "models"));
  return dir;
}

describe("targets as a new user types them (issue 15 item 4)", () => {
  it("a missing path under an existing local folder is a missing local path, never a Hub request", async () => {
    const [target] = await resolveTargets(["models/llama3-8B"], workdir());
    expect(target!.kind).toBe("file");
    expect(target!.hub).toBeUndefined();
    expect(target!.error?.code).toBe("not-found");
    expect(target!.error?.message).toBe("models/llama3-8B: no such file or directory (for the Hub repo, write hf://models/llama3-8B)");
  });

  it("org/name is still a Hub repo when no local folder of that name exists", async () => {
    const [target] = await resolveTargets(["mistralai/Mistral-7B-v0.1"], workdir());
    expect(target!.hub).toEqual({ repo: "mistralai/Mistral-7B-v0.1", revision: null, tag: null });
  });

  it.each([
    ["hf://mistralai/Mistral-7B-v0.1", { repo: "mistralai/Mistral-7B-v0.1", revision: null, tag: null }],
    ["https://huggingface.co/mistralai/Mistral-7B-v0.1", { repo: "mistralai/Mistral-7B-v0.1", revision: null, tag: null }],
    ["https://huggingface.co/mistralai/Mistral-7B-v0.1/", { repo: "mistralai/Mistral-7B-v0.1", revision: null, tag: null }],
    ["https://huggingface.co/mistralai/Mistral-7B-v0.1/tree/main", { repo: "mistralai/Mistral-7B-v0.1", revision: "main", tag: null }],
    ["https://huggingface.co/org/name/tree/refs%2Fpr%2F3", { repo: "org/name", revision: "refs/pr/3", tag: null }],
    ["https://huggingface.co/org/name/blob/v1.0/config.json", { repo: "org/name", revision: "v1.0", tag: null }],
    ["https://huggingface.co/org/name-GGUF/blob/main/q4/name.Q4_K_M.gguf", { repo: "org/name-GGUF", revision: "main", tag: "q4/name.Q4_K_M.gguf" }],
    ["hf://org/name@dev", { repo: "org/name", revision: "dev", tag: null }],
  ])("%s is a Hub target", async (input, hub) => {
    const [target] = await resolveTargets([input], workdir());
    expect(target!.error).toBeNull();
    expect(target!.kind).toBe("hub");
    expect(target!.input).toBe(input);
    expect(target!.hub).toEqual(hub);
  });

  it.each([
    ["https://huggingface.co/datasets/org/data", "a dataset, not a model repo"],
    ["hf://org", "expected a model repo URL"],
    ["https://huggingface.co/org/name/commits/main", "expected …/org/name, …/tree/<revision>"],
    ["hf://org/na..me", "not a valid Hub repo id"],
  ])("%s is refused with one line", async (input, message) => {
    const [target] = await resolveTargets([input], workdir());
    expect(target!.error?.code).toBe("invalid-repo-id");
    expect(target!.error?.message).toContain(message);
    expect(target!.error?.message).not.toContain("\n");
  });

  it("is not fooled by other hosts", () => {
    expect(hubUrlToRef("https://example.com/org/name")).toBeNull();
  });

  it("- stands for standard input", async () => {
    const [target] = await resolveTargets(["-"], workdir());
    expect(target).toMatchObject({ input: "-", stdin: true, error: null });
  });

  it.each(["pytorch_model.bin", "model.pt", "model.ckpt", "model.onnx", "tf_model.h5"])("%s: weights files are not read", async (name) => {
    const dir = workdir();
    writeFileSync(join(dir, name), Buffer.from([0x80, 0x02, 0x8a, 0x0a, 0xff]));
    const [target] = await resolveTargets([name], dir);
    expect(target!.error).toEqual({ code: "weights-file", message: `${name}: weights files are not read; pass the folder or the config` });
  });
});
