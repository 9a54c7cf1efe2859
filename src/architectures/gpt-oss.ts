import { basePrefix, decoderBackbone, decoderHead, inventoryOf } from "./decoder.js";
import { linear, range, type Inventory, type TensorTemplate } from "./inventory.js";
import { defaultedSlidingWindow } from "./llama.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";

/**
 * gpt-oss (modeling_gpt_oss.py, configuration_gpt_oss.py): Llama-style attention whose q/k/v/o
 * always carry biases (GptOssConfig sets attention_bias = True whatever the config says) plus one
 * learned attention sink per head (`self_attn.sinks` [heads]); every layer a mixture of experts
 * with a biased router (`mlp.router.weight` [E, h], `.bias` [E]) and the experts fused over E into
 * four tensors: gate_up_proj [E, h, 2·d_ff] and its bias [E, 2·d_ff], down_proj [E, d_ff, h] and
 * its bias [E, h]. Two RMSNorms per layer, a final norm, an untied LM head. OpenAI's model card
 * gives 20.91B total for gpt-oss-20b and 116.83B for gpt-oss-120b.
 */
function gptOssInventory(d: RequiredDims): Inventory {
  const prefix = basePrefix(d.model.head);
  const layers = range(d.numLayers);
  const experts = d.model.numExperts.value ?? 0;
  const h = d.hiddenSize;
  const f = d.intermediateSize;
  const p = `${prefix}layers.{i}`;
  const fused = (name: string, shape: number[]): TensorTemplate => ({ name: `${p}.mlp.experts.${name}`, shape, role: "mlp", layers, experts, fusedExperts: true });
  const head = decoderHead(d, `${prefix}embed_tokens.weight`);
  return inventoryOf(
    {
      tensors: [
        ...decoderBackbone(d, { attention: { qkvBias: true, oBias: true }, layerNorms: ["input_layernorm", "post_attention_layernorm"] }, prefix),
        { name: `${p}.self_attn.sinks`, shape: [d.numHeads], role: "attention", layers },
        ...linear(`${p}.mlp.router`, experts, h, true, "router", layers),
        fused("gate_up_proj", [h, 2 * f]),
        fused("gate_up_proj_bias", [2 * f]),
        fused("down_proj", [f, h]),
        fused("down_proj_bias", [h]),
        ...head.tensors,
      ],
      tied: head.tied,
      expertsPerToken: d.model.expertsPerToken.value ?? 0,
    },
    d,
  );
}

export const gptOssSpecs: ModelTypeSpec[] = [
  {
    modelType: "gpt_oss",
    family: "mixtral",
    modelingFile: "models/gpt_oss/modeling_gpt_oss.py",
    classPrefixes: ["GptOss"],
    heads: ["causal-lm", "base"],
    defaultHead: "causal-lm",
    // configuration_gpt_oss.py defaults (gpt-oss-120b's shape).
    defaults: { vocabSize: 201088, hiddenSize: 2880, intermediateSize: 2880, numLayers: 36, numHeads: 64, numKvHeads: 8, headDim: 64, maxPositions: 131072, numExperts: 128, expertsPerToken: 4 },
    tieWordEmbeddingsDefault: false,
    // Older gpt-oss configs name the routed count experts_per_token.
    aliases: { expertsPerToken: ["num_experts_per_tok", "experts_per_token"] },
    slidingWindow: defaultedSlidingWindow(128),
    inventory: gptOssInventory,
  },
];
