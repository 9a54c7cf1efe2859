/**
 * A PEFT adapter's own parameters, counted as peft's LoRA layers create them (peft/tuners/lora):
 * each adapted module of shape [out, in] gets `lora_A` [r, in] and `lora_B` [out, r], so
 * r × (in + out) parameters (embeddings: `lora_embedding_A` [r, vocab], `lora_embedding_B`
 * [dim, r], the same sum), plus a magnitude vector [out] with DoRA, plus full copies of
 * `modules_to_save`. Modules are matched as peft's `check_target_module_exists` does for a list:
 * the module's full name equals a key or ends with `.key`; `all-linear` means every linear layer
 * but the output head. Counted from the base model's tensor inventory when its config is at hand,
 * else from the adapter's safetensors header.
 */
export interface AdapterFacts {
  /** `peft_type`: LORA, ADALORA, IA3, ... */
  peftType: string | null;
  /** `base_model_name_or_path`. */
  baseModel: string | null;
  /** The base model's page on the Hub, when the base is a repo id. */
  baseModelUrl: string | null;
  rank: number | null;
  alpha: number | null;
  targetModules: string[];
  /** The adapter's own parameters: from the base model's inventory when known, else from its checkpoint. */
  parameters: number | null;
  source: "base-config" | "checkpoint" | null;
  /** Module instances adapted, from the base model's inventory. */
  modules: number | null;
  fromBaseConfig: number | null;
  fromCheckpoint: number | null;
  /** Where the base model's config was read, when it was. */
  baseConfig: string | null;
  notes: string[];
}
