/** One passkey request the page made: `get` or `create`, and how it ended (`resolved`, an error name; undefined while open). */
export interface CeremonyCall {
  kind: 'get' | 'create';
  conditional: boolean;
  outcome?: string;
}

/**
 * Counts the page's `navigator.credentials` requests and records how each ended, passing them on
 * to the browser. `hang: n` answers the first n requests with a promise that never settles and
 * ignores its abort signal, as a stuck passkey sheet does.
 */
export function countCeremonies({ hang = 0 } = {}): { calls: CeremonyCall[]; restore(): void } {
  const credentials = navigator.credentials;
  const calls: CeremonyCall[] = [];
  const watch = (kind: CeremonyCall['kind'], browser: (options?: CredentialRequestOptions & CredentialCreationOptions) => Promise<Credential | null>) =>
    (options?: CredentialRequestOptions & CredentialCreationOptions) => {
      const call: CeremonyCall = { kind, conditional: options?.mediation === 'conditional' };
      calls.push(call);
      if (calls.length <= hang) return new Promise<Credential | null>(() => {});
      return browser(options).then(
        (credential) => ((call.outcome = 'resolved'), credential),
        (error: unknown) => {
          call.outcome = error instanceof Error ? error.name : String(error);
          throw error;
        },
      );
    };
  const get = credentials.get.bind(credentials);
  const create = credentials.create.bind(credentials);
  credentials.get = watch('get', get);
  credentials.create = watch('create', create);
  return {
    calls,
    restore() {
      // The own properties go, and the container's methods show through again.
      delete (credentials as Partial<CredentialsContainer>).get;
      delete (credentials as Partial<CredentialsContainer>).create;
    },
  };
}
