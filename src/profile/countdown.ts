import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Renders its element again every second while `until()` lies in the future: the "Send a new code
 * in 25 s" countdown. Stops by itself, and when the element leaves the page.
 */
export class CountdownController implements ReactiveController {
  #timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: ReactiveControllerHost, private readonly until: () => number) {
    host.addController(this);
  }

  hostUpdated(): void {
    const left = this.until() - Date.now();
    if (this.#timer !== undefined || left <= 0) return;
    // On the next whole second of the countdown, so that the figure shown changes on time.
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.host.requestUpdate();
    }, left % 1000 || 1000);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
