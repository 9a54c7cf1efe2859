import type { HeadKind } from "./normalized-model.js";

/** Class-name suffixes transformers uses for each kind of head, longest first. */
const HEAD_SUFFIXES: [string, HeadKind][] = [
  ["ForImageClassificationWithTeacher", "image-classification"],
  ["ForAudioFrameClassification", "audio-frame-classification"],
  ["ForUniversalSegmentation", "semantic-segmentation"],
  ["ForSemanticSegmentation", "semantic-segmentation"],
  ["ForMaskedImageModeling", "masked-image-modeling"],
  ["ForSequenceClassification", "sequence-classification"],
  ["ForImageClassification", "image-classification"],
  ["ForAudioClassification", "audio-classification"],
  ["ForImageTextToText", "image-text-to-text"],
  ["ForObjectDetection", "object-detection"],
  ["ForDepthEstimation", "depth-estimation"],
  ["ForMaskGeneration", "mask-generation"],
  ["ForMultipleChoice", "multiple-choice"],
  ["ForSpeechSeq2Seq", "speech-seq2seq"],
  ["ForTextToSpeech", "text-to-speech"],
  ["ForSpeechToText", "speech-seq2seq"],
  ["ModelWithProjection", "with-projection"],
  ["WithProjection", "with-projection"],
  ["ForXVector", "x-vector"],
  ["Backbone", "backbone"],
  ["ForCTC", "ctc"],
  ["ForTokenClassification", "token-classification"],
  ["ForQuestionAnswering", "question-answering"],
  ["ForConditionalGeneration", "conditional-generation"],
  ["ForPreTraining", "pretraining"],
  ["ForCausalLM", "causal-lm"],
  ["LMHeadModel", "causal-lm"],
  ["ForMaskedLM", "masked-lm"],
  ["Model", "base"],
];

/** Head classes whose names follow no suffix convention (MarianMTModel is Marian's LM head, not a bare model). */
const EXACT_CLASSES: Record<string, { prefix: string; head: HeadKind }> = {
  MarianMTModel: { prefix: "Marian", head: "conditional-generation" },
};

/** Split `LlamaForCausalLM` into its prefix `Llama` and head kind; null when no suffix is known. */
export function splitClassName(className: string): { prefix: string; head: HeadKind } | null {
  if (Object.hasOwn(EXACT_CLASSES, className)) return EXACT_CLASSES[className]!;
  for (const [suffix, head] of HEAD_SUFFIXES) {
    if (className.endsWith(suffix) && className.length > suffix.length) {
      return { prefix: className.slice(0, -suffix.length), head };
    }
  }
  return null;
}
