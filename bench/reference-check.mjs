// Compare every record of ../shared/reference/models.jsonl with modelcheck's count from its config:
// per record the Hub total, modelcheck's total, the difference and the stored tensors that explain
// it; then a summary. Run after `npm run build`: node bench/reference-check.mjs [path/to/models.jsonl]
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deriveFacts, normalizeConfig } from "../dist/src/index.js";
import { explainRecord, UNEXPLAINED } from "./reference-traps.mjs";

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
const file = process.argv[2] ?? join(root, "..", "shared", "reference", "models.jsonl");
if (!existsSync(file)) {
  console.error(`reference set not found: ${file}`);
  process.exit(2);
}

const fmt = (n) => (n === null || n === undefined ? "—" : n.toLocaleString("en-US"));
const rows = [];
const tally = { exact: 0, explained: 0, unexplained: 0, noTotal: 0, estimated: 0 };
for (const line of readFileSync(file, "utf8").split("\n")) {
  if (!line.trim()) continue;
  const record = JSON.parse(line);
  const model = normalizeConfig(record.config);
  const { facts, inventory } = deriveFacts(model, record.repo_id.split("/")[1]);
  const total = facts.parameters?.total ?? null;
  const estimated = facts.parameters?.estimated ?? true;
  let verdict;
  let why = "";
  if (estimated) {
    verdict = "estimate";
    tally.estimated++;
  } else if (record.expected_total === null) {
    verdict = "no Hub total";
    tally.noTotal++;
  } else {
    const extras = explainRecord(record, { model, inventory });
    const known = extras.reduce((sum, e) => sum + e.extra, 0);
    const residual = record.expected_total - total - known;
    why = extras.map((e) => `+${fmt(e.extra)} ${e.why}`).join("; ");
    if (residual === 0 && known === 0) {
      verdict = "exact";
      tally.exact++;
    } else if (residual === 0) {
      verdict = "explained";
      tally.explained++;
    } else {
      verdict = UNEXPLAINED[record.repo_id]?.extra === residual ? "known residual" : "UNEXPLAINED";
      why = [why, UNEXPLAINED[record.repo_id]?.why ?? `${fmt(residual)} unexplained`].filter(Boolean).join("; ");
      tally.unexplained++;
    }
  }
  const diff = record.expected_total === null || total === null ? null : record.expected_total - total;
  rows.push([record.repo_id, record.model_type, fmt(record.expected_total), fmt(total), diff === null ? "—" : fmt(diff), verdict, why]);
}

const header = ["repo", "model_type", "Hub total", "modelcheck total", "difference", "verdict", "explanation"];
console.log(`| ${header.join(" | ")} |`);
console.log(`|${header.map(() => "---").join("|")}|`);
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
console.log();
console.log(`records: ${rows.length} · exact: ${tally.exact} · explained exactly: ${tally.explained} · residual not explained: ${tally.unexplained} · no Hub total (counted exactly): ${tally.noTotal} · estimates: ${tally.estimated}`);
