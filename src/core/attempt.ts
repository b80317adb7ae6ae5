import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * One attempt at a time for an element (signing in, renaming a passkey, ...), in the spirit of
 * @lit/task's `Task`: a new run aborts the previous one's signal, and only the latest run's outcome
 * reaches the element. `apply` is where state changes and events fire, so an abandoned attempt
 * (superseded, cancelled, or its element removed) never announces anything.
 */
export class AttemptController implements ReactiveController {
  #controller?: AbortController;
  /** Counts runs, so that a result that arrives after a newer run started is recognised as stale. */
  #calls = 0;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /**
   * Runs `work` with a fresh signal, then hands its result to `apply`, or its error to `fail`
   * (rethrown without `fail`), unless another run started or `abort()` was called in the meantime:
   * then the outcome is dropped, failures included, since they are only the abort showing.
   */
  async run<Result>(work: (signal: AbortSignal) => Promise<Result>, apply: (result: Result) => void, fail?: (error: unknown) => void): Promise<void> {
    this.#controller?.abort();
    const { signal } = (this.#controller = new AbortController());
    const call = ++this.#calls;
    let result: Result;
    try {
      result = await work(signal);
    } catch (error) {
      if (call !== this.#calls) return;
      if (!fail) throw error;
      return fail(error);
    }
    if (call === this.#calls) apply(result);
  }

  /** Abandons the run under way (Cancel): its signal aborts and its outcome will be dropped. */
  abort(): void {
    this.#calls++;
    this.#controller?.abort();
  }

  hostDisconnected(): void {
    this.abort();
  }
}
