import { beitSpecs } from "./beit.js";
import { convnextSpecs } from "./convnext.js";
import { detrSpecs } from "./detr.js";
import { dinov2Specs } from "./dinov2.js";
import { dinov3Specs } from "./dinov3.js";
import { efficientnetSpecs } from "./efficientnet.js";
import { mobilenetSpecs } from "./mobilenet.js";
import type { ModelTypeSpec } from "./model-type-spec.js";
import { resnetSpecs } from "./resnet.js";
import { segformerSpecs } from "./segformer.js";
import { swinSpecs } from "./swin.js";
import { vitSpecs } from "./vit.js";
import { yolosSpecs } from "./yolos.js";

/** The vision families (ViT-like encoders and CNNs), registered together. */
export const visionSpecs: ModelTypeSpec[] = [...vitSpecs, ...beitSpecs, ...dinov2Specs, ...dinov3Specs, ...swinSpecs, ...convnextSpecs, ...resnetSpecs, ...yolosSpecs, ...segformerSpecs, ...mobilenetSpecs, ...efficientnetSpecs, ...detrSpecs];
