import type { PasskeyUser } from './backend.ts';
import type { PasskeyEventMap, SignOutReason } from './events.ts';

/**
 * Who is signed in, as the page's elements last said: `unknown` until one of them says (a
 * `<passkey-login>` that finds a session open says so at once; one that finds none stays quiet
 * until someone signs in), then `signed-in` or `signed-out`.
 */
export type PasskeySession =
  | { status: 'unknown'; user: null }
  | { status: 'signed-in'; user: PasskeyUser; restored: boolean }
  | { status: 'signed-out'; user: null; reason: SignOutReason };

/** What the framework bindings read: the session now, and a call when it changes. */
export interface PasskeySessionStore {
  current(): PasskeySession;
  subscribe(listener: () => void): () => void;
}

export const unknownSession: PasskeySession = Object.freeze({ status: 'unknown', user: null });

/** On the server (no document) nobody can sign in: the session stays unknown. */
const serverStore: PasskeySessionStore = { current: () => unknownSession, subscribe: () => () => {} };

const stores = new WeakMap<Document, PasskeySessionStore>();

/**
 * The store of a document, made on first use: it follows the elements' events from then on, for
 * every component that reads it, so one mounted later still knows who signed in before it.
 */
export function sessionStoreOf(document: Document | undefined = globalThis.document): PasskeySessionStore {
  if (!document) return serverStore;
  let store = stores.get(document);
  if (!store) stores.set(document, (store = followEvents(document)));
  return store;
}

/** The next session after one of the elements' events. */
export function nextSession(session: PasskeySession, name: keyof SessionEvents, event: Event): PasskeySession {
  switch (name) {
    case 'passkey-signed-in': {
      const { user, restored } = (event as SessionEvents['passkey-signed-in']).detail;
      return { status: 'signed-in', user, restored };
    }
    case 'passkey-signed-out':
      return { status: 'signed-out', user: null, reason: (event as SessionEvents['passkey-signed-out']).detail.reason };
    default: {
      // Only a signed-in user can change their account: someone is, since before this page if it did not say so yet.
      const user = (event as SessionEvents['passkey-account-updated']).detail.user;
      return { status: 'signed-in', user, restored: session.status === 'signed-in' ? session.restored : true };
    }
  }
}

export type SessionEvents = Pick<PasskeyEventMap, 'passkey-signed-in' | 'passkey-signed-out' | 'passkey-account-updated'>;
const sessionEvents: (keyof SessionEvents)[] = ['passkey-signed-in', 'passkey-signed-out', 'passkey-account-updated'];

function followEvents(document: Document): PasskeySessionStore {
  let session = unknownSession;
  const listeners = new Set<() => void>();
  for (const name of sessionEvents) {
    // Capturing at the document: the elements' events cross shadow roots, and a listener that stops one on its way up does not hide it.
    document.addEventListener(name, (event) => {
      session = nextSession(session, name, event);
      for (const listener of listeners) listener();
    }, { capture: true });
  }
  return {
    current: () => session,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
