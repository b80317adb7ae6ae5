import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PasskeyError, type PasskeyErrorCode } from '../core/errors.ts';
import { checkIdentifier, checkDisplayName } from '../protocol/input-rules.ts';

/** Options older than this share of their timeout are fetched again: their challenge may have expired. */
const freshness = 0.8;
const defaultTimeoutMs = 300_000;
/** How long an answer about the identifier itself (no such account, taken) stands in for asking again. */
const answerLifetimeMs = 60_000;
/** Answers that say something about the identifier and hold for a click right after: kept like options. */
const answersAboutIdentifier: ReadonlySet<PasskeyErrorCode> = new Set(['unknown-user', 'identifier-taken']);

/** What a set of options is for: the usernameless sign-in, one identifier's sign-in, or one sign-up form's content. */
export type OptionsPurpose =
  | { ceremony: 'sign-in'; identifier?: string }
  | { ceremony: 'sign-up'; identifier: string; displayName: string };

interface Held {
  key: string;
  request: Promise<{ timeout?: number }>;
  expiresAt: number;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * The WebAuthn options fetched before the user acts, so that a click costs only the verification.
 * At most one set is held, the latest fetched: servers that keep one challenge per session honour
 * only that one. Options are single-use: `take` hands them to a ceremony and forgets them, and
 * they are dropped when their timeout nears (`onExpired` then says so, to fetch new ones).
 */
export class PrefetchedOptions implements ReactiveController {
  #held?: Held;

  constructor(host: ReactiveControllerHost, private readonly onExpired: (purpose: string) => void) {
    host.addController(this);
  }

  /** Whether fresh options (or an answer about the identifier) for `purpose` are held or on their way. */
  holds(purpose: OptionsPurpose): boolean {
    const held = this.#held;
    return !!held && held.key === optionsKey(purpose) && held.expiresAt > Date.now();
  }

  /** The options for `purpose`, held or fetched now; fetching replaces whatever was held. */
  get<Options extends { timeout?: number }>(purpose: OptionsPurpose, fetch: () => Promise<Options>): Promise<Options> {
    if (this.holds(purpose)) return this.#held!.request as Promise<Options>;
    this.drop();
    const requestedAt = Date.now();
    // A backend that throws at once (none configured) fails the request like any other failure.
    const held: Held = { key: optionsKey(purpose), request: new Promise<Options>((resolve) => resolve(fetch())), expiresAt: Infinity };
    this.#held = held;
    held.request.then(
      (options) => this.#expireAt(held, requestedAt + (options.timeout ?? defaultTimeoutMs) * freshness),
      (error: unknown) => {
        if (error instanceof PasskeyError && answersAboutIdentifier.has(error.code)) this.#expireAt(held, requestedAt + answerLifetimeMs);
        // Anything else (the network, a limit) is asked again by the click, which shows it.
        else if (this.#held === held) this.drop();
      },
    );
    return held.request as Promise<Options>;
  }

  /** The options for a ceremony about to start: held or fetched, and forgotten either way, since a challenge serves one ceremony. */
  take<Options extends { timeout?: number }>(purpose: OptionsPurpose, fetch: () => Promise<Options>): Promise<Options> {
    const request = this.get(purpose, fetch);
    this.drop();
    return request;
  }

  /** Forgets the options held: a ceremony used them, or the server may have replaced their challenge. */
  drop(): void {
    if (this.#held?.timer !== undefined) clearTimeout(this.#held.timer);
    this.#held = undefined;
  }

  hostDisconnected(): void {
    this.drop();
  }

  #expireAt(held: Held, expiresAt: number): void {
    if (this.#held !== held) return;
    held.expiresAt = expiresAt;
    held.timer = setTimeout(() => {
      if (this.#held !== held) return;
      this.drop();
      this.onExpired(held.key);
    }, Math.max(0, expiresAt - Date.now()));
  }
}

/** The usernameless sign-in. */
export const usernameless: Extract<OptionsPurpose, { ceremony: 'sign-in' }> = { ceremony: 'sign-in' };

/** A purpose as a string, as `onExpired` names it. */
export function optionsKey(purpose: OptionsPurpose): string {
  return JSON.stringify(purpose.ceremony === 'sign-in' ? [purpose.ceremony, purpose.identifier ?? null] : [purpose.ceremony, purpose.identifier, purpose.displayName]);
}

/**
 * The identifier typed (trimmed, as it is sent), once it looks complete enough to ask for its
 * options: valid by the protocol's rules, and where the field asks for an email, an address with a
 * top-level domain of two letters or more (so neither `ada` on its way to `ada@` nor
 * `ada@example.c` on its way to `.com` is asked for). Undefined for partial input.
 */
export function plausibleIdentifier(typed: string, kind: 'email' | 'username'): string | undefined {
  const check = checkIdentifier(typed);
  if (!check.valid) return undefined;
  if (kind === 'email' && !/@.+\.[^.]{2,}$/.test(check.value)) return undefined;
  return typed.trim();
}

/** The sign-up form's content worth asking registration options for: a plausible identifier and an empty or valid name. */
export function plausibleSignUp(typed: { identifier: string; displayName: string }, kind: 'email' | 'username'): Extract<OptionsPurpose, { ceremony: 'sign-up' }> | undefined {
  const identifier = plausibleIdentifier(typed.identifier, kind);
  const displayName = typed.displayName.trim();
  if (!identifier || (displayName && !checkDisplayName(displayName).valid)) return undefined;
  return { ceremony: 'sign-up', identifier, displayName };
}
