import { linear, norm, type TensorTemplate } from "./inventory.js";

/**
 * Blocks shared by the BERT-layout encoders (modeling_bert.py's module names): an embedding table,
 * the feed-forward half of a BertLayer, and a whole BertLayer.
 */

/** An nn.Embedding: weight [rows, width]. */
export function embedding(name: string, rows: number, width: number): TensorTemplate {
  return { name: `${name}.weight`, shape: [rows, width], role: "embedding" };
}

/** BertIntermediate + BertOutput: intermediate.dense [ff, h], output.dense [h, ff], output.LayerNorm, all biased. */
export function bertFfn(l: string, h: number, ff: number, layers: readonly number[]): TensorTemplate[] {
  return [...linear(`${l}.intermediate.dense`, ff, h, true, "mlp", layers), ...linear(`${l}.output.dense`, h, ff, true, "mlp", layers), ...norm(`${l}.output.LayerNorm`, h, true, layers)];
}

/** A BertLayer: attention.self.{query,key,value}, attention.output.dense + LayerNorm, then bertFfn. */
export function bertLayer(l: string, h: number, ff: number, layers: readonly number[]): TensorTemplate[] {
  return [
    ...linear(`${l}.attention.self.query`, h, h, true, "attention", layers),
    ...linear(`${l}.attention.self.key`, h, h, true, "attention", layers),
    ...linear(`${l}.attention.self.value`, h, h, true, "attention", layers),
    ...linear(`${l}.attention.output.dense`, h, h, true, "attention", layers),
    ...norm(`${l}.attention.output.LayerNorm`, h, true, layers),
    ...bertFfn(l, h, ff, layers),
  ];
}
