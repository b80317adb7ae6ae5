import type { ReactiveController, ReactiveElement } from 'lit';
import type { PasskeyBackend } from './backend.ts';
import { requestBackend } from './context.ts';
import { warnOnce } from './dev-warnings.ts';
import { PasskeyError } from './errors.ts';

/**
 * The backend an element talks to, in this order: its `backend` property, a REST client for its
 * `api` attribute (built once per URL), or the backend an ancestor provides through
 * `passkeyBackendContext`. Nothing is configured globally.
 */
export class ConfiguredBackend<Backend> implements ReactiveController {
  #rest?: { api: string; backend: Backend };
  #provided?: Backend;
  #unsubscribe?: () => void;
  #requesting = false;

  /** `onProvided` runs when a provider answers late (after connecting) or its backend changes. */
  constructor(
    private readonly host: ReactiveElement,
    private readonly createRest: (api: string) => Backend,
    private readonly onProvided?: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#requesting = true;
    requestBackend(this.host, this.#receive);
    this.#requesting = false;
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = this.#provided = undefined;
  }

  // A field, not a method: providers (and @lit/context's ContextRoot) keep this very function.
  #receive = (backend: PasskeyBackend, unsubscribe?: () => void) => {
    if (unsubscribe !== this.#unsubscribe) this.#unsubscribe?.();
    this.#unsubscribe = unsubscribe;
    // A provider of the full backend serves `<passkey-login>` too: it needs only part of it.
    this.#provided = backend as Backend;
    if (!this.#requesting) this.onProvided?.();
  };

  /** Whether `resolve` has a backend to give, without warning when it has none. */
  has(api: string, backend: Backend | undefined): boolean {
    return Boolean(backend || api || this.#provided);
  }

  resolve(api: string, backend: Backend | undefined): Backend {
    if (backend) return backend;
    if (api) {
      if (this.#rest?.api !== api) this.#rest = { api, backend: this.createRest(api) };
      return this.#rest.backend;
    }
    if (this.#provided) return this.#provided;
    const missing = `<${this.host.localName}> needs an \`api\` attribute, a \`backend\` property or a provider of passkeyBackendContext around it`;
    warnOnce('no-backend', `${missing}, e.g. <${this.host.localName} api="/api/passkeys">.`);
    throw new PasskeyError('unknown', missing);
  }
}
