// The parts of passport-fido2-webauthn 0.1 (which ships no types) that the test server uses.
declare module 'passport-fido2-webauthn' {
  import type { Request } from 'express';
  import { Strategy as PassportStrategy } from 'passport';

  type Done<User> = (error: Error | null, user?: User | false, publicKeyOrInfo?: string | { message: string }) => void;

  export interface WebAuthnUser {
    id: Buffer;
    name: string;
    displayName: string;
  }

  export class SessionChallengeStore {
    challenge(req: Request, callback: (error: Error | null, challenge: Buffer) => void): void;
    challenge(req: Request, info: { user: WebAuthnUser }, callback: (error: Error | null, challenge: Buffer) => void): void;
  }

  export default class Strategy<User> extends PassportStrategy {
    constructor(
      options: { store: SessionChallengeStore },
      verify: (id: string, userHandle: Buffer | null, done: Done<User>) => void,
      register: (user: WebAuthnUser, id: string, publicKey: string, done: Done<User>) => void,
    );
  }
}
