import { html, nothing, type TemplateResult } from 'lit';
import type { PasskeyErrorCode } from './errors.ts';

/**
 * The view primitives both elements share. Views are pure functions of state; they hand what the
 * user typed to the element's actions, and name the controls the element may focus (`data-focus`,
 * see FocusTracker.target), so that the element never reads their markup.
 */

/** Focus targets every screen may name. */
export const focusTargets = {
  /** The heading of a screen: where a new screen puts the focus. */
  heading: 'heading',
  /** A field whose value was refused: the focus goes back to it. */
  invalidField: 'invalid-field',
} as const;

/**
 * Views mark a container whose controls go away by themselves (a dialog, a form, the ceremony note)
 * with `data-transient`: a button inside one is not where the focus returns once it closes.
 */
export const transientSelector = '[data-transient]';

export interface ButtonOptions {
  /** The main action of its screen, form or dialog. */
  primary?: boolean;
  /** Removes or deletes something. */
  danger?: boolean;
  disabled?: boolean;
  /** Its request is under way: a spinner, `aria-busy`, and disabled until the answer. */
  busy?: boolean;
  autofocus?: boolean;
  /** Names the button for assistive technology when its text alone is ambiguous (one "Remove" per passkey). */
  label?: string;
  /** What the button shows, when more than its text (an icon). */
  content?: unknown;
  /** A focus target name, for the element to return the focus to this button. */
  focus?: string;
  /** The id of a message that explains the button (why it did nothing). */
  describedBy?: string;
}

/** A button; `primary` and `danger` together make the filled destructive button of a confirmation. */
export function button(text: string, action: () => void, options: ButtonOptions = {}): TemplateResult {
  const part = options.danger ? 'button danger-button' : options.primary ? 'button primary-button' : 'button';
  const classes = [options.primary && 'primary', options.danger && 'danger'].filter(Boolean).join(' ');
  return html`<button part=${part} class=${classes || nothing} type="button" ?disabled=${options.disabled || options.busy}
    aria-busy=${options.busy ? 'true' : nothing} ?autofocus=${options.autofocus} aria-label=${options.label ?? nothing}
    aria-describedby=${options.describedBy ?? nothing} data-focus=${options.focus ?? nothing} @click=${action}>${options.content ?? text}</button>`;
}

/** The error of one field, tied to it by `aria-describedby` (its `id`) and announced at once. */
export function fieldError(id: string, code: PasskeyErrorCode, message: string): TemplateResult {
  return html`<p id=${id} part="error" class="alert" role="alert" data-code=${code}>${message}</p>`;
}

/** The text fields of a form by name, as typed. */
export function formFields(form: HTMLFormElement | null): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!form) return fields;
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') fields[name] = value;
  return fields;
}

/** A submit listener that keeps the page where it is and hands the form's fields to `action`. */
export function onSubmit(action: (fields: Record<string, string>) => void): (event: SubmitEvent) => void {
  return (event) => {
    event.preventDefault();
    action(formFields(event.currentTarget as HTMLFormElement));
  };
}
