import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FIXTURES } from "./count.js";

/**
 * Every `fixtures/expected/<name>.json` states the exact total of `fixtures/configs/<name>.json`
 * with its source, and the properties its family must keep. The format is in fixtures/expected/README.md.
 */
export interface ExpectedCount {
  total: number;
  source: string;
  /** False when the count is knowingly an estimate (then `estimateReason` must mention `estimateReasonIncludes`). */
  exact?: boolean;
  estimateReasonIncludes?: string;
  /** Rule ids of warnings this real config is expected to raise (none by default: real configs are the false-positive check). */
  allowedWarnings?: string[];
  /** Other classes or settings of the same config: JSON pointer → value, the total, its source. */
  variants?: { set: Record<string, unknown>; total: number; source: string }[];
  properties: {
    /** Each pointer's integer + 1 adds the same positive amount twice over (one more layer is one layer). */
    layers?: string[];
    /** Each pointer's integer + 1 adds nothing (ALBERT's shared layer groups). */
    sharedLayers?: string[];
    /** + 1 expert adds the same positive amount twice over. */
    experts?: string[];
    /** Setting this pointer to false adds exactly `untieAdds` (vocab × width for a plain LM head). */
    untie?: string;
    untieAdds?: number;
    /** Changing this pointer (an image or audio size) changes only tensors whose names match `onlyChanges`. */
    resize?: { pointer: string; value: number; onlyChanges: string };
  };
}

export const EXPECTED = join(FIXTURES, "expected");

export function expectedFixtures(): { name: string; expected: ExpectedCount }[] {
  return readdirSync(EXPECTED)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ name: f.slice(0, -".json".length), expected: JSON.parse(readFileSync(join(EXPECTED, f), "utf8")) as ExpectedCount }));
}

