import type { Inventory, TensorTemplate } from "../architectures/inventory.js";
import type { ConfigReader } from "../normalize/config-reader.js";
import type { MoeFacts } from "./facts.js";

const SHARED = /shared_expert|shared_mlp/;
const SHARED_KEYS = ["n_shared_experts", "num_shared_experts", "moe_num_shared_experts", "shared_experts"];
/** Projections whose other dimension is the expert's hidden width: down_proj [d, ff], w2, output_linear. */
const DOWN = /down|\.w2\.|w2$|output_linear|fc2/;

/**
 * The layout of a mixture of experts, read off its inventory: routed experts (templates with
 * `experts`), the layers that hold them, the shared experts beside them, and the expert width. Null
 * for dense models.
 */
export function moeFacts(inventory: Inventory, layerCount: number, hidden: number | null, config: ConfigReader): MoeFacts | null {
  const routed = inventory.tensors.filter((t) => t.experts !== undefined && t.layers !== undefined && t.role === "mlp");
  if (routed.length === 0) return null;
  const moeLayers = new Set<number>();
  for (const t of routed) for (const i of t.layers!) moeLayers.add(i);
  const experts = Math.max(...routed.map((t) => t.experts!));
  const shared = inventory.tensors.some((t) => SHARED.test(t.name));
  return {
    experts,
    expertsPerToken: inventory.expertsPerToken ?? experts,
    sharedExperts: shared ? sharedExpertCount(config) : 0,
    expertIntermediateSize: expertWidth(routed, hidden),
    moeLayers: moeLayers.size,
    denseLayers: Math.max(0, layerCount - moeLayers.size),
  };
}

function sharedExpertCount(config: ConfigReader): number {
  for (const key of SHARED_KEYS) {
    const v = config.value(key);
    if (typeof v === "number" && Number.isInteger(v) && v >= 0) return v;
  }
  return 1;
}

/** The expert's hidden width: the dimension of its down projection that is not the model width. */
function expertWidth(routed: readonly TensorTemplate[], hidden: number | null): number | null {
  const down = routed.find((t) => DOWN.test(t.name) && t.shape.length === 2) ?? routed.find((t) => t.shape.length === 2);
  if (!down || hidden === null) return null;
  const [a, b] = down.shape as [number, number];
  const width = a === hidden ? b : a;
  const each = down.fusedExpertsFlat && down.experts ? width / down.experts : width;
  // A fused width that the experts do not divide (a hostile config) is no width at all.
  return Number.isSafeInteger(each) && each > 0 ? each : null;
}
