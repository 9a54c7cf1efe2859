import { innerWidthDefault, mambaInventory } from "./mamba.js";
import type { ModelTypeSpec } from "./model-type-spec.js";

/**
 * Falcon Mamba (modeling_falcon_mamba.py, configuration_falcon_mamba.py): Mamba-1's module layout
 * under `backbone.` — embeddings, per layer an RMSNorm `norm` and a `mixer` (in_proj, depthwise
 * conv1d, x_proj, dt_proj, A_log, D, out_proj), then `norm_f` — so its inventory is Mamba's.
 *
 * The extra RMS norms on B, C and dt have no learnable weights: the mixer registers `b_c_rms`
 * [state] and `dt_rms` [inner] as non-persistent buffers for the Triton kernel only, so they are
 * neither parameters nor checkpoint tensors.
 *
 * FalconMambaConfig sets intermediate_size = int(expand × hidden_size) in `__post_init__`, but a
 * saved `intermediate_size` is set afterwards and wins (falcon-mamba-7b saves expand 16 with
 * intermediate_size 8192 = 2 × 4096). `time_step_rank` "auto" is ceil(hidden / 16). The config
 * class ties the head by default; falcon-mamba-7b unties it.
 */
export const falconMambaSpecs: ModelTypeSpec[] = [
  {
    modelType: "falcon_mamba",
    family: "falcon-mamba",
    kind: "state-space",
    modelingFile: "models/falcon_mamba/modeling_falcon_mamba.py",
    classPrefixes: ["FalconMamba"],
    heads: ["causal-lm", "base"],
    defaultHead: "causal-lm",
    defaults: { vocabSize: 50280, hiddenSize: 768, numLayers: 32, intermediateSize: innerWidthDefault, maxPositions: null },
    tieWordEmbeddingsDefault: true,
    attentionFree: true,
    inventory: mambaInventory,
  },
];
