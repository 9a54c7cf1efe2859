import { basePrefix, decoderHead, inventoryOf } from "./decoder.js";
import { linear, norm, range, type TensorTemplate } from "./inventory.js";
import type { DefaultValue, ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import type { ConfigReader } from "../normalize/config-reader.js";

/**
 * Falcon (modeling_falcon.py, configuration_falcon.py) and the remote-code RefinedWeb configs it
 * replaced. Two layouts share the tensor names:
 * - old (`new_decoder_architecture` false; Falcon-7B, model_type "RefinedWebModel"): one fused
 *   `query_key_value` with a single shared K/V head when `multi_query`, one `input_layernorm`
 *   feeding attention and MLP in parallel;
 * - new (`new_decoder_architecture` true; Falcon-40B/180B, model_type "RefinedWeb"): grouped K/V
 *   (`num_kv_heads`) and two norms per block, `ln_attn` and `ln_mlp`.
 * `bias` switches the biases of the linear layers (the LayerNorms always have one); ALiBi adds no
 * parameters; the head is tied by default.
 */

const HEADS = ["causal-lm", "base", "sequence-classification"] as const;

/** The RefinedWeb remote code (Falcon-40B) always used the new layout, without a flag for it. */
function newDecoderArchitecture(modelType: string | null, config: ConfigReader): boolean {
  const flag = config.value("new_decoder_architecture");
  return typeof flag === "boolean" ? flag : modelType === "RefinedWeb";
}

/** K/V heads as FalconAttention builds them: `num_kv_heads` in the new layout, one head for multi-query. */
const kvHeadsDefault: DefaultValue = (m, config) => {
  const modelType = config.value("model_type");
  if (newDecoderArchitecture(typeof modelType === "string" ? modelType : null, config)) return m.numHeads ?? null;
  return config.value("multi_query") === false ? (m.numHeads ?? null) : 1;
};

function falconInventory(d: RequiredDims) {
  const c = d.model.text;
  const prefix = basePrefix(d.model.head, "transformer.");
  const layers = range(d.numLayers);
  const h = d.hiddenSize;
  const p = `${prefix}h.{i}`;
  const newArch = newDecoderArchitecture(d.model.modelType, c);
  const multiQuery = c.bool("multi_query", true).value;
  const bias = c.bool("bias", false).value;
  const parallel = c.bool("parallel_attn", true).value;
  const lnInParallel = c.int("num_ln_in_parallel_attn", newArch ? 2 : null, "count").value;

  // The K/V count in the config is ignored by the old layout: MQA means one head, MHA means all.
  const qkvOut = newArch ? (d.numHeads + 2 * d.numKvHeads) * d.headDim : multiQuery ? h + 2 * d.headDim : 3 * h;
  const blockNorms = !parallel ? ["input_layernorm", "post_attention_layernorm"] : lnInParallel === 2 ? ["ln_attn", "ln_mlp"] : ["input_layernorm"];

  const tensors: TensorTemplate[] = [
    { name: `${prefix}word_embeddings.weight`, shape: [d.vocabSize, h], role: "embedding" },
    ...blockNorms.flatMap((name) => norm(`${p}.${name}`, h, true, layers)),
    ...linear(`${p}.self_attention.query_key_value`, qkvOut, h, bias, "attention", layers),
    ...linear(`${p}.self_attention.dense`, h, h, bias, "attention", layers),
    ...linear(`${p}.mlp.dense_h_to_4h`, d.intermediateSize, h, bias, "mlp", layers),
    ...linear(`${p}.mlp.dense_4h_to_h`, h, d.intermediateSize, bias, "mlp", layers),
    ...norm(`${prefix}ln_f`, h, true),
  ];
  const head = decoderHead(d, `${prefix}word_embeddings.weight`);
  return inventoryOf({ tensors: [...tensors, ...head.tensors], tied: head.tied }, d);
}

function falconSpec(modelType: string, classPrefixes: string[]): ModelTypeSpec {
  return {
    modelType,
    family: "falcon",
    modelingFile: "models/falcon/modeling_falcon.py",
    classPrefixes,
    heads: [...HEADS],
    defaultHead: "causal-lm",
    defaults: {
      vocabSize: 65024,
      hiddenSize: 4544,
      numLayers: 32,
      numHeads: 71,
      numKvHeads: kvHeadsDefault,
      maxPositions: 2048,
      // FalconConfig: ffn_hidden_size, else 4 × hidden_size.
      intermediateSize: (m) => (m.hiddenSize ? 4 * m.hiddenSize : null),
    },
    tieWordEmbeddingsDefault: true,
    inventory: falconInventory,
  };
}

/** `RWForCausalLM` (the remote code) is Falcon's class under its old name; the model type picks the layout. */
export const falconSpecs: ModelTypeSpec[] = [falconSpec("falcon", ["Falcon", "RW"]), falconSpec("RefinedWeb", []), falconSpec("RefinedWebModel", [])];
