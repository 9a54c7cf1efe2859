import { describe, expect, it } from "vitest";
import { analyzeConfig, readFixtureConfig, totalOf } from "../helpers/count.js";

describe("jamba at 100,000 layers", () => {
  it("is linear in its layers: every 8-layer block (attention period 8, expert period 2) adds the same count", () => {
    const jamba = readFixtureConfig("ai21labs--Jamba-v0.1");
    const at = (layers: number) => totalOf({ ...jamba, num_hidden_layers: layers });
    const block = at(16) - at(8);
    // 100,000 = 8 + 11,499 blocks of 8: the total is the 8-layer model plus 11,499 blocks (was quadratic: 3 s).
    expect(at(100_000)).toBe(at(8) + block * ((100_000 - 8) / 8));
  });
});

describe("configs that claim absurd depths (found by bench/fuzz.mjs)", () => {
  it("hunyuan_v1_moe with 100,000 layers × 64 experts: linear in the layers (was 124 s)", () => {
    const hunyuan = readFixtureConfig("tencent--Hunyuan-A13B-Instruct");
    const at = (layers: number) => totalOf({ ...hunyuan, num_hidden_layers: layers });
    // Every layer is the same (one expert group): the total is affine in the layer count.
    const layer = at(2) - at(1);
    expect(at(100_000)).toBe(at(1) + layer * 99_999);
  });

  it("efficientnet depth_coefficient 100000 is an implausible-value problem, not millions of blocks (was out of memory)", () => {
    const b0 = readFixtureConfig("google--efficientnet-b0");
    const { model } = analyzeConfig({ ...b0, depth_coefficient: 100_000 });
    expect(model.problems.map((p) => p.message)).toContain('"depth_coefficient" is implausibly large (over 100), found 100000');
  });
});
