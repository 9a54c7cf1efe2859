import type { RuleMeta } from "../engine/rule.js";

export interface OptionsProblem {
  /** JSON pointer inside the options object ("" for the object itself). */
  pointer: string;
  message: string;
}

type Validator = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; keyword: string; params: Record<string, unknown> }[] | null };

/** One compiled validator per rule; ajv is imported only when some rule is given options. */
const compiled = new Map<string, Validator>();

/**
 * Check options against the rule's `meta.optionsSchema`. Returns the first problem, or null.
 * Not strict: test/meta.test.ts holds every schema to ajv's strict mode, so a user never pays for
 * a schema typo with a crash.
 */
export async function validateRuleOptions(meta: RuleMeta, options: Record<string, unknown>): Promise<OptionsProblem | null> {
  let validate = compiled.get(meta.code);
  if (!validate) {
    const { Ajv } = await import("ajv");
    validate = new Ajv({ allErrors: true, strict: false }).compile(meta.optionsSchema) as Validator;
    compiled.set(meta.code, validate);
  }
  if (validate(options)) return null;
  const error = validate.errors?.[0];
  if (!error) return { pointer: "", message: "invalid options" };
  if (error.keyword === "additionalProperties") {
    const name = String(error.params.additionalProperty);
    const known = Object.keys((meta.optionsSchema.properties as Record<string, unknown> | undefined) ?? {});
    return { pointer: `${error.instancePath}/${name}`, message: `unknown option "${name}" for ${meta.code} ${meta.name}${known.length ? ` (options: ${known.join(", ")})` : " (it takes no options)"}` };
  }
  return { pointer: error.instancePath, message: `${meta.code} ${meta.name} option ${error.instancePath ? `"${error.instancePath.slice(1).replace(/\//g, ".")}" ` : ""}${error.message ?? "is invalid"}` };
}
