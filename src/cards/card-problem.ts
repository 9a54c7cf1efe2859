import type { Position } from "../format/json-positions.js";

/**
 * Why a card's bytes or its front matter could not be read as metadata. Reported by MC302 as a
 * finding: the target is still analyzed (its body and its config).
 */
export interface CardProblem {
  kind: "unreadable" | "too-large" | "invalid-utf8" | "unclosed-front-matter" | "front-matter-too-large" | "invalid-yaml" | "too-deep" | "too-many-aliases" | "not-a-mapping";
  message: string;
  /** Where in the card (1-based line and column), when there is a place. */
  position: Position | null;
}
