// modelcheck as a library: analyze model folders, apply your own policy, print one line per model;
// then count a config held in memory without touching the filesystem.
// In a checkout, build first (npm run build); then: node examples/library.mjs [targets...]
// Without targets it analyzes the example models beside this script. docs/library.md explains each call.
import { fileURLToPath } from "node:url";
import { analyze, deriveFacts, exitCodeFor, normalizeConfig } from "modelcheck";

const targets = process.argv.slice(2);
if (targets.length === 0) targets.push(fileURLToPath(new URL(".", import.meta.url)));

// The same options the CLI takes from a config file: severities ("off" disables) and rule options, by code or name.
const report = await analyze(targets, {
  rules: { severities: { "head-dim-consistency": "off" }, options: { MC201: { tolerance: 0.15 } } },
});

for (const result of report.results) {
  if (result.status === "failed") {
    console.log(`${result.target}: failed: ${result.error.message}`);
    continue;
  }
  const p = result.facts?.parameters;
  const count = p ? `${p.total.toLocaleString("en-US")} parameters${p.estimated ? " (estimate)" : ""}` : "no parameter count";
  console.log(`${result.target}: ${count}, ${result.findings.length} finding${result.findings.length === 1 ? "" : "s"}`);
  for (const f of result.findings) console.log(`  ${f.severity} ${f.ruleId} ${f.location.file}${f.location.line ? `:${f.location.line}` : ""} ${f.message}`);
}
const { targets: n, errors, warnings } = report.summary;
console.log(`${n} targets, ${errors} errors, ${warnings} warnings`);

// A config object in memory (here a small Llama): normalizeConfig reads it, deriveFacts returns
// { facts, inventory } — the facts are the same object analyze() reports as result.facts.
const model = normalizeConfig({
  model_type: "llama",
  hidden_size: 2048,
  intermediate_size: 5632,
  num_hidden_layers: 22,
  num_attention_heads: 32,
  num_key_value_heads: 4,
  vocab_size: 32000,
});
const { facts, inventory } = deriveFacts(model, "tiny-llama", { context: 2048, batch: 1 });
const exact = facts.parameters.estimated ? "estimate" : "exact";
console.log(`tiny-llama: ${facts.parameters.total.toLocaleString("en-US")} parameters (${exact}), ${inventory?.tensors.length ?? 0} tensor templates`);

// Fail like the CLI would with --fail-on warning.
process.exitCode = exitCodeFor(report, { maxWarnings: -1, exitZero: false, failOn: "warning" });
