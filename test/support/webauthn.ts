import { executeServerCommand } from '@web/test-runner-commands';

/** Browser-side handles on the virtual authenticator (see webauthn-plugin.ts). */
export interface StoredCredential {
  credentialId: string;
  rpId: string;
  userHandle: string;
  signCount: number;
  isResidentCredential: boolean;
  /** The `user.name` and `user.displayName` the passkey manager shows; signalCurrentUserDetails updates them. */
  userName?: string;
  userDisplayName?: string;
}

export class VirtualAuthenticator {
  private constructor(readonly id: string) {}

  static async add(options: Record<string, unknown> = {}): Promise<VirtualAuthenticator> {
    return new VirtualAuthenticator(await executeServerCommand<string, Record<string, unknown>>('webauthn:add-authenticator', options));
  }

  remove() {
    return executeServerCommand('webauthn:remove-authenticator', { authenticatorId: this.id });
  }

  /** `false` makes the next ceremony fail user verification (NotAllowedError). */
  setUserVerified(isUserVerified: boolean) {
    return executeServerCommand('webauthn:set-user-verified', { authenticatorId: this.id, isUserVerified });
  }

  /** `false` leaves ceremonies waiting for a touch that never comes. */
  setPresence(enabled: boolean) {
    return executeServerCommand('webauthn:set-presence', { authenticatorId: this.id, enabled });
  }

  credentials() {
    return executeServerCommand<StoredCredential[], { authenticatorId: string }>('webauthn:credentials', { authenticatorId: this.id });
  }
}
