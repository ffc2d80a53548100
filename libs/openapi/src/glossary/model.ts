/**
 * The glossary's shape. Texts use a small markdown subset that both renderers understand:
 * `code`, **strong**, [label](#ANCHOR) links to other entries, and blank lines between
 * paragraphs.
 */
export interface GlossaryEntry {
  /** The anchor: a rule ID (F4), an error code (SEATS_EXHAUSTED) or a term (lease). */
  readonly id: string;
  readonly title: string;
  readonly text: string;
  /** For error codes: the HTTP status it is answered with. */
  readonly status?: number;
}

export interface GlossarySection {
  readonly id: string;
  readonly title: string;
  readonly intro?: string;
  readonly entries: readonly GlossaryEntry[];
}
