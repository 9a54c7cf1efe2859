import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { ROOT } from "./run-cli.js";

const addFormats = addFormatsModule as unknown as (ajv: Ajv | Ajv2020) => void;

export function loadSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, "schemas", name), "utf8")) as Record<string, unknown>;
}

/** A validator for one of our draft-07 schemas (strict mode: typos in the schema fail the test). */
export function draft07Validator(name: string) {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  return ajv.compile(loadSchema(name));
}

/** The official SARIF 2.1.0 schema, with ajv's 2020-12 build at its default options (DESIGN.md). */
export function sarifValidator() {
  const ajv = new Ajv2020();
  addFormats(ajv);
  return ajv.compile(loadSchema("sarif-2.1.0.json"));
}
