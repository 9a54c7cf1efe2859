import type { Rule } from "../src/engine/rule.js";
import { cardMetadata, showValue } from "../src/engine/card-metadata.js";
import { VOCABULARY_SOURCES } from "../src/cards/hub-vocabularies-data.js";
import { isLicenseId, suggestVocabulary } from "../src/cards/hub-vocabularies.js";

/**
 * MC303: the card's `license`. The Hub shows the licence from this key; `license: other` is the
 * Hub's way to declare a custom licence and then needs `license_name` (a short id) and
 * `license_link` (its text, a URL or a file in the repo), per the Hub's licence documentation. Any
 * other value must be one of the Hub's identifiers (@huggingface/hub's License type).
 */
export const cardLicense: Rule = {
  meta: {
    code: "MC303",
    name: "card-license",
    description: "The card's metadata must declare a license; `license: other` needs license_name and license_link.",
    defaultSeverity: "warning",
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
    messages: {
      missing: "the card's metadata has no license: users cannot tell whether they may use the model (add e.g. license: apache-2.0)",
      notString: "license must be a licence identifier string, found {{value}}",
      otherIncomplete: "license: other needs {{missing}} to say which licence applies",
      misspelled: "license {{value}} is not one of the Hub's licence identifiers (did you mean {{suggestion}}?): the Hub refuses this metadata at push time",
      unknown: "license {{value}} is not a licence identifier modelcheck knows (the Hub's list as of @huggingface/hub {{version}}); if the Hub does not list it either, write license: other with license_name and license_link",
    },
  },
  check(_model, _facts, documents, ctx) {
    const found = cardMetadata(documents);
    if (!found) return;
    const { metadata } = found;
    const license = metadata.license;
    if (license === undefined || license === null || license === "") {
      ctx.report({ messageId: "missing", pointer: "", document: "card" });
      return;
    }
    if (typeof license !== "string") {
      ctx.report({ messageId: "notString", data: { value: showValue(license) }, pointer: "/license", document: "card" });
      return;
    }
    if (license !== "other") {
      if (isLicenseId(license)) return;
      // A known id in another spelling is certainly a mistake; an id not known at all may be newer than
      // the list (the Hub adds licences before the package's type catches up), so it is only information.
      const suggestion = suggestVocabulary(license, "license");
      // The Hub refuses such a push ("Invalid metadata in README.md: "license" must be one of [...]"): an error, not a warning.
      if (suggestion) ctx.report({ messageId: "misspelled", data: { value: showValue(license), suggestion }, pointer: "/license", document: "card", severity: "error" });
      else ctx.report({ messageId: "unknown", data: { value: showValue(license), version: VOCABULARY_SOURCES["@huggingface/hub"] ?? "?" }, pointer: "/license", document: "card", severity: "info" });
      return;
    }
    const missing = ["license_name", "license_link"].filter((key) => typeof metadata[key] !== "string" || (metadata[key] as string).trim() === "");
    if (missing.length) ctx.report({ messageId: "otherIncomplete", data: { missing: missing.join(" and ") }, pointer: "/license", document: "card" });
  },
};
