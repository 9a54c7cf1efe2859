import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expandTensors } from "../../src/architectures/inventory.js";
import { analyze } from "../../src/index.js";
import { analyzeConfig, FIXTURES, readFixtureConfig } from "../helpers/count.js";
import { expectedFixtures } from "../helpers/expected-fixtures.js";

/** A copy of `config` with the value at a JSON pointer (`/text_config/num_hidden_layers`) replaced. */
export function withPointer(config: Record<string, unknown>, pointer: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(config);
  const keys = pointer.split("/").slice(1).map((k) => k.replaceAll("~1", "/").replaceAll("~0", "~"));
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    if (node[key] === undefined || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
  return copy;
}

function valueAt(config: Record<string, unknown>, pointer: string): unknown {
  let node: unknown = config;
  for (const key of pointer.split("/").slice(1)) node = (node as Record<string, unknown> | undefined)?.[key];
  return node;
}

function total(config: Record<string, unknown>): number {
  const p = analyzeConfig(config).parameters;
  if (!p) throw new Error("no parameter count");
  return p.total;
}

function stepDeltas(config: Record<string, unknown>, pointer: string): [number, number] {
  const base = valueAt(config, pointer);
  if (typeof base !== "number") throw new Error(`${pointer} is not a number in the fixture; write it out`);
  const t0 = total(config);
  const t1 = total(withPointer(config, pointer, base + 1));
  const t2 = total(withPointer(config, pointer, base + 2));
  return [t1 - t0, t2 - t1];
}

describe("fixtures/expected: exact totals with their sources, and each family's properties", () => {
  const fixtures = expectedFixtures();
  it("there are expected counts to check", () => expect(fixtures.length).toBeGreaterThan(0));
  for (const { name, expected } of fixtures) {
    describe(name, () => {
      const config = readFixtureConfig(name);
      it(`total ${expected.total.toLocaleString("en-US")} (${expected.source.slice(0, 80)})`, () => {
        expect(expected.source.length).toBeGreaterThan(10);
        const { parameters } = analyzeConfig(config);
        expect(parameters?.total).toBe(expected.total);
        expect(parameters?.estimated).toBe(expected.exact === false);
        if (expected.exact === false) expect(parameters?.estimateReason ?? "").toContain(expected.estimateReasonIncludes ?? "");
        if (parameters?.components) expect(Object.values(parameters.components).reduce((a, b) => a + b, 0)).toBe(parameters.total);
      });
      it("raises no error and no unexpected warning (real configs are the false-positive check)", async () => {
        const report = await analyze([join(FIXTURES, "configs", `${name}.json`)]);
        const loud = report.results.flatMap((r) => r.findings).filter((f) => f.severity === "error" || (f.severity === "warning" && !(expected.allowedWarnings ?? []).includes(f.ruleId)));
        expect(loud.map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);
      });
      for (const variant of expected.variants ?? []) {
        it(`variant ${JSON.stringify(variant.set)}: ${variant.total.toLocaleString("en-US")}`, () => {
          let c = config;
          for (const [pointer, value] of Object.entries(variant.set)) c = withPointer(c, pointer, value);
          expect(variant.source.length).toBeGreaterThan(10);
          expect(total(c)).toBe(variant.total);
        });
      }
      const p = expected.properties;
      it("declares at least one property", () => expect(Object.keys(p ?? {}).length).toBeGreaterThan(0));
      for (const pointer of [...(p.layers ?? []), ...(p.experts ?? [])]) {
        it(`${pointer} + 1 adds the same positive amount each time`, () => {
          const [a, b] = stepDeltas(config, pointer);
          expect(a).toBeGreaterThan(0);
          expect(b).toBe(a);
        });
      }
      for (const pointer of p.sharedLayers ?? []) {
        it(`${pointer} + 1 adds nothing (shared weights)`, () => expect(stepDeltas(config, pointer)).toEqual([0, 0]));
      }
      if (p.untie) {
        it(`${p.untie} = false adds ${p.untieAdds}`, () => {
          expect(total(withPointer(config, p.untie!, false)) - total(withPointer(config, p.untie!, true))).toBe(p.untieAdds);
        });
      }
      if (p.resize) {
        const { pointer, value, onlyChanges } = p.resize;
        it(`${pointer} = ${value} changes only /${onlyChanges}/ tensors`, () => {
          const shapes = (c: Record<string, unknown>) => new Map([...expandTensors(analyzeConfig(c).inventory!)].map((t) => [t.name, t.shape.join("x")]));
          const before = shapes(config);
          const after = shapes(withPointer(config, pointer, value));
          const changed = [...after].filter(([n, s]) => before.get(n) !== s).map(([n]) => n);
          expect(changed.length).toBeGreaterThan(0);
          expect(changed.filter((n) => !new RegExp(onlyChanges).test(n))).toEqual([]);
          expect([...before.keys()].filter((n) => !after.has(n))).toEqual([]);
        });
      }
    });
  }
});
