import { elementCount, type Inventory, type TensorTemplate } from "../architectures/inventory.js";
import { looksLikeModelConfig } from "../normalize/looks-like-model-config.js";
import { normalizeConfig } from "../architectures/normalize-config.js";
import type { LoadedAdapter } from "../sources/read-adapter-config.js";
import type { AdapterFacts } from "../facts/adapter-facts.js";
import { deriveFacts } from "../facts/derive-facts.js";

export type { AdapterFacts };

const REPO_ID = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/;

/**
 * peft's defaults when `target_modules` is null (TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING
 * in peft/utils/constants.py), for the model types modelled here.
 */
const DEFAULT_TARGETS: Readonly<Record<string, string[]>> = {
  llama: ["q_proj", "v_proj"],
  mistral: ["q_proj", "v_proj"],
  mixtral: ["q_proj", "v_proj"],
  qwen2: ["q_proj", "v_proj"],
  qwen3: ["q_proj", "v_proj"],
  gemma: ["q_proj", "v_proj"],
  gemma2: ["q_proj", "v_proj"],
  phi: ["q_proj", "v_proj", "fc1", "fc2"],
  phi3: ["qkv_proj"],
  gpt2: ["c_attn"],
  gpt_neox: ["query_key_value"],
  gptj: ["q_proj", "v_proj"],
  bloom: ["query_key_value"],
  opt: ["q_proj", "v_proj"],
  falcon: ["query_key_value"],
  bert: ["query", "value"],
  roberta: ["query", "value"],
  "xlm-roberta": ["query", "value"],
  t5: ["q", "v"],
  bart: ["q_proj", "v_proj"],
};

/** Adapter facts from its config, the base model's config when found, and the adapter checkpoint's stored count. */
export function adapterFacts(adapter: LoadedAdapter, checkpointTotal: number | null): AdapterFacts | null {
  const raw = adapter.config.problem ? null : (adapter.config.document.value as Record<string, unknown> | undefined);
  if (!raw || typeof raw !== "object") return null;
  const notes: string[] = [];
  const base = typeof raw["base_model_name_or_path"] === "string" ? raw["base_model_name_or_path"] : null;
  const rank = positiveInt(raw["r"]) ?? null;
  const alpha = typeof raw["lora_alpha"] === "number" ? raw["lora_alpha"] : null;
  const peftType = typeof raw["peft_type"] === "string" ? raw["peft_type"] : null;
  const targetsRaw = raw["target_modules"];
  let targets: string[] | null = Array.isArray(targetsRaw) ? targetsRaw.filter((t): t is string => typeof t === "string") : typeof targetsRaw === "string" ? [targetsRaw] : null;

  let fromBaseConfig: number | null = null;
  let modules: number | null = null;
  const baseValue = adapter.baseConfig && !adapter.baseConfig.problem ? adapter.baseConfig.document.value : null;
  if (peftType !== null && peftType.toUpperCase() !== "LORA") notes.push(`${peftType} adapters are counted from their checkpoint only`);
  else if (!baseValue || typeof baseValue !== "object" || !looksLikeModelConfig(baseValue)) {
    if (base) notes.push(`the base model's config (${base}) was not found locally: counted from the adapter's checkpoint`);
  } else {
    const model = normalizeConfig(baseValue as Record<string, unknown>);
    const { inventory } = deriveFacts(model, null);
    targets ??= model.modelType ? (DEFAULT_TARGETS[model.modelType] ?? null) : null;
    if (!inventory) notes.push("the base model's config lacks the dimensions to count the adapted modules");
    else if (inventory.estimated) notes.push("the base model's layout is an estimate: counted from the adapter's checkpoint");
    else if (!targets) notes.push("target_modules is not set and peft's default for this model type is not known");
    else if (typeof targetsRaw === "string" && targetsRaw !== "all-linear") notes.push("target_modules is a regular expression: counted from the adapter's checkpoint");
    else if (rank === null) notes.push("r (the rank) is missing or invalid");
    else {
      const counted = countLora(inventory, raw, targets, rank, model.family === "gpt2");
      fromBaseConfig = counted.parameters;
      modules = counted.modules;
      notes.push(...counted.notes);
    }
  }
  if (fromBaseConfig !== null && checkpointTotal !== null && fromBaseConfig !== checkpointTotal) {
    notes.push(`the adapter's checkpoint stores ${checkpointTotal} values, the base config implies ${fromBaseConfig}`);
  }
  const parameters = fromBaseConfig ?? checkpointTotal;
  return {
    peftType,
    baseModel: base,
    baseModelUrl: base && REPO_ID.test(base) ? `https://huggingface.co/${base}` : null,
    rank,
    alpha,
    targetModules: targets ?? [],
    parameters,
    source: fromBaseConfig !== null ? "base-config" : checkpointTotal !== null ? "checkpoint" : null,
    modules,
    fromBaseConfig,
    fromCheckpoint: checkpointTotal,
    baseConfig: adapter.baseConfigSource,
    notes,
  };
}

function positiveInt(v: unknown): number | undefined {
  return typeof v === "number" && Number.isSafeInteger(v) && v > 0 ? v : undefined;
}

/** peft's list matching: the module's full name equals a key or ends with `.key`. */
function matches(module: string, keys: readonly string[]): string | null {
  for (const key of keys) if (module === key || module.endsWith(`.${key}`)) return key;
  return null;
}

/** The output head peft's `all-linear` leaves out. */
const OUTPUT_HEADS = new Set(["lm_head", "score", "classifier", "qa_outputs", "embed_out", "output"]);

function countLora(inventory: Inventory, raw: Record<string, unknown>, targets: string[], rank: number, conv1d: boolean): { parameters: number; modules: number; notes: string[] } {
  const notes: string[] = [];
  const allLinear = targets.length === 1 && targets[0] === "all-linear";
  const excludeRaw = raw["exclude_modules"];
  const exclude = Array.isArray(excludeRaw) ? excludeRaw.filter((t): t is string => typeof t === "string") : typeof excludeRaw === "string" ? [excludeRaw] : [];
  const rankPattern = numberMap(raw["rank_pattern"]);
  const onlyLayers = layerFilter(raw["layers_to_transform"]);
  const dora = raw["use_dora"] === true;
  const saveRaw = raw["modules_to_save"];
  const toSave = Array.isArray(saveRaw) ? saveRaw.filter((t): t is string => typeof t === "string") : [];
  let parameters = 0;
  let modules = 0;
  const used = new Set<string>();
  for (const t of inventory.tensors) {
    for (const [module, repeat] of moduleInstances(t, onlyLayers)) {
      const saved = matches(module, toSave);
      if (saved) {
        // modules_to_save: the whole module is trained and saved, every tensor of it.
        parameters += elementCount(t.shape) * repeat;
        used.add(saved);
        continue;
      }
      if (!t.name.endsWith(".weight") || t.shape.length !== 2) continue;
      const last = module.slice(module.lastIndexOf(".") + 1);
      const hit = allLinear ? (t.role !== "embedding" && !OUTPUT_HEADS.has(last) ? "all-linear" : null) : matches(module, targets);
      if (!hit || matches(module, exclude)) continue;
      used.add(hit);
      const r = rankFor(module, rankPattern) ?? rank;
      const [a, b] = t.shape as [number, number];
      const out = conv1d ? b : a;
      parameters += (r * (a + b) + (dora ? out : 0)) * repeat;
      modules += repeat;
    }
  }
  const unused = [...targets, ...toSave].filter((k) => !used.has(k));
  if (unused.length) notes.push(`no module of the base model matches ${unused.map((k) => `"${k}"`).join(", ")}`);
  return { parameters, modules, notes };
}

/** The module path of a template's tensor (`{i}`, `{e}` left in place) and how many instances count. */
function moduleInstances(t: TensorTemplate, onlyLayers: Set<number> | null): [string, number][] {
  const module = t.name.slice(0, t.name.lastIndexOf("."));
  const experts = t.experts ?? 1;
  if (!t.layers) return [[module, experts]];
  if (!onlyLayers) return [[module, t.layers.length * experts]];
  const kept = t.layers.filter((i) => onlyLayers.has(i)).length;
  return kept ? [[module, kept * experts]] : [];
}

function layerFilter(v: unknown): Set<number> | null {
  if (typeof v === "number" && Number.isInteger(v)) return new Set([v]);
  if (Array.isArray(v)) return new Set(v.filter((x): x is number => typeof x === "number"));
  return null;
}

function numberMap(v: unknown): Map<string, number> {
  const out = new Map<string, number>();
  if (v && typeof v === "object" && !Array.isArray(v)) for (const [k, n] of Object.entries(v)) if (typeof n === "number" && n > 0) out.set(k, n);
  return out;
}

/** peft's rank_pattern keys match the end of a module name. */
function rankFor(module: string, pattern: Map<string, number>): number | null {
  for (const [key, r] of pattern) if (module === key || module.endsWith(`.${key}`)) return r;
  return null;
}
