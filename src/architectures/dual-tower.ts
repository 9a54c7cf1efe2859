import { blipSpecs } from "./blip.js";
import { blip2Specs } from "./blip2.js";
import { clipSpecs } from "./clip.js";
import { owlvitSpecs } from "./owlvit.js";
import { samSpecs } from "./sam.js";
import { siglipSpecs } from "./siglip.js";

/** The dual-tower and promptable vision families: CLIP, SigLIP (1 and 2), OWL-ViT / OWLv2, BLIP, BLIP-2, and SAM. */
export const dualTowerSpecs = [...clipSpecs, ...siglipSpecs, ...owlvitSpecs, ...blipSpecs, ...blip2Specs, ...samSpecs];
