import type { PasskeyBackend } from './backend.ts';
import { passkeyBackendContext, type BackendCallback, type BackendRequestEvent } from './context.ts';
import { createRestBackend } from './rest-backend.ts';

/**
 * Gives every passkey element inside it one shared backend, so that they need no `api` of their
 * own: a REST client for its `api` attribute, or the object set as its `backend` property. An
 * element's own `backend` or `api` still wins. Lays out nothing itself (`display: contents`).
 *
 * ```html
 * <passkey-backend api="/api/passkeys">
 *   <passkey-login></passkey-login>
 *   <passkey-profile></passkey-profile>
 * </passkey-backend>
 * ```
 *
 * @tag passkey-backend
 * @summary Shares one backend with the passkey elements inside it.
 * @slot - The elements (and anything else) that use the backend.
 */
export class PasskeyBackendProvider extends ((globalThis.HTMLElement ?? class {}) as typeof HTMLElement) {
  // The fallback base class lets Node (server-side rendering) import this module: it has no HTMLElement.
  static observedAttributes = ['api'];

  #backend?: PasskeyBackend;
  #rest?: { api: string; backend: PasskeyBackend };
  /** Subscribed elements, each with the function that ends its subscription. */
  #subscribers = new Map<BackendCallback, () => void>();

  constructor() {
    super();
    // DOM calls and an adopted sheet rather than innerHTML and <style>: pages with a strict CSP and Trusted Types allow these.
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [layoutSheet()];
    root.append(document.createElement('slot'));
    this.addEventListener('context-request', (event) => this.#answer(event as BackendRequestEvent));
  }

  /** Base URL of a backend speaking the passkey-elements protocol, e.g. `/api/passkeys`. */
  get api(): string {
    return this.getAttribute('api') ?? '';
  }
  set api(value: string) {
    this.setAttribute('api', value);
  }

  /** A backend object; takes precedence over `api`. */
  get backend(): PasskeyBackend | undefined {
    return this.#backend;
  }
  set backend(value: PasskeyBackend | undefined) {
    this.#backend = value;
    this.#notify();
  }

  connectedCallback(): void {
    // For @lit/context's ContextRoot: elements that asked before this provider was defined ask again.
    this.dispatchEvent(Object.assign(new Event('context-provider', { bubbles: true, composed: true }), { context: passkeyBackendContext }));
  }

  attributeChangedCallback(): void {
    this.#notify();
  }

  #current(): PasskeyBackend | undefined {
    if (this.#backend) return this.#backend;
    const { api } = this;
    if (!api) return undefined;
    if (this.#rest?.api !== api) this.#rest = { api, backend: createRestBackend(api) };
    return this.#rest.backend;
  }

  #answer(request: BackendRequestEvent): void {
    const backend = this.#current();
    // Without a backend of its own, a provider further up may have one.
    if (request.context !== passkeyBackendContext || !backend) return;
    request.stopPropagation();
    if (!request.subscribe) return request.callback(backend);
    const { callback } = request;
    const unsubscribe = this.#subscribers.get(callback) ?? (() => this.#subscribers.delete(callback));
    this.#subscribers.set(callback, unsubscribe);
    callback(backend, unsubscribe);
  }

  #notify(): void {
    const backend = this.#current();
    if (backend) for (const [callback, unsubscribe] of this.#subscribers) callback(backend, unsubscribe);
  }
}

let sharedLayoutSheet: CSSStyleSheet | undefined;

/** `display: contents`, one sheet for every provider on the page. */
function layoutSheet(): CSSStyleSheet {
  if (!sharedLayoutSheet) {
    sharedLayoutSheet = new CSSStyleSheet();
    sharedLayoutSheet.replaceSync(':host { display: contents; }');
  }
  return sharedLayoutSheet;
}
