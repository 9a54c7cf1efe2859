import type { Field } from "../normalize/config-reader.js";

/**
 * How a message names the config field behind a value: its key path where the config sets it
 * ("num_key_value_heads", "text_config.num_key_value_heads"), or the usual key with "(default)"
 * when the value is the model type's default.
 */
export function configFieldName(field: Field<unknown> | null, usualKey: string): string {
  const pointer = field?.pointer;
  if (!pointer) return `${usualKey} (default)`;
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(".");
}
