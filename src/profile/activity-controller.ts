import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PasskeyBackend, SecurityEvent } from '../core/backend.ts';
import { toPasskeyError, type PasskeyErrorCode } from '../core/errors.ts';

/** The "Recent security activity" section: closed until the user opens it, then its list. */
export type ActivityState =
  | { name: 'closed' }
  | { name: 'loading'; events?: SecurityEvent[] }
  | { name: 'shown'; events: SecurityEvent[] }
  | { name: 'failed'; error: PasskeyErrorCode };

/**
 * Loads the account's security events when the section is opened, and again after the user's own
 * acts while it is open. Opening is the user's choice, so the account page itself stays one request.
 * A newer load aborts the one under way; disconnecting aborts it too.
 */
export class ActivityController implements ReactiveController {
  state: ActivityState = { name: 'closed' };
  #load?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly backend: () => PasskeyBackend,
  ) {
    host.addController(this);
  }

  /** Whether the backend can list events at all; without it the section is not shown. */
  get available(): boolean {
    return typeof this.backend().securityActivity === 'function';
  }

  get open(): boolean {
    return this.state.name !== 'closed';
  }

  toggle = (): void => {
    if (this.open) {
      this.#load?.abort();
      this.#set({ name: 'closed' });
    } else void this.#fetch();
  };

  /** After an act of the user's: the list again, if it is shown. */
  refresh(): void {
    if (this.open) void this.#fetch();
  }

  hostDisconnected(): void {
    this.#load?.abort();
  }

  async #fetch(): Promise<void> {
    const list = this.backend().securityActivity;
    if (!list) return;
    this.#load?.abort();
    const load = (this.#load = new AbortController());
    const { state } = this;
    this.#set({ name: 'loading', ...('events' in state && state.events && { events: state.events }) });
    try {
      const events = await list.call(this.backend(), { signal: load.signal });
      if (!load.signal.aborted) this.#set({ name: 'shown', events });
    } catch (error) {
      if (!load.signal.aborted) this.#set({ name: 'failed', error: toPasskeyError(error).code });
    }
  }

  #set(state: ActivityState): void {
    this.state = state;
    this.host.requestUpdate();
  }
}
