import type { Context } from '@lit/context';
import type { PasskeyBackend } from './backend.ts';

/**
 * The context (community context protocol, as in @lit/context) through which an ancestor gives
 * the passkey elements inside it one shared backend: `new ContextProvider(host, { context:
 * passkeyBackendContext, initialValue: createRestBackend('/api/passkeys') })`, or `<passkey-backend>`.
 * A string key, so that two bundles of the elements on one page still meet the same provider.
 */
export const passkeyBackendContext = 'passkey-elements/backend' as Context<'passkey-elements/backend', PasskeyBackend>;

/** Called by a provider with its backend, and again whenever it changes while subscribed. */
export type BackendCallback = (backend: PasskeyBackend, unsubscribe?: () => void) => void;

/** The `context-request` event of the protocol, as the elements send it and a provider reads it. */
export interface BackendRequestEvent extends Event {
  context: unknown;
  contextTarget: Element;
  callback: BackendCallback;
  subscribe?: boolean;
}

/** Asks the ancestors for the shared backend; a provider answers through `callback`, at once or later. */
export function requestBackend(target: Element, callback: BackendCallback): void {
  const request = new Event('context-request', { bubbles: true, composed: true });
  target.dispatchEvent(Object.assign(request, { context: passkeyBackendContext, contextTarget: target, callback, subscribe: true }));
}
