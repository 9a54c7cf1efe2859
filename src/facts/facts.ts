import type { Role } from "../architectures/inventory.js";
import type { AdvertisedSize } from "./parse-advertised-size.js";

/** Everything derived from a model, once; rules read these and never recompute them. JSON names follow DESIGN.md. */
export interface Facts {
  modelType: string | null;
  architecture: string | null;
  family: string | null;
  dims: {
    dModel: number | null;
    nLayers: number | null;
    dFf: number | null;
    vocabSize: number | null;
    contextLength: number | null;
    encoderLayers: number | null;
    decoderLayers: number | null;
  };
  attention: {
    type: "MHA" | "GQA" | "MQA" | "MLA" | "NONE" | null;
    nHeads: number | null;
    nKvHeads: number | null;
    headDim: number | null;
    groupSize: number | null;
    slidingWindow: number | null;
  };
  parameters: ParameterFacts | null;
  memory: MemoryFacts | null;
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
  /** The rule of thumb 12·L·d², to show its error against the exact count. */
  approx12Ld2: number;
  advertised: AdvertisedSize[];
  /** Weights that share storage with another and are counted once (a tied LM head). */
  tied: { name: string; tiedTo: string }[];
  checkpoint: null;
}

export interface MemoryFacts {
  /** Bytes of the weights alone at common precisions (total parameters × bytes per parameter). */
  weightsBytes: { fp32: number; bf16: number; int8: number; int4: number };
}
