'use client';
import { usePasskeyUser } from 'passkey-elements/react';

export default function Home() {
  const user = usePasskeyUser();
  return (
    <main>
      {user && <p className="signed-in">Signed in as {user.identifier}</p>}
      <passkey-account api="/api/passkeys" />
    </main>
  );
}
