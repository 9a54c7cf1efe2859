import { roleOf, tensorTemplateName } from "./gguf-inventory.js";
import type { Role } from "../architectures/inventory.js";
import type { LoadedGguf } from "../sources/read-gguf-header.js";
import type { CheckpointDifference, CheckpointFacts, DifferenceKind } from "../facts/checkpoint-facts.js";
import { groupedCount } from "../format/format-count.js";
import type { GgufFacts } from "./derive-gguf-facts.js";

/**
 * A GGUF file as `parameters.checkpoint` (source "gguf"), beside facts.gguf: `total` is the sum of
 * the elements of every tensor the header lists, and so is `logical` — ggml's block quants (Q4_K,
 * IQ2_XS, …) describe tensors by their logical shape, unlike GPTQ's packed int32 words. `byDtype`
 * counts elements per ggml type.
 *
 * With a config.json beside the file, the comparison is facts.gguf's reconciliation (gguf-facts.ts),
 * by role: llama.cpp names tensors after its own scheme (`blk.0.attn_q.weight`, gguf-py's
 * tensor_mapping.py), not transformers', so a name-by-name diff (reconcile-checkpoint.ts) would call
 * every tensor unexpected. Buffers the file stores become `buffer` differences (MC505); a head the
 * config has and the file lacks (llama.cpp then reuses token_embd) is `missing`; what remains, role by
 * role, is `unexpected` (more stored) or `missing` (less), so MC501/MC503 report a real mismatch.
 * Without a config, the file is its own inventory: nothing is compared, and no MC50x rule fires.
 */
export function ggufCheckpointFacts(gguf: LoadedGguf, facts: GgufFacts, compared: boolean): CheckpointFacts {
  const notes: string[] = [];
  const differences: CheckpointDifference[] = [];
  const r = facts.reconciliation;
  if (!r) notes.push("no config.json: the parameter count is the sum of the file's own tensors");
  else if (!compared) notes.push("the config's layout is an estimate: the file was not compared with it");
  else {
    notes.push("compared with the config by role (embedding, attention, mlp, …): llama.cpp's tensor names are not transformers'");
    const explainedByRole = new Map<Role, number>();
    for (const e of r.explained) {
      const role = roleOf(e.tensor.replace(/^blk\.\{i\}\./, ""));
      explainedByRole.set(role, (explainedByRole.get(role) ?? 0) + e.count);
      const tensors = gguf.tensors.filter((t) => tensorTemplateName(t) === e.tensor).length || 1;
      differences.push({ tensor: e.tensor.replace("{i}", `{${layerRange(gguf, e.tensor)}}`), count: e.count, reason: e.reason, kind: e.count < 0 ? "missing" : "buffer", tensors });
    }
    if (r.unexplained !== 0) {
      for (const [role, sides] of Object.entries(r.byRole) as [Role, { config: number; gguf: number }][]) {
        const residual = sides.gguf - sides.config - (explainedByRole.get(role) ?? 0);
        if (residual === 0) continue;
        const tensors = gguf.tensors.filter((t) => roleOf(t.name.replace(/^blk\.\d+\./, "")) === role).length;
        const kind: DifferenceKind = residual > 0 ? "unexpected" : "missing";
        differences.push({ tensor: `(${role} tensors)`, count: residual, reason: `the file stores ${groupedCount(sides.gguf)} ${role} parameters, the config implies ${groupedCount(sides.config)}`, kind, tensors });
      }
    }
  }
  differences.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || Math.abs(b.count) - Math.abs(a.count));
  const hubTotal = gguf.reported?.total;
  if (hubTotal !== undefined && hubTotal !== facts.parameterCount) {
    notes.push(`the Hub's gguf.total for the repo is ${groupedCount(hubTotal)}, this file's tensors sum to ${groupedCount(facts.parameterCount)} (the Hub counts one of the repo's GGUF files)`);
  }
  return {
    total: facts.parameterCount,
    logical: facts.parameterCount,
    byDtype: { ...facts.elementsByType },
    source: "gguf",
    files: gguf.files.length,
    tensors: gguf.tensors.length,
    compared: !!r && compared,
    differences,
    notes,
  };
}

/** Problems first, then what explains the stored total (as reconcile-checkpoint.ts lists them). */
const KIND_ORDER: readonly DifferenceKind[] = ["unexpected", "missing", "buffer"];

/** `0..31` for a per-layer template, from the layers that hold it. */
function layerRange(gguf: LoadedGguf, template: string): string {
  const layers = gguf.tensors.filter((t) => tensorTemplateName(t) === template).map((t) => Number(/^blk\.(\d+)\./.exec(t.name)?.[1]));
  if (layers.length === 0) return "i";
  // reduce, not Math.min(...layers): a hostile file may hold millions of tensors.
  return `${layers.reduce((a, b) => Math.min(a, b))}..${layers.reduce((a, b) => Math.max(a, b))}`;
}
