import type { Role } from "../architectures/inventory.js";
import type { ModelKind } from "../architectures/model-type-spec.js";
import type { AdvertisedSize } from "./parse-advertised-size.js";
import type { AdapterFacts } from "./adapter-facts.js";
import type { CheckpointFacts } from "./checkpoint-facts.js";
import type { GgufFacts } from "./gguf-facts.js";
import type { InputFacts } from "./input-facts.js";
import type { PublishedPrecision } from "./published-precision.js";

/** Everything derived from a model, once; rules read these and never recompute them. JSON names follow DESIGN.md. */
export interface Facts {
  modelType: string | null;
  architecture: string | null;
  family: string | null;
  /**
   * What the model is (decoder, encoder, encoder-decoder, vision, audio, vision-language,
   * state-space, hybrid): the facts shown follow it (a KV cache only where the model generates).
   */
  modelKind: ModelKind | null;
  dims: {
    dModel: number | null;
    nLayers: number | null;
    dFf: number | null;
    vocabSize: number | null;
    contextLength: number | null;
    encoderLayers: number | null;
    decoderLayers: number | null;
    /** Dims counted with an assumed value because the config's was unusable (MC003): "dFf", "nKvHeads"…; empty when none. */
    assumed: string[];
  };
  attention: {
    type: "MHA" | "GQA" | "MQA" | "MLA" | "NONE" | null;
    nHeads: number | null;
    nKvHeads: number | null;
    headDim: number | null;
    groupSize: number | null;
    slidingWindow: number | null;
  };
  /** The layout of a mixture of experts; null for dense models. */
  moe: MoeFacts | null;
  parameters: ParameterFacts | null;
  memory: MemoryFacts | null;
  compute: ComputeFacts | null;
  /** What a vision, audio or vision-language model takes in (resolution, patches, frames, image tokens) and the compute of one input; null for text models. */
  input: InputFacts | null;
  /**
   * The checkpoint of a target without parameter facts (a lone safetensors file, a folder whose
   * config is missing or unusable); with parameter facts it is `parameters.checkpoint`. Absent otherwise.
   */
  checkpoint?: CheckpointFacts;
  /** A PEFT adapter (adapter_config.json): its own parameter count and base model. Absent otherwise. */
  adapter?: AdapterFacts;
  /** What a GGUF file's header says; present for kind "gguf" targets only. */
  gguf?: GgufFacts;
}

/** A mixture of experts, read off its inventory (src/facts/moe-facts.ts). */
export interface MoeFacts {
  /** Routed experts per MoE layer. */
  experts: number;
  /** Routed experts each token is sent to. */
  expertsPerToken: number;
  /** Always-on experts beside the routed ones (DeepSeek's n_shared_experts, Qwen2-MoE's shared_expert); 0 without. */
  sharedExperts: number;
  /** The hidden width of one routed expert's MLP. */
  expertIntermediateSize: number | null;
  /** Layers whose MLP is a mixture; the others (denseLayers) have a dense MLP of dims.dFf. */
  moeLayers: number;
  denseLayers: number;
}

export interface ParameterFacts {
  /** Module parameters of the class in architectures[0]: tied weights once, buffers excluded. */
  total: number;
  /** Parameters one token uses: always-on ones plus the routed experts it is sent to. */
  active: number;
  /** True when the layout was guessed rather than read from the class's modeling code. */
  estimated: boolean;
  estimateReason: string | null;
  breakdown: Partial<Record<Role, number>>;
  components: Record<string, number> | null;
  /** The rule of thumb 12·L·d², to show its error against the exact count; null but for dense transformer decoders, the only models it describes. */
  approx12Ld2: number | null;
  advertised: AdvertisedSize[];
  /** Weights that share storage with another and are counted once (a tied LM head). */
  tied: { name: string; tiedTo: string }[];
  /** What the checkpoint stores, reconciled with this count; null when no checkpoint was read. */
  checkpoint: CheckpointFacts | null;
}

/**
 * Memory facts (src/facts/memory-facts.ts), derived with arithmetic only. Bytes are exact integers;
 * reporters show GB (10^9) and GiB (2^30).
 */
export interface MemoryFacts {
  /**
   * Bytes of the weights alone per precision: total parameters × bits per weight / 8, rounded up.
   * fp32, bf16 (also FP16), fp8, int8, int4, and ggml block formats with their scales (q8_0, q6_k,
   * q5_k, q4_k, q4_0, iq4_xs, q3_k, q2_k; see precisions.ts).
   */
  weightsBytes: { fp32: number; bf16: number; int8: number; int4: number } & Record<string, number>;
  /** The parameters held in memory: the total, since every expert of a mixture stays resident. */
  parameters: number;
  /** The checkpoint's own precision (torch_dtype/dtype, quantization_config, or a GGUF file's tensor types). */
  asPublished: PublishedPrecision | null;
  /** Null when the model keeps no cache (encoder-only) or its dims are unknown. */
  kvCache: KvCacheFacts | null;
  training: TrainingMemoryFacts;
  hardwareFit: HardwareFitFacts;
  /** An encoder's forward pass over a batch at its maximum sequence length (what embedding a batch needs); null for models that generate. */
  embedBatch: EmbedBatchFacts | null;
}

/** A labelled estimate of inference memory for an encoder: weights plus the activations of one layer, nothing cached. */
export interface EmbedBatchFacts {
  estimated: true;
  tokens: number;
  batch: number;
  /** 16-bit activations live at once in one layer: batch × tokens × (6·d_model + d_ff) × 2 (input, q, k, v, attention output, residual and the MLP's hidden layer; SDPA keeps no score matrix). */
  activationBytes: number;
  /** BF16 weights plus activationBytes. */
  totalBytes: number;
  /** The width of one output vector (d_model): what an embedding model's index stores per text. */
  embeddingWidth: number | null;
}

/** The KV cache of transformers' cache classes in 16-bit: full keys and values per attention layer. */
export interface KvCacheFacts {
  /** The runtime whose cache layout `bytesPerToken` follows. */
  runtime: "transformers";
  bytesPerElement: number;
  /** 2 × attention layers × KV heads × head_dim × bytes per element (MLA: heads × (qk + v head dims)). */
  bytesPerToken: number;
  /** The same layers with one KV head per query head (plain MHA). */
  mhaBytesPerToken: number;
  /** mhaBytesPerToken / bytesPerToken: what GQA/MQA save (8 for Llama-3-70B); null without attention layers. */
  savingVsMha: number | null;
  /** MLA's latent cache as vLLM and SGLang hold it: layers × (kv_lora_rank + qk_rope_head_dim) × bytes; null without MLA. */
  latentBytesPerToken: number | null;
  latentSavingVsMha: number | null;
  /** Attention layers keeping every token, sliding-window layers, state-space layers. */
  layers: { full: number; sliding: number; ssm: number };
  /** Tokens a sliding layer holds at most; null when no layer slides. */
  slidingWindow: number | null;
  /** Fixed state of the state-space layers per sequence, whatever the context. */
  stateBytes: number;
  /** One sequence at the model's context length. */
  atContextLength: KvCacheAt | null;
  /** At --context / --batch, when given. */
  atRequested: KvCacheAt | null;
  notes: string[];
}

export interface KvCacheAt {
  tokens: number;
  batch: number;
  bytes: number;
  /** With MLA's latent cache instead; null without MLA. */
  latentBytes: number | null;
}

/** A labelled estimate of training memory. */
export interface TrainingMemoryFacts {
  estimated: true;
  /** Mixed-precision Adam: 16 bytes per parameter for weights, gradients and optimizer states. */
  weightsGradientsOptimizerBytes: number;
  /** 34 × tokens × batch × d_model × layers (Korthikanti et al. 2022 with memory-efficient attention); null without dims. */
  activationBytes: number | null;
  tokens: number | null;
  batch: number;
  totalBytes: number | null;
}

/** Which accelerator sizes hold the weights and the KV cache, per precision. */
export interface HardwareFitFacts {
  /** Share of each accelerator kept for the runtime (CUDA context, activations, fragmentation). */
  overhead: number;
  /** Tokens per sequence the answers are for (--context, else the model's context length) and sequences (--batch, else 1). */
  context: number | null;
  batch: number;
  /** Accelerator sizes in GB (10^9 bytes): 16, 24, 40, 48, 80 and 141, then --gpu-memory when given. */
  acceleratorsGB: number[];
  /** --gpu-memory as the user wrote it ("24GiB"), the last of acceleratorsGB; null when not given. */
  gpuMemory: string | null;
  /**
   * Per precision (fp32, bf16, int8, int4, and "published" when the checkpoint's own size differs)
   * and accelerator: the largest context (up to the model's) whose cache fits beside the weights in
   * the memory left after the overhead, or null when the weights alone do not fit. `context` fits
   * when maxContext ≥ context.
   */
  maxContext: Record<string, (number | null)[]>;
}

/** Compute and scaling facts (src/facts/compute-facts.ts). */
export interface ComputeFacts {
  /** 2 × active non-embedding parameters: every weight a token passes through is one multiply-add (Kaplan et al. 2020); embedding lookups are not matmuls. */
  flopsPerTokenInference: number;
  /** 6 × active non-embedding parameters (forward and backward). */
  flopsPerTokenTraining: number;
  /** Active parameters but the embedding tables (token, position, type embeddings): the N of the FLOPs rule. An LM head is a matmul and stays in. */
  nonEmbeddingParameters: number;
  /** The embedding tables' share of the active parameters, 0 to 1. */
  embeddingShare: number;
  /** Chinchilla-optimal training tokens: 20 × total parameters; null for models not trained on tokens to generate them (encoders, vision and audio encoders). */
  chinchillaTokens: number | null;
  /** Training tokens the model card states; null when it states none (or there is no card). */
  trainingTokens: { value: number; text: string; source: "card" } | null;
  /** trainingTokens / chinchillaTokens. */
  trainingTokensRatio: number | null;
}

/** What the memory facts are asked for: the CLI's --context, --batch and --gpu-memory. */
export interface FactOptions {
  /** Tokens per sequence (--context). */
  context?: number;
  /** Sequences (--batch). */
  batch?: number;
  /** The user's accelerator memory in bytes (--gpu-memory). */
  gpuMemoryBytes?: number;
  /** How the user wrote it ("24GB"), for reports. */
  gpuMemoryLabel?: string;
  /** A published precision known from elsewhere (a GGUF file's tensor types); overrides the config's. */
  published?: PublishedPrecision | null;
}
