/**
 * Vue 3 bindings: the session composables, and the `GlobalComponents` typings of the four tags
 * (generated from custom-elements.json) so that vue-tsc checks their props and `@passkey-*`
 * listeners. Importing this module registers the elements. Vue's template compiler must still be
 * told that `passkey-*` tags are custom elements (`compilerOptions.isCustomElement`).
 */
import { computed, getCurrentScope, onScopeDispose, shallowRef, type ComputedRef, type Ref } from 'vue';
import '../index.ts';
import type { PasskeyUser } from '../core/backend.ts';
import { sessionStoreOf, type PasskeySession } from '../core/session-store.ts';

export type { PasskeySession } from '../core/session-store.ts';
export type { PasskeyAccountVueProps, PasskeyBackendVueProps, PasskeyLoginVueProps, PasskeyProfileVueProps } from './components.ts';

/**
 * Who is signed in, as the page's elements said: `unknown` until one of them says, then
 * `signed-in` (with `user` and `restored`) or `signed-out` (with `reason`). It follows
 * `passkey-signed-in`, `passkey-signed-out` and `passkey-account-updated` from any element in the
 * document, and stops when the calling component (or effect scope) is disposed.
 */
export function usePasskeySession(): Readonly<Ref<PasskeySession>> {
  const store = sessionStoreOf();
  const session = shallowRef(store.current());
  const stop = store.subscribe(() => (session.value = store.current()));
  if (getCurrentScope()) onScopeDispose(stop);
  return session;
}

// From the moment the bindings load, before any component mounts: a session found open early is not missed.
sessionStoreOf();

/** The signed-in user, or `null` while nobody is known to be signed in. */
export function usePasskeyUser(): ComputedRef<PasskeyUser | null> {
  const session = usePasskeySession();
  return computed(() => session.value.user);
}
