import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Draws its element again each time the number of seconds left until `deadline()` changes, while
 * that deadline is ahead: the "Resend code in 42 s" and "try again in 30 seconds" countdowns.
 */
export class CountdownController implements ReactiveController {
  #timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: ReactiveControllerHost, private readonly deadline: () => number) {
    host.addController(this);
  }

  hostUpdated(): void {
    clearTimeout(this.#timer);
    const left = this.deadline() - Date.now();
    // On the next whole second of the countdown, so that the figure shown changes on time.
    if (left > 0) this.#timer = setTimeout(() => this.host.requestUpdate(), left % 1000 || 1000);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }
}

/** Whole seconds until `at` (ms since epoch), never below 0; none without a deadline. */
export function secondsUntil(at: number | undefined, now: number): number {
  return at ? Math.max(0, Math.ceil((at - now) / 1000)) : 0;
}
