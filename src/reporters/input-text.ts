import type { InputFacts } from "../facts/input-facts.js";
import { groupedCount } from "../format/format-count.js";

/**
 * What a vision, audio or vision-language model takes in, as one line:
 *   "224×224 RGB, 16-px patches: 196 patches + 1 class token = 197 tokens per image"
 *   "16 kHz waveform (assumed): 49 frames per second, one per 320 samples"
 *   "576 tokens per 336×336 image: (336 / 14)² patches; the class token dropped"
 */
export function inputText(input: InputFacts): string | null {
  if (input.image) {
    const i = input.image;
    const size = `${i.height}×${i.width}${i.channels === 3 ? " RGB" : ` × ${i.channels} channels`}`;
    if (i.tokens === null) return `${size}${i.patchSize ? `, ${i.patchSize}-px stem` : ""}; ${i.note}`;
    const extra = i.extraTokens ? ` + ${i.extraTokensWhat} = ${groupedCount(i.tokens)} tokens` : " = tokens";
    return `${size}, ${i.patchSize}-px patches: ${groupedCount(i.patches)} patches${extra} per image`;
  }
  if (input.audio) {
    const a = input.audio;
    return `${a.sampleRate / 1000} kHz waveform (the family's feature extractor rate, assumed): ${a.framesPerSecond} frames per second, one per ${a.hopSamples} samples`;
  }
  if (input.imageTokens) {
    const t = input.imageTokens;
    if (t.crossAttention) return `image tokens: ${t.rule}`;
    if (t.perImage === null) return `image tokens: ${t.rule} (dynamic resolution)`;
    const at = t.resolution ? ` ${t.resolution[0]}×${t.resolution[1]}` : "";
    return `${groupedCount(t.perImage)} tokens per${at} ${t.perTile ? "tile" : "image"} in the context: ${t.rule}`;
  }
  return null;
}

/** "35.1 GFLOPs (17.6 GMACs) per 224×224 image, attention scores 4.1% of it". */
export function inputComputeText(input: InputFacts): string | null {
  const c = input.compute;
  if (!c) return null;
  const what = c.per === "image" && input.image ? `${input.image.height}×${input.image.width} image` : c.per;
  const attention = c.macs > 0 ? `; attention scores ${((c.attentionMacs / c.macs) * 100).toFixed(1)}% of it` : "";
  return `${giga(c.flops)} GFLOPs (${giga(c.macs)} GMACs) per ${what}, ${groupedCount(c.tokens)} positions through the encoder${attention}`;
}

/** Billions with three significant digits, as vision papers quote GFLOPs: 35.1, 4.41, 1,784. */
function giga(n: number): string {
  const g = n / 1e9;
  return g >= 100 ? groupedCount(Math.round(g)) : g.toPrecision(3);
}
