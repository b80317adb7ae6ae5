// The session hook; importing passkey-elements/react also defines the elements and brings their
// JSX types (props and `onpasskey-*` events). React 19 renders custom elements natively.
import { usePasskeySession } from 'passkey-elements/react';

/** The login for visitors, the account page once signed in, with the elements used as plain tags. */
export function NativeElementsApp() {
  // The login finds a session still open after a reload and says so: no request of our own.
  const session = usePasskeySession();
  if (session.status !== 'signed-in') return <passkey-login api="/api/passkeys" />;
  return (
    <>
      <p className="signed-in">Signed in as {session.user.identifier}</p>
      <passkey-profile api="/api/passkeys" />
    </>
  );
}
