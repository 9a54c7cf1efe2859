import { describe, expect, it } from "vitest";
import { readFixtureConfig, totalOf } from "../helpers/count.js";

describe("jamba at 100,000 layers", () => {
  it("is linear in its layers: every 8-layer block (attention period 8, expert period 2) adds the same count", () => {
    const jamba = readFixtureConfig("ai21labs--Jamba-v0.1");
    const at = (layers: number) => totalOf({ ...jamba, num_hidden_layers: layers });
    const block = at(16) - at(8);
    // 100,000 = 8 + 11,499 blocks of 8: the total is the 8-layer model plus 11,499 blocks (was quadratic: 3 s).
    expect(at(100_000)).toBe(at(8) + block * ((100_000 - 8) / 8));
  });
});
