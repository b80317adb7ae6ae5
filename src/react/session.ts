import { useSyncExternalStore } from 'react';
import type { PasskeyUser } from '../core/backend.ts';
import { sessionStoreOf, unknownSession, type PasskeySession } from '../core/session-store.ts';

/**
 * Who is signed in, as the page's elements said: `{ status: 'unknown' }` until one of them says,
 * then `{ status: 'signed-in', user, restored }` or `{ status: 'signed-out', reason }`. It follows
 * `passkey-signed-in`, `passkey-signed-out` and `passkey-account-updated` from any element in the
 * document; on the server it is `unknown`, and so is the first render after hydration.
 */
export function usePasskeySession(): PasskeySession {
  const store = sessionStoreOf();
  return useSyncExternalStore(store.subscribe, store.current, serverSession);
}

/** The signed-in user, or `null` while nobody is known to be signed in. */
export function usePasskeyUser(): PasskeyUser | null {
  return usePasskeySession().user;
}

const serverSession = () => unknownSession;

// From the moment the bindings load, before any component renders: a session the login finds
// open while the page still hydrates is not missed.
sessionStoreOf();
