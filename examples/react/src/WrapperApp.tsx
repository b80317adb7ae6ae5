// The React components from passkey-elements/react (made with @lit/react): camelCase event props,
// and they work in React 18 too. Importing them registers the elements.
import { PasskeyLogin, PasskeyProfile, usePasskeySession } from 'passkey-elements/react';

/** The same app as NativeElementsApp, with the wrapper components. */
export function WrapperApp() {
  const session = usePasskeySession();
  if (session.status !== 'signed-in') return <PasskeyLogin api="/api/passkeys" />;
  return (
    <>
      <p className="signed-in">Signed in as {session.user.identifier}</p>
      <PasskeyProfile api="/api/passkeys" />
    </>
  );
}
