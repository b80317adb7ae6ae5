// Defines <passkey-login> and <passkey-profile>; React 19 renders custom elements natively.
import 'passkey-elements';
// JSX types of the two tags: props and `onpasskey-*` events.
import type {} from 'passkey-elements/react/jsx';
import { api, useSignedInUser } from './session.ts';

/** The login for visitors, the account page once signed in, with the elements used as plain tags. */
export function NativeElementsApp() {
  const [user, setUser] = useSignedInUser();
  if (user === undefined) return <p>Loading…</p>;

  if (user === null) {
    // React 19 turns `on<event-name>` props of custom elements into event listeners.
    return <passkey-login api={api} onpasskey-signed-in={(event) => setUser(event.detail.user)} />;
  }
  return (
    <>
      <p className="signed-in">Signed in as {user.identifier}</p>
      <passkey-profile api={api} onpasskey-signed-out={() => setUser(null)} onpasskey-account-deleted={() => setUser(null)} />
    </>
  );
}
