import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Whether the element held the focus when an update began, so that it can move the focus to the new
 * screen instead of dropping it (WCAG 2.4.3). Focus that fell to the page body because the focused
 * control was removed or disabled still counts as the element's, until the user focuses something else.
 *
 * The views name the controls the element may focus (`data-focus="name"`, several names allowed);
 * the element asks for them by name with `target()`, never by their markup.
 */
export class FocusTracker implements ReactiveController {
  hadFocus = false;
  readonly #host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostUpdate(): void {
    const dropped = !document.activeElement || document.activeElement === document.body;
    // Not :focus-within: Chromium did not match it on the host while the focus was in an open modal dialog.
    this.hadFocus = Boolean(this.#host.shadowRoot?.activeElement) || (this.hadFocus && dropped);
  }

  /** The control the views named `name`, if it is on screen. */
  target(name: string): HTMLElement | null {
    return this.#host.shadowRoot?.querySelector<HTMLElement>(`[data-focus~="${CSS.escape(name)}"]`) ?? null;
  }
}
