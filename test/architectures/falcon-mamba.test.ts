import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig } from "../helpers/count.js";

/** Falcon Mamba (modeling_falcon_mamba.py): Mamba-1's layout; the B/C/dt RMS norms are buffers. */

describe("falcon_mamba", () => {
  const config = readFixtureConfig("tiiuae--falcon-mamba-7b");

  it("tiiuae/falcon-mamba-7b counts 7,272,665,088 (Hub model size 7.27B)", () => {
    // Per layer: in_proj 2·8192·4096 + conv1d 8192·4 + 8192 + x_proj (256 + 2·16)·8192
    // + dt_proj 8192·256 + 8192 + A_log 8192·16 + D 8192 + out_proj 4096·8192 + norm 4096.
    const layer = 2 * 8192 * 4096 + 8192 * 4 + 8192 + 288 * 8192 + 8192 * 256 + 8192 + 8192 * 16 + 8192 + 4096 * 8192 + 4096;
    expect(layer).toBe(105_312_256);
    const total = 64 * layer + 2 * 65_024 * 4096 + 4096; // untied head (tie_word_embeddings false)
    expect(total).toBe(7_272_665_088);
    const { parameters, inventory } = analyzeConfig(config);
    expect(parameters!.total).toBe(total);
    expect(parameters!.estimated).toBe(false);
    expect(inventory!.attentionType).toBe("NONE");
  });

  it("uses the saved intermediate_size 8192, not expand (16) × hidden", () => {
    const { model, inventory } = analyzeConfig(config);
    expect(model.intermediateSize.value).toBe(8192);
    const names = new Map([...expandTensors(inventory!)].map((t) => [t.name, t.shape]));
    expect(names.get("backbone.layers.0.mixer.in_proj.weight")).toEqual([16384, 4096]);
    expect(names.get("backbone.layers.63.mixer.x_proj.weight")).toEqual([288, 8192]);
    expect(names.get("lm_head.weight")).toEqual([65024, 4096]);
  });

  it("has no b_c_rms / dt_rms tensors: they are non-persistent buffers", () => {
    const { inventory } = analyzeConfig(config);
    const names = [...expandTensors(inventory!)].map((t) => t.name);
    expect(names.some((n) => n.includes("rms"))).toBe(false);
  });

  it("defaults: tied head, expand 2, dt rank ceil(hidden/16) (configuration_falcon_mamba.py)", () => {
    const { model, parameters } = analyzeConfig({ model_type: "falcon_mamba", architectures: ["FalconMambaForCausalLM"], hidden_size: 64, num_hidden_layers: 2, vocab_size: 100 });
    expect(model.tieWordEmbeddings.value).toBe(true);
    expect(model.intermediateSize.value).toBe(128);
    // dt rank 4; per layer 2·128·64 + 128·4 + 128 + (4 + 32)·128 + 128·4 + 128 + 128·16 + 128 + 64·128 + 64
    const layer = 16384 + 640 + 4608 + 640 + 2048 + 128 + 8192 + 64;
    expect(parameters!.total).toBe(2 * layer + 100 * 64 + 64);
    expect(parameters!.tied).toEqual([{ name: "lm_head.weight", tiedTo: "backbone.embeddings.weight" }]);
  });
});
