/** Keys at least one of which every transformers model config has. */
export const MODEL_CONFIG_KEYS = ["model_type", "architectures", "hidden_size", "n_embd", "d_model", "num_hidden_layers", "n_layer", "vocab_size", "text_config"];

export function looksLikeModelConfig(value: object): boolean {
  return MODEL_CONFIG_KEYS.some((key) => Object.hasOwn(value, key));
}
