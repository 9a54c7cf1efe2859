/** What a spec-table row, column or list label claims. */
export type SpecField =
  | "parameters"
  | "activeParameters"
  | "nonEmbeddingParameters"
  | "hiddenSize"
  | "layers"
  | "heads"
  | "kvHeads"
  | "headDim"
  | "vocabSize"
  | "intermediateSize"
  | "contextLength"
  | "experts"
  | "expertsPerToken"
  | "trainingTokens"
  | "attention";

/** Architecture claims compared exactly (up to the rounding of abbreviated numbers). */
export type ArchitectureField = "hiddenSize" | "layers" | "heads" | "kvHeads" | "headDim" | "vocabSize" | "intermediateSize" | "experts" | "expertsPerToken";

export type AttentionKind = "GQA" | "MQA" | "MLA" | "SWA" | "MHA";

/** Labels as model cards write them (Llama, Mistral, Qwen, Gemma, Phi styles) and config key names. Order matters: specific first. */
const LABELS: [SpecField, RegExp][] = [
  ["nonEmbeddingParameters", /^(number of |num |# ?)?non[- ]?embedding param(eter)?s?$/],
  ["activeParameters", /^(number of |num |# ?)?(activ(e|ated)) param(eter)?s?( per token)?$|^param(eter)?s? activ(e|ated)$/],
  ["parameters", /^(total |number of |num |# ?|n_?)?(model )?param(eter)?s?( count| size)?$|^model size$|^size$|^total param(eter)?s?$/],
  ["kvHeads", /^(number of |num |# ?|n_)?(kv|k\/v|key[- /]?value|key and value)( attention)? heads$|^num_key_value_heads$|^n_kv_heads$|^kv groups$|^(number of )?query groups$/],
  ["heads", /^(number of |num |# ?|n_)?(attention |query |q )?heads$|^num_attention_heads$|^n_heads?$/],
  ["headDim", /^head (dim|dimension|size|width)$|^d_?head$|^head_dim$|^dimension per head$/],
  ["hiddenSize", /^(hidden|model|embedding|residual)( stream)? (size|dim|dimension|width)$|^d_?model$|^hidden_size$|^n_embd$|^dim(ension)?$|^width$/],
  ["layers", /^(number of |num |# ?|n_)?(transformer |hidden |decoder )?(layers|blocks)$|^num_hidden_layers$|^n_layers?$|^depth$/],
  ["vocabSize", /^(tokenizer )?vocab(ulary)?( size)?$|^vocab_size$/],
  ["intermediateSize", /^(intermediate|ffn|ff|mlp|feed[- ]?forward)( hidden| layer)? (size|dim|dimension|width)$|^d_?ff$|^intermediate_size$/],
  ["contextLength", /^(max(imum)? )?(context|sequence|seq)( length| len| window| size)?$|^max(imum)? position(al)? embeddings$|^max_position_embeddings$|^context window$|^(max(imum)? )?input length$|^context_len$|^max_seq_len$/],
  ["expertsPerToken", /^(number of |num )?(activ(e|ated)|selected) experts( per token)?$|^experts per token$|^num_experts_per_tok$|^top[- ]?k( experts)?$/],
  ["experts", /^(number of |num |# ?|total )?(routed )?experts$|^num_(local_)?experts$|^n_routed_experts$/],
  ["trainingTokens", /^(training |pre-?training |train )?tokens( seen| trained)?$|^token count$|^training (data )?(size|tokens)$|^(pre-?)?training tokens$/],
  ["attention", /^attention( type| mechanism| variant)?$|^gqa$/],
];

/** A label reduced for matching: no markdown, no parentheses, lowercase, single spaces. */
export function normalizeLabel(label: string): { plain: string; parenthetical: string } {
  const stripped = label.replace(/\*\*|__|`|\\/g, "").trim();
  const parenthetical = [...stripped.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]).join(" ");
  const plain = stripped
    .replace(/\([^)]*\)/g, " ")
    .replace(/[:：]\s*$/, "")
    .replace(/^#\s*/, "# ")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
  return { plain, parenthetical };
}

/** The field a label names, or null. "(non-embedding)" and "(active)" in parentheses refine a parameter label. */
export function specField(label: string): SpecField | null {
  const { plain, parenthetical } = normalizeLabel(label);
  const refined = parenthetical.toLowerCase();
  for (const [field, pattern] of LABELS) {
    if (!pattern.test(plain)) continue;
    if (field === "parameters" && /non[- ]?embedding/.test(refined)) return "nonEmbeddingParameters";
    if (field === "parameters" && /activ/.test(refined)) return "activeParameters";
    return field;
  }
  return null;
}

/** Attention kinds named in a text ("GQA", "grouped-query attention", "sliding window attention"). */
export function attentionKinds(text: string): { kind: AttentionKind; index: number; length: number }[] {
  const found: { kind: AttentionKind; index: number; length: number }[] = [];
  for (const [kind, pattern] of ATTENTION_NAMES) {
    for (const m of text.matchAll(pattern)) found.push({ kind, index: m.index ?? 0, length: m[0].length });
  }
  return found.sort((a, b) => a.index - b.index);
}

const ATTENTION_NAMES: [AttentionKind, RegExp][] = [
  ["GQA", /grouped[- ]query[- ]attention|\bGQA\b/gi],
  ["MQA", /multi[- ]query[- ]attention|\bMQA\b/gi],
  ["MLA", /multi[- ]head[- ]latent[- ]attention|\bMLA\b/gi],
  ["SWA", /sliding[- ]window[- ]attention|\bSWA\b/gi],
  // Plain multi-head attention (not "multi-head latent attention"): one key/value head per query head.
  ["MHA", /multi[- ]head(?:ed)?[- ](?:self[- ])?attention|\bMHA\b/gi],
];
