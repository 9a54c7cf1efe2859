import type { Rule } from "../src/engine/rule.js";
import { advertisedSizeMismatch } from "./advertised-size-mismatch.js";
import { cardArchitectureMismatch } from "./card-architecture-mismatch.js";
import { cardAttentionType } from "./card-attention-type.js";
import { cardBaseModel } from "./card-base-model.js";
import { cardBodyShort } from "./card-body-short.js";
import { cardContextLength } from "./card-context-length.js";
import { cardDatasetId } from "./card-dataset-id.js";
import { cardLanguageCode } from "./card-language-code.js";
import { cardLibraryName } from "./card-library-name.js";
import { cardLicense } from "./card-license.js";
import { cardMetadataInvalid } from "./card-metadata-invalid.js";
import { cardMetadataMissing } from "./card-metadata-missing.js";
import { cardMissingSections } from "./card-missing-sections.js";
import { cardModelIndex } from "./card-model-index.js";
import { cardParameterCount } from "./card-parameter-count.js";
import { cardPipelineTag } from "./card-pipeline-tag.js";
import { cardTrainingTokens } from "./card-training-tokens.js";
import { cardUnusedSuppression } from "./card-unused-suppression.js";
import { evalResultsInvalid } from "./eval-results-invalid.js";
import { dimsFromDefaults } from "./dims-from-defaults.js";
import { fieldType } from "./field-type.js";
import { ffnRatioUnusual } from "./ffn-ratio-unusual.js";
import { headDimConsistency } from "./head-dim-consistency.js";
import { headsDivideHidden } from "./heads-divide-hidden.js";
import { invalidJson } from "./invalid-json.js";
import { kvCacheDominates } from "./kv-cache-dominates.js";
import { kvHeadsDivideHeads } from "./kv-heads-divide-heads.js";
import { notAModelConfig } from "./not-a-model-config.js";
import { unknownArchitecture } from "./unknown-architecture.js";
import { vocabNotPadded } from "./vocab-not-padded.js";
import { checkpointDtype } from "./checkpoint-dtype.js";
import { checkpointHeaderInvalid } from "./checkpoint-header-invalid.js";
import { checkpointNotRead } from "./checkpoint-not-read.js";
import { checkpointUnexplainedDifference } from "./checkpoint-unexplained-difference.js";
import { missingTensors } from "./missing-tensors.js";
import { mtpLayersStored } from "./mtp-layers-stored.js";
import { quantizedCheckpoint } from "./quantized-checkpoint.js";
import { shapeMismatch } from "./shape-mismatch.js";
import { storedBuffers } from "./stored-buffers.js";
import { tiedWeightsStored } from "./tied-weights-stored.js";
import { ggufFilesNotRead } from "./gguf-files-not-read.js";

/** Every rule, in code order. Codes are permanent and never reused. */
export const RULES: readonly Rule[] = [invalidJson, notAModelConfig, fieldType, headsDivideHidden, kvHeadsDivideHeads, headDimConsistency, dimsFromDefaults, advertisedSizeMismatch, unknownArchitecture, vocabNotPadded, ffnRatioUnusual, kvCacheDominates,
  // Model cards: metadata (MC3xx), then claims against the config (MC4xx).
  cardMetadataMissing, cardMetadataInvalid, cardLicense, cardPipelineTag, cardLibraryName, cardLanguageCode, cardBaseModel, cardDatasetId, cardModelIndex, cardBodyShort, cardMissingSections, cardUnusedSuppression, evalResultsInvalid,
  cardParameterCount, cardArchitectureMismatch, cardContextLength, cardAttentionType, cardTrainingTokens,
  checkpointHeaderInvalid, checkpointUnexplainedDifference, tiedWeightsStored, missingTensors, shapeMismatch, storedBuffers, quantizedCheckpoint, checkpointNotRead, mtpLayersStored, checkpointDtype, ggufFilesNotRead];
