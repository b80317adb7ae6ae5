import { useEffect, useState } from 'react';
import { createRestBackend, type PasskeyUser } from 'passkey-elements';

export const api = '/api/passkeys';

/**
 * Who is signed in: `undefined` while asking the backend (the session is an httpOnly cookie, so
 * only the backend knows), then a user or `null`. The elements' events update it.
 */
export function useSignedInUser() {
  const [user, setUser] = useState<PasskeyUser | null | undefined>(undefined);
  useEffect(() => {
    const request = new AbortController();
    createRestBackend(api)
      .currentUser({ signal: request.signal })
      .then(setUser, (error: unknown) => {
        if (!request.signal.aborted) {
          console.error('Could not ask who is signed in:', error);
          setUser(null);
        }
      });
    return () => request.abort();
  }, []);
  return [user, setUser] as const;
}
