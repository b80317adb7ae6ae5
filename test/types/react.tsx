// Compiled by `npm run typecheck`, never run: proves the React typings. Each `@ts-expect-error`
// line must be an error; if the typings let it through, tsc reports the unused directive.
import { createRestBackend, type PasskeyErrorCode, type PasskeyUser } from '../../src/index.ts';
import { PasskeyLogin, PasskeyProfile, usePasskeySession, usePasskeyUser, type PasskeyLoginProps } from '../../src/react/index.ts';
import type { PasskeyLogin as PasskeyLoginElement } from '../../src/index.ts';

declare function show(user: PasskeyUser): void;
declare function report(code: PasskeyErrorCode): void;
declare const loginRef: { current: PasskeyLoginElement | null };

// React 19: the elements themselves, properties and `on<event name>` props.
export const nativeLogin = (
  <passkey-login
    api="/api/passkeys"
    mode="signup"
    identifier="username"
    noAutofill
    redirect="/account"
    strings={{ signInTitle: 'Welcome back' }}
    ref={loginRef}
    className="login"
    onpasskey-signed-in={(event) => show(event.detail.user)}
    onpasskey-signed-up={(event) => show(event.detail.user)}
    onpasskey-signed-out={(event) => event.detail}
    onpasskey-error={(event) => report(event.detail.code)}
  />
);

export const nativeProfile = (
  <passkey-profile
    backend={createRestBackend('/api/passkeys')}
    onpasskey-created={(event) => event.detail.passkey.id}
    onpasskey-renamed={(event) => event.detail.passkey.name}
    onpasskey-removed={(event) => event.detail.passkeyId}
    onpasskey-session-revoked={(event) => event.detail.sessionId}
    onpasskey-account-deleted={() => undefined}
    onpasskey-signed-out={() => undefined}
    onpasskey-error={(event) => report(event.detail.code)}
  />
);

// @ts-expect-error: mode is 'signin' | 'signup'
export const wrongMode = <passkey-login mode="register" />;
// @ts-expect-error: identifier is 'email' | 'username'
export const wrongIdentifier = <passkey-login identifier="phone" />;
// @ts-expect-error: api is a string
export const wrongApi = <passkey-login api={42} />;
// @ts-expect-error: not a property of the element
export const unknownProp = <passkey-login colour="red" />;
// @ts-expect-error: the signed-in event carries a user, not a passkey
export const wrongDetail = <passkey-login onpasskey-signed-in={(event) => event.detail.passkey} />;
// @ts-expect-error: the handler's parameter must accept the element's event
export const wrongHandler = <passkey-login onpasskey-error={(event: CustomEvent<{ user: PasskeyUser }>) => event.detail.user} />;
// JSX accepts any hyphenated attribute, so a foreign event prop is caught on the props type instead.
// @ts-expect-error: <passkey-login> does not emit passkey-created
export type ForeignEvent = PasskeyLoginProps['onpasskey-created'];
// @ts-expect-error: the profile's backend must implement the account operations too
export const loginOnlyBackend = <passkey-profile backend={{ signOut: async () => undefined }} />;
// @ts-expect-error: private state is not a prop
export const privateState = <passkey-profile state={{ name: 'loading' }} />;

// React 18 and later: the @lit/react wrappers with camel-case event props.
export const wrappedLogin = (
  <PasskeyLogin
    api="/api/passkeys"
    mode="signin"
    onSignedIn={(event) => show(event.detail.user)}
    onSignedUp={(event) => show(event.detail.user)}
    onSignedOut={() => undefined}
    onError={(event) => report(event.detail.code)}
  />
);

export const wrappedProfile = (
  <PasskeyProfile
    api="/api/passkeys"
    onPasskeyCreated={(event) => event.detail.passkey.name}
    onPasskeyRenamed={(event) => event.detail.passkey.name}
    onPasskeyRemoved={(event) => event.detail.passkeyId}
    onSessionRevoked={(event) => event.detail.sessionId}
    onAccountDeleted={() => undefined}
    onSignedOut={() => undefined}
    onError={(event) => report(event.detail.code)}
  />
);

// @ts-expect-error: mode is 'signin' | 'signup'
export const wrappedWrongMode = <PasskeyLogin mode="register" />;
// @ts-expect-error: the signed-in event carries a user, not a passkey
export const wrappedWrongDetail = <PasskeyLogin onSignedIn={(event) => event.detail.passkey} />;
// @ts-expect-error: the error handler receives a PasskeyErrorDetail
export const wrappedWrongHandler = <PasskeyLogin onError={(event: CustomEvent<{ user: PasskeyUser }>) => event.detail.user} />;
// @ts-expect-error: <passkey-login> has no onPasskeyCreated
export const wrappedForeignEvent = <PasskeyLogin onPasskeyCreated={() => undefined} />;

// <passkey-backend> shares one backend with the elements inside it.
export const provided = (
  <passkey-backend api="/api/passkeys">
    <passkey-login />
    <passkey-profile />
  </passkey-backend>
);
// @ts-expect-error: backend must be a PasskeyBackend
export const wrongProvidedBackend = <passkey-backend backend="/api/passkeys" />;

// The session hooks: the user exists only once the status says signed-in.
export function SessionLine() {
  const session = usePasskeySession();
  const user: PasskeyUser | null = usePasskeyUser();
  // @ts-expect-error: unknown or signed out, there is no user to read
  const early: string = session.user.identifier;
  if (session.status === 'signed-out') return <p>{session.reason}</p>;
  if (session.status !== 'signed-in') return <p>{early}{user?.identifier}</p>;
  return <p>{session.user.identifier}{String(session.restored)}</p>;
}
