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

  /** Whether a run is under way: started, and not yet applied, failed or aborted. */
  get running(): boolean {
    return this.#controller !== undefined;
  }

  /**
   * Runs `work` with a fresh signal, then hands its result to `apply`, or its error to `fail`
   * (rethrown without `fail`), unless another run started or `abort()` was called in the meantime:
   * then the outcome is dropped, failures included, since they are only the abort showing.
   */
  async run<Result>(work: (signal: AbortSignal) => Promise<Result>, apply: (result: Result) => void, fail?: (error: unknown) => void): Promise<void> {
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    const call = ++this.#calls;
    let result: Result;
    try {
      result = await work(controller.signal);
    } catch (error) {
      if (!this.#settle(call)) return;
      if (!fail) throw error;
      return fail(error);
    }
    if (this.#settle(call)) apply(result);
  }

  /** Abandons the run under way (Cancel): its signal aborts and its outcome will be dropped. */
  abort(): void {
    this.#calls++;
    this.#controller?.abort();
    this.#controller = undefined;
  }

  hostDisconnected(): void {
    this.abort();
  }

  /** Ends run `call` if it is still the latest; says whether its outcome counts. */
  #settle(call: number): boolean {
    if (call !== this.#calls) return false;
    this.#controller = undefined;
    return true;
  }
}
