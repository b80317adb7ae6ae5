import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Whether the element held the focus when an update began, so that it can move the focus to the new
 * screen instead of dropping it (WCAG 2.4.3). Focus that fell to the page body because the focused
 * control was removed or disabled still counts as the element's, until the user focuses something else.
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
}
