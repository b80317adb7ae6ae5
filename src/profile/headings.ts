import { nothing, type TemplateResult } from 'lit';
import { html, literal, type StaticValue } from 'lit/static-html.js';

/** The heading tags, from a fixed list: a level from an attribute never becomes markup. */
const tags: StaticValue[] = [literal`h1`, literal`h2`, literal`h3`, literal`h4`, literal`h5`, literal`h6`];

/** A heading level the page may choose (the `heading-level` attribute), kept to 1–6; 2 when it is not a number. */
export function headingLevelOf(value: unknown): number {
  const level = Math.round(Number(value));
  return Number.isFinite(level) ? Math.min(Math.max(level, 1), 6) : 2;
}

export interface HeadingOptions {
  id?: string;
  part?: string;
  /** A focus target name (see FocusTracker): makes the heading focusable from script. */
  focus?: string;
  className?: string;
}

/** A heading at `level` (clamped to 6, for the items under a section at level 6). */
export function heading(level: number, content: unknown, { id, part, focus, className }: HeadingOptions = {}): TemplateResult {
  const tag = tags[Math.min(Math.max(level, 1), 6) - 1]!;
  return html`<${tag} id=${id ?? nothing} part=${part ?? nothing} class=${className ?? nothing} tabindex=${focus ? '-1' : nothing}
    data-focus=${focus ?? nothing}>${content}</${tag}>`;
}
