// modelcheck as a library: analyze model folders, apply your own policy, print one line per model.
// In a checkout, build first (npm run build); then: node examples/library-usage.mjs [targets...]
// Without targets it analyzes the example models beside this script.
import { fileURLToPath } from "node:url";
import { analyze, exitCodeFor } from "modelcheck";

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

// Fail like the CLI would with --fail-on warning.
process.exitCode = exitCodeFor(report, { maxWarnings: -1, exitZero: false, failOn: "warning" });
