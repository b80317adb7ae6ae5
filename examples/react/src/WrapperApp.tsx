// The React components from passkey-elements/react (made with @lit/react): camelCase event props,
// and they work in React 18 too. Importing them registers both elements.
import { PasskeyLogin, PasskeyProfile } from 'passkey-elements/react';
import { api, useSignedInUser } from './session.ts';

/** The same app as NativeElementsApp, with the wrapper components. */
export function WrapperApp() {
  const [user, setUser] = useSignedInUser();
  if (user === undefined) return <p>Loading…</p>;

  if (user === null) {
    return <PasskeyLogin api={api} onSignedIn={(event) => setUser(event.detail.user)} />;
  }
  return (
    <>
      <p className="signed-in">Signed in as {user.identifier}</p>
      <PasskeyProfile api={api} onSignedOut={() => setUser(null)} onAccountDeleted={() => setUser(null)} />
    </>
  );
}
