import { basePrefix, decoderHead, inventoryOf } from "./decoder.js";
import { linear, norm, range, type Inventory, type TensorTemplate } from "./inventory.js";
import type { ModelTypeSpec, RequiredDims } from "./model-type-spec.js";
import { mamba2Mixer } from "./bamba.js";

/**
 * Zamba and Zamba2 (modeling_zamba.py, modeling_zamba2.py and their configuration files): a Mamba
 * backbone in which "hybrid" layers first run a SHARED transformer block on concat(hidden,
 * original embeddings) [2·hidden], project its output with a per-layer `linear` [hidden, hidden]
 * (no bias) and add it to the input of that layer's Mamba decoder.
 *
 * Layer names: a plain Mamba layer i is `layers.{i}.mamba` + `layers.{i}.input_layernorm`; a hybrid
 * layer wraps its Mamba decoder as `layers.{i}.mamba_decoder.*` and holds `layers.{i}.linear` and the
 * shared block (`shared_transf` in Zamba, `shared_transformer` in Zamba2). A shared block is one
 * module registered under every hybrid layer that uses it, so its parameters are counted ONCE, named
 * at its first hybrid layer, and every later occurrence is listed as tied to it.
 *
 * Shared block: RMSNorm `input_layernorm` [2·hidden], attention q/k/v [heads·head_dim, 2·hidden] and
 * o_proj [hidden, heads·head_dim] (no biases; head_dim = attention_head_dim, default 2·hidden/heads),
 * `pre_ff_layernorm` [hidden] and an MLP.
 *
 * Zamba (ZambaConfig): layers_block_type = mamba, mamba, hybrid, then hybrid where (i − 3) %
 * attn_layer_period == attn_layer_offset (6, 4). Its Mamba mixer is Mamba-1 split into n_mamba_heads
 * heads: in_proj [2·inner, hidden], conv1d [inner, 1, d_conv] (+ bias), x_proj_weight [heads, dt_rank +
 * 2·state, inner/heads], dt_proj_weight [heads, inner/heads, dt_rank], dt_proj_bias [heads,
 * inner/heads], A_log [heads, inner/heads, state], D [heads, inner/heads], out_proj [hidden, inner].
 * Shared MLP: gate/up [intermediate, hidden], down [hidden, intermediate]. One shared block.
 *
 * Zamba2 (Zamba2Config): `layers_block_type` from the config (or the 54-layer default); num_mem_blocks
 * shared blocks used in turn (hybrid layer j uses block j % num_mem_blocks). Mamba-2 mixer with
 * n_mamba_heads, mamba_ngroups, mamba_d_state, a conv bias always, in/out_proj bias with
 * add_bias_linear, and a gated RMSNorm [inner]. Shared MLP: gate_up_proj [2·intermediate, hidden],
 * down_proj [hidden, intermediate] (bias with add_bias_linear); intermediate defaults to 4·hidden.
 * Per-invocation LoRA adapters live inside the shared blocks: for every hybrid invocation k (0 ≤ k <
 * number of hybrid layers) block k % num_mem_blocks builds `feed_forward.gate_up_proj_adapter_list.{k}`
 * = Linear(hidden → adapter_rank) and Linear(adapter_rank → 2·intermediate) — always, whatever
 * `use_shared_mlp_adapter` says — and, with use_shared_attention_adapter, `self_attn.linear_{q,k,v}_
 * adapter_list.{k}` = Linear(2·hidden → rank), Linear(rank → 2·hidden); the other list entries are
 * nn.Identity (no parameters). The rotary embedding (use_mem_rope) holds buffers only.
 *
 * Both ForCausalLM classes tie lm_head to embed_tokens by default.
 */

/** Names of a shared block's tensors relative to the block, so later occurrences can be listed as tied. */
function tieOccurrences(tensors: TensorTemplate[], first: string, others: string[]): Inventory["tied"] {
  const tied: Inventory["tied"] = [];
  for (const t of tensors) {
    if (!t.name.startsWith(first)) continue;
    const rest = t.name.slice(first.length);
    for (const o of others) tied.push({ name: `${o}${rest}`, tiedTo: t.name });
  }
  return tied;
}

function sharedAttention(path: string, d: RequiredDims, headDim: number): TensorTemplate[] {
  const h = d.hiddenSize;
  const q = d.numHeads * headDim;
  const kv = d.numKvHeads * headDim;
  return [
    ...linear(`${path}.q_proj`, q, 2 * h, false, "attention"),
    ...linear(`${path}.k_proj`, kv, 2 * h, false, "attention"),
    ...linear(`${path}.v_proj`, kv, 2 * h, false, "attention"),
    ...linear(`${path}.o_proj`, h, q, false, "attention"),
  ];
}

function zambaLayerTypes(d: RequiredDims): string[] {
  const c = d.model.text;
  const period = c.int("attn_layer_period", 6, "count").value ?? 6;
  const offset = c.int("attn_layer_offset", 4, "count", true).value ?? 4;
  const types = ["mamba", "mamba", "hybrid"];
  for (let i = 0; i < d.numLayers - 3; i++) types.push(i % period === offset ? "hybrid" : "mamba");
  return types.slice(0, d.numLayers);
}

function zambaInventory(d: RequiredDims): Inventory {
  const c = d.model.text;
  const prefix = basePrefix(d.model.head);
  const h = d.hiddenSize;
  const types = zambaLayerTypes(d);
  const all = range(d.numLayers);
  const plain = all.filter((i) => types[i] !== "hybrid");
  const hybrid = all.filter((i) => types[i] === "hybrid");
  const inner = (c.int("mamba_expand", 2, "count").value ?? 2) * h;
  const heads = c.int("n_mamba_heads", 2, "count").value ?? 2;
  const headWidth = Math.floor(inner / heads);
  const state = c.int("mamba_d_state", 16).value ?? 16;
  const kernel = c.int("mamba_d_conv", 4).value ?? 4;
  const autoRank = Math.ceil(h / 16);
  const rawRank = c.value("mamba_dt_rank");
  const dtRank = rawRank === undefined || rawRank === null || rawRank === "auto" ? autoRank : (c.int("mamba_dt_rank", autoRank).value ?? autoRank);
  const convBias = c.bool("mamba_conv_bias", true).value;
  const projBias = c.bool("mamba_proj_bias", false).value;
  const mambaLayer = (p: string, layers: readonly number[]): TensorTemplate[] => {
    const m = `${p}.mamba`;
    return [
      ...linear(`${m}.in_proj`, 2 * inner, h, projBias, "ssm", layers),
      { name: `${m}.conv1d.weight`, shape: [inner, 1, kernel], role: "ssm", layers },
      ...(convBias ? [{ name: `${m}.conv1d.bias`, shape: [inner], role: "ssm" as const, layers }] : []),
      { name: `${m}.x_proj_weight`, shape: [heads, dtRank + 2 * state, headWidth], role: "ssm", layers },
      { name: `${m}.dt_proj_weight`, shape: [heads, headWidth, dtRank], role: "ssm", layers },
      { name: `${m}.dt_proj_bias`, shape: [heads, headWidth], role: "ssm", layers },
      { name: `${m}.A_log`, shape: [heads, headWidth, state], role: "ssm", layers },
      { name: `${m}.D`, shape: [heads, headWidth], role: "ssm", layers },
      ...linear(`${m}.out_proj`, h, inner, projBias, "ssm", layers),
      ...norm(`${p}.input_layernorm`, h, false, layers),
    ];
  };
  const tensors: TensorTemplate[] = [{ name: `${prefix}embed_tokens.weight`, shape: [d.vocabSize, h], role: "embedding" }];
  if (plain.length) tensors.push(...mambaLayer(`${prefix}layers.{i}`, plain));
  let tied: Inventory["tied"] = [];
  if (hybrid.length) {
    tensors.push(...mambaLayer(`${prefix}layers.{i}.mamba_decoder`, hybrid), ...linear(`${prefix}layers.{i}.linear`, h, h, false, "attention", hybrid));
    const first = `${prefix}layers.${hybrid[0]}.shared_transf.`;
    const block: TensorTemplate[] = [
      ...norm(`${first}input_layernorm`, 2 * h, false),
      ...sharedAttention(`${first}self_attn`, d, d.headDim),
      ...norm(`${first}pre_ff_layernorm`, h, false),
      ...linear(`${first}feed_forward.gate_proj`, d.intermediateSize, h, false, "mlp"),
      ...linear(`${first}feed_forward.up_proj`, d.intermediateSize, h, false, "mlp"),
      ...linear(`${first}feed_forward.down_proj`, h, d.intermediateSize, false, "mlp"),
    ];
    tensors.push(...block);
    tied = tieOccurrences(block, first, hybrid.slice(1).map((i) => `${prefix}layers.${i}.shared_transf.`));
  }
  tensors.push(...norm(`${prefix}final_layernorm`, h, false));
  const head = decoderHead(d, `${prefix}embed_tokens.weight`);
  return inventoryOf(
    { tensors: [...tensors, ...head.tensors], tied: [...tied, ...head.tied], notes: [`one shared transformer block, used by ${hybrid.length} hybrid layers, counted once`] },
    d,
  );
}

const ZAMBA2_DEFAULT_TYPES = ["mamba", ...Array.from({ length: 7 }, () => [...Array(5).fill("mamba"), "hybrid"]).flat(), ...Array(4).fill("mamba"), "hybrid", ...Array(3).fill("mamba"), "hybrid", "mamba", "mamba"];

function zamba2Inventory(d: RequiredDims): Inventory {
  const c = d.model.text;
  const prefix = basePrefix(d.model.head);
  const h = d.hiddenSize;
  const raw = c.value("layers_block_type");
  const types: unknown[] = Array.isArray(raw) ? raw : ZAMBA2_DEFAULT_TYPES;
  const all = range(d.numLayers);
  const plain = all.filter((i) => types[i] !== "hybrid");
  const hybrid = all.filter((i) => types[i] === "hybrid");
  const expand = c.number("mamba_expand", 2).value ?? 2;
  const bias = c.bool("add_bias_linear", false).value;
  const mixer = {
    inner: Math.floor(expand * h),
    heads: c.int("n_mamba_heads", 8, "count").value ?? 8,
    groups: c.int("mamba_ngroups", 1, "count").value ?? 1,
    state: c.int("mamba_d_state", 64).value ?? 64,
    kernel: c.int("mamba_d_conv", 4).value ?? 4,
    projBias: bias,
    convBias: true,
    gatedNorm: true,
  };
  const mambaLayer = (p: string, layers: readonly number[]): TensorTemplate[] => [...mamba2Mixer(`${p}.mamba`, h, mixer, layers), ...norm(`${p}.input_layernorm`, h, false, layers)];
  const tensors: TensorTemplate[] = [{ name: `${prefix}embed_tokens.weight`, shape: [d.vocabSize, h], role: "embedding" }];
  if (plain.length) tensors.push(...mambaLayer(`${prefix}layers.{i}`, plain));
  const tied: Inventory["tied"] = [];
  const notes: string[] = [];
  if (hybrid.length) {
    tensors.push(...mambaLayer(`${prefix}layers.{i}.mamba_decoder`, hybrid), ...linear(`${prefix}layers.{i}.linear`, h, h, false, "attention", hybrid));
    const blocks = Math.max(1, c.int("num_mem_blocks", 1, "count").value ?? 1);
    const rank = c.int("adapter_rank", 128).value ?? 128;
    const attnAdapters = c.bool("use_shared_attention_adapter", false).value;
    const headDim = Math.floor((2 * h) / d.numHeads);
    const ff = d.intermediateSize;
    for (let b = 0; b < Math.min(blocks, hybrid.length); b++) {
      const first = `${prefix}layers.${hybrid[b]}.shared_transformer.`;
      const block: TensorTemplate[] = [
        ...norm(`${first}input_layernorm`, 2 * h, false),
        ...sharedAttention(`${first}self_attn`, d, headDim),
        ...norm(`${first}pre_ff_layernorm`, h, false),
        ...linear(`${first}feed_forward.gate_up_proj`, 2 * ff, h, bias, "mlp"),
        ...linear(`${first}feed_forward.down_proj`, h, ff, bias, "mlp"),
      ];
      for (let k = 0; k < hybrid.length; k++) {
        if (k % blocks !== b) continue;
        block.push(
          ...linear(`${first}feed_forward.gate_up_proj_adapter_list.${k}.0`, rank, h, false, "mlp"),
          ...linear(`${first}feed_forward.gate_up_proj_adapter_list.${k}.1`, 2 * ff, rank, false, "mlp"),
        );
        if (attnAdapters) {
          for (const x of ["q", "k", "v"]) {
            block.push(
              ...linear(`${first}self_attn.linear_${x}_adapter_list.${k}.0`, rank, 2 * h, false, "attention"),
              ...linear(`${first}self_attn.linear_${x}_adapter_list.${k}.1`, 2 * h, rank, false, "attention"),
            );
          }
        }
      }
      tensors.push(...block);
      const others = hybrid.filter((_, j) => j % blocks === b && j !== b).map((i) => `${prefix}layers.${i}.shared_transformer.`);
      tied.push(...tieOccurrences(block, first, others));
    }
    notes.push(`${Math.min(blocks, hybrid.length)} shared transformer block(s), used in turn by ${hybrid.length} hybrid layers, counted once each with their per-invocation adapters`);
  }
  tensors.push(...norm(`${prefix}final_layernorm`, h, false));
  const head = decoderHead(d, `${prefix}embed_tokens.weight`);
  return inventoryOf({ tensors: [...tensors, ...head.tensors], tied: [...tied, ...head.tied], notes }, d);
}

export const zambaSpecs: ModelTypeSpec[] = [
  {
    modelType: "zamba",
    family: "zamba",
    kind: "hybrid",
    modelingFile: "models/zamba/modeling_zamba.py",
    classPrefixes: ["Zamba"],
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 32000, hiddenSize: 3712, intermediateSize: 14848, numLayers: 76, numHeads: 16, numKvHeads: (m) => m.numHeads ?? null, maxPositions: 4096, headDim: (m) => (m.hiddenSize && m.numHeads ? Math.floor((2 * m.hiddenSize) / m.numHeads) : null) },
    aliases: { headDim: ["attention_head_dim"] },
    tieWordEmbeddingsDefault: true,
    inventory: zambaInventory,
  },
  {
    modelType: "zamba2",
    family: "zamba",
    kind: "hybrid",
    modelingFile: "models/zamba2/modeling_zamba2.py",
    classPrefixes: ["Zamba2"],
    heads: ["causal-lm", "base", "sequence-classification"],
    defaultHead: "causal-lm",
    defaults: {
      vocabSize: 32000,
      hiddenSize: 2560,
      intermediateSize: (m) => (m.hiddenSize ? 4 * m.hiddenSize : null),
      numLayers: 54,
      numHeads: 32,
      numKvHeads: (m) => m.numHeads ?? null,
      headDim: (m) => (m.hiddenSize && m.numHeads ? Math.floor((2 * m.hiddenSize) / m.numHeads) : null),
      maxPositions: 4096,
    },
    tieWordEmbeddingsDefault: true,
    inventory: zamba2Inventory,
  },
];
