/**
 * What a checkpoint stores, set beside the config's count (`parameters.checkpoint` in the JSON
 * report). Three numbers never mix: `parameters.total` (module parameters from the config),
 * `checkpoint.total` (every stored element, as the Hub's `safetensors.total` counts them) and
 * `checkpoint.logical` (stored elements with packed quantized weights unpacked and quantization
 * bookkeeping dropped).
 *
 * When the tensors were compared with the config's inventory (`compared`), the differences explain
 * every element: `total = parameters.total + Σ differences[].count`, and
 * `logical = parameters.total + Σ count` over the differences whose kind is not in NOT_IN_LOGICAL
 * (`quantization-packing`, `quantization-bookkeeping`, `quantization-bias`, `unaccounted`, `scalar-count`). GPTQ's zero biases
 * are buffers of the quantized layers (auto-gptq registers them so), not parameters of the model;
 * @huggingface/hub's parameterCount counts them, and `notes` says so when its number is given.
 */
export interface CheckpointFacts {
  total: number;
  logical: number;
  /** Stored elements per safetensors dtype. */
  byDtype: Record<string, number>;
  source: "safetensors" | "gguf";
  /** Files read (shards, or the single file). */
  files: number;
  /** Tensors the headers list. */
  tensors: number;
  /** True when the tensors were compared name by name with the config's inventory. */
  compared: boolean;
  differences: CheckpointDifference[];
  /** Remarks: why nothing was compared, where the Hub's counts disagree with the headers. */
  notes: string[];
}

export type DifferenceKind =
  /** A tied weight (lm_head.weight) stored although the config ties it: counted twice by the Hub. */
  | "tied-stored"
  /** A buffer (inv_freq, causal mask, position_ids, e_score_correction_bias): stored, not a parameter. */
  | "buffer"
  /** Packed quantized weights: stored elements minus the logical parameters they hold (negative). */
  | "quantization-packing"
  /** Scales, zero points, group indices: stored, not parameters. */
  | "quantization-bookkeeping"
  /** The bias GPTQ/AWQ exports write for every quantized linear layer where the model has none (all zeros). */
  | "quantization-bias"
  /** Multi-token-prediction layers (DeepSeek-V3's model.layers.61): stored, not part of the class. */
  | "mtp"
  /** The same elements under other names or a fused/split layout (count 0). */
  | "layout"
  /** In the config's inventory, not stored (negative). */
  | "missing"
  /** Stored with another shape than the config implies (stored minus expected). */
  | "shape"
  /** Stored, and nothing explains it. */
  | "unexpected"
  /** Counts the loader reported that the headers do not account for. */
  | "unaccounted"
  /** The Hub counting each scalar (shape []) tensor as one element where the headers' sum, like @huggingface/hub, counts none. */
  | "scalar-count";

export interface CheckpointDifference {
  /** A tensor name, or a pattern for a group: `model.layers.{0..31}.self_attn.rotary_emb.inv_freq`. */
  tensor: string;
  /** Effect on the stored total relative to the config's total, for the whole group. */
  count: number;
  reason: string;
  kind: DifferenceKind;
  /** How many tensors the entry stands for. */
  tensors: number;
  /** Stored shape, when every tensor of the group has the same one. */
  shape?: number[];
  /** The shape the config implies (missing tensors, shape mismatches). */
  expectedShape?: number[];
}

/** Kinds left out of the logical count: packing is undone, bookkeeping and GPTQ's zero biases dropped, a reported total's gap is not a tensor. */
export const NOT_IN_LOGICAL: ReadonlySet<DifferenceKind> = new Set(["quantization-packing", "quantization-bookkeeping", "quantization-bias", "unaccounted", "scalar-count"]);
