import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

const shapes = (config: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(config).inventory!)].map((t) => [t.name, t.shape]));

const QWEN2_VL_2B = "Qwen--Qwen2-VL-2B-Instruct";
const QWEN25_VL_3B = "Qwen--Qwen2.5-VL-3B-Instruct";

describe("qwen2_vl (modeling_qwen2_vl.py)", () => {
  it("Qwen2-VL-2B-Instruct: 2,208,985,600, the Hub safetensors total", () => {
    // Hub safetensors total (GIMMICK's model table, floschne/gimmick). By hand:
    // vision: patch_embed 1,280 × 3 × 2 × 14 × 14 = 1,505,280 (Conv3d without bias); per block
    // LayerNorms 2 × 2,560, qkv 3,840 × 1,280 + 3,840, proj 1,280² + 1,280, fc1 5,120 × 1,280 + 5,120,
    // fc2 1,280 × 5,120 + 1,280 = 19,677,440, × 32 = 629,678,080 → 631,183,360.
    // merger: ln_q 2,560 + mlp.0 5,120² + 5,120 + mlp.2 1,536 × 5,120 + 1,536 = 34,087,936.
    // language model: Qwen2-1.5B's shape, 233,373,696 embed + 28 × 46,797,824 + 1,536 = 1,543,714,304; lm_head tied.
    const { parameters, facts } = analyzeConfig(readFixtureConfig(QWEN2_VL_2B));
    expect(parameters?.total).toBe(2_208_985_600);
    expect(parameters?.estimated).toBe(false);
    expect(parameters?.components).toEqual({ visionTower: 631_183_360, projector: 34_087_936, languageModel: 1_543_714_304 });
    expect(1_505_280 + 32 * 19_677_440).toBe(631_183_360);
    expect(2_560 + 5_120 * 5_120 + 5_120 + 1_536 * 5_120 + 1_536).toBe(34_087_936);
    expect(facts.dims.dModel).toBe(1536);
    expect(facts.dims.nLayers).toBe(28);
  });

  it("names as a current transformers writes them: model.visual, model.language_model, tied lm_head", () => {
    const s = shapes(readFixtureConfig(QWEN2_VL_2B));
    expect(s.get("model.visual.patch_embed.proj.weight")).toEqual([1280, 3, 2, 14, 14]);
    expect(s.has("model.visual.patch_embed.proj.bias")).toBe(false);
    expect(s.get("model.visual.blocks.31.attn.qkv.bias")).toEqual([3840]);
    expect(s.get("model.visual.blocks.0.norm1.bias")).toEqual([1280]);
    expect(s.get("model.visual.blocks.0.mlp.fc1.weight")).toEqual([5120, 1280]);
    expect(s.get("model.visual.merger.ln_q.bias")).toEqual([1280]);
    expect(s.get("model.visual.merger.mlp.0.weight")).toEqual([5120, 5120]);
    expect(s.get("model.visual.merger.mlp.2.weight")).toEqual([1536, 5120]);
    expect(s.get("model.language_model.embed_tokens.weight")).toEqual([151936, 1536]);
    expect(s.get("model.language_model.layers.27.self_attn.k_proj.bias")).toEqual([256]);
    expect(s.has("model.language_model.layers.0.self_attn.o_proj.bias")).toBe(false);
    expect(s.has("lm_head.weight")).toBe(false);
    expect(analyzeConfig(readFixtureConfig(QWEN2_VL_2B)).inventory?.tied).toEqual([{ name: "lm_head.weight", tiedTo: "model.language_model.embed_tokens.weight" }]);
  });

  it("Qwen2VLModel: no model. prefix; an untied head adds vocab × hidden", () => {
    const config = readFixtureConfig(QWEN2_VL_2B);
    const s = shapes({ ...config, architectures: ["Qwen2VLModel"] });
    expect(s.has("visual.merger.mlp.2.bias")).toBe(true);
    expect(s.has("language_model.norm.weight")).toBe(true);
    expect(totalOf({ ...config, tie_word_embeddings: false }) - totalOf(config)).toBe(151936 * 1536);
  });

  it("keys under text_config (a newer save) count the same as keys at the root", () => {
    const config = readFixtureConfig(QWEN2_VL_2B);
    const text = Object.fromEntries(["hidden_size", "intermediate_size", "num_attention_heads", "num_hidden_layers", "num_key_value_heads", "vocab_size", "tie_word_embeddings"].map((k) => [k, config[k]]));
    const nested: Record<string, unknown> = { architectures: config.architectures, model_type: "qwen2_vl", vision_config: config.vision_config, text_config: { ...text, model_type: "qwen2_vl_text" }, tie_word_embeddings: true };
    expect(totalOf(nested)).toBe(2_208_985_600);
  });

  it("defaults from configuration_qwen2_vl.py: no vision_config is depth 32, embed 1280, merger to 3584", () => {
    const config = readFixtureConfig(QWEN2_VL_2B);
    const { vision_config: _, ...bare } = config;
    // Only the merger's output width differs from the 2B's tower: (3,584 − 1,536) × (5,120 + 1).
    expect(totalOf(bare) - totalOf(config)).toBe((3584 - 1536) * 5121);
    const { model } = analyzeConfig({ architectures: ["Qwen2VLForConditionalGeneration"], model_type: "qwen2_vl" });
    expect([model.hiddenSize.value, model.intermediateSize.value, model.numLayers.value, model.numHeads.value, model.numKvHeads.value, model.vocabSize.value]).toEqual([8192, 29568, 80, 64, 8, 152064]);
    expect(model.tieWordEmbeddings.value).toBe(false);
  });
});

describe("qwen2_5_vl (modeling_qwen2_5_vl.py)", () => {
  it("Qwen2.5-VL-3B-Instruct: 3,754,622,976", () => {
    // By hand: patch_embed 1,505,280; per block two RMSNorms 2,560, qkv 4,919,040, proj 1,639,680,
    // gate and up 3,420 × 1,280 + 3,420 each, down 1,280 × 3,420 + 1,280 → 19,702,200, × 32;
    // merger ln_q 1,280 (RMSNorm) + 26,219,520 + 2,048 × 5,120 + 2,048 = 36,708,608;
    // language model Qwen2.5-3B's 3,085,938,688 (tied).
    const { parameters } = analyzeConfig(readFixtureConfig(QWEN25_VL_3B));
    expect(parameters?.total).toBe(3_754_622_976);
    expect(parameters?.components).toEqual({ visionTower: 1_505_280 + 32 * 19_702_200, projector: 36_708_608, languageModel: 3_085_938_688 });
  });

  it("RMSNorms without bias, a gated MLP with biases, windowed attention adds nothing", () => {
    const config = readFixtureConfig(QWEN25_VL_3B);
    const s = shapes(config);
    expect(s.get("model.visual.blocks.0.norm1.weight")).toEqual([1280]);
    expect(s.has("model.visual.blocks.0.norm1.bias")).toBe(false);
    expect(s.get("model.visual.blocks.7.mlp.gate_proj.bias")).toEqual([3420]);
    expect(s.get("model.visual.blocks.7.mlp.down_proj.weight")).toEqual([1280, 3420]);
    expect(s.has("model.visual.merger.ln_q.bias")).toBe(false);
    expect(s.get("model.visual.merger.mlp.2.weight")).toEqual([2048, 5120]);
    const vision = config.vision_config as Record<string, unknown>;
    expect(totalOf({ ...config, vision_config: { ...vision, fullatt_block_indexes: [31], window_size: 224 } })).toBe(3_754_622_976);
  });

  it("Qwen2.5-VL-7B's dimensions: 8,292,166,656 with a visual of 676,550,144 (printed by a public fine-tuning script)", () => {
    const config = readFixtureConfig(QWEN25_VL_3B);
    const seven = { ...config, hidden_size: 3584, intermediate_size: 18944, num_attention_heads: 28, num_key_value_heads: 4, num_hidden_layers: 28, vocab_size: 152064, tie_word_embeddings: false, vision_config: { ...(config.vision_config as object), out_hidden_size: 3584 } };
    const { parameters } = analyzeConfig(seven);
    expect(parameters?.total).toBe(8_292_166_656);
    expect(parameters!.components!.visionTower + parameters!.components!.projector).toBe(676_550_144);
  });
});
