import { isIP } from 'node:net';

/** Everything the reference server needs to know about its deployment. */
export interface PasskeyServerConfig {
  /** WebAuthn relying party id: the registrable domain, e.g. `example.com` or `localhost`. */
  rpId: string;
  /** Name shown by passkey managers next to the passkey. */
  rpName: string;
  /** Origins allowed to run ceremonies and to call the API, e.g. `https://app.example.com`. */
  origins: string[];
  /**
   * Top-level origins allowed to embed the elements in a cross-origin iframe, e.g.
   * `https://portal.example.org`. A ceremony with `crossOrigin: true` is refused unless its
   * `topOrigin` is listed here. Default: none, so ceremonies run only in a top-level page.
   */
  topOrigins: string[];
  /** Where the API is mounted, without a trailing slash. */
  basePath: string;
  /** PostgreSQL connection string; when absent the server uses PGlite. */
  databaseUrl?: string;
  /** Directory for PGlite's files; absent (and no `databaseUrl`) means an in-memory database. */
  dataDir?: string;
  /** How long a ceremony's challenge stays valid. */
  challengeTtlMs: number;
  /** Absolute lifetime: how long a session lives after sign-in, however active (default 12 hours). */
  sessionTtlMs: number;
  /** Idle timeout: a session without a request for this long ends (default 30 minutes). */
  sessionIdleMs: number;
  /** Sessions one account may hold; signing in once more ends the least recently active (default 20). */
  maxSessionsPerAccount: number;
  /**
   * How long a passkey verification (sign-in, sign-up or re-authentication) lets the session do
   * sensitive things: remove a passkey, revoke sessions, delete the account. Absent: 5 minutes.
   */
  reauthWindowMs?: number;
  /**
   * Where mail goes: an SMTP URL for nodemailer, e.g. `smtps://user:password@smtp.example.com`.
   * Without it, outside production, codes go to the console and the development outbox.
   */
  smtpUrl?: string;
  /** The mails' sender; absent: `"<rpName>" <no-reply@<rpId>>`. */
  mailFrom?: string;
  /** Whether an address must be confirmed by a code at sign-up (`required`), may be later (`optional`), or never is (`off`). */
  emailVerification: EmailVerification;
  /** What an email code may do: sign in (`on`), only lead to a new passkey (`recovery`), nothing (`off`). */
  codeSignIn: CodeSignIn;
  /** `two-factor`: an email code alone never gives a session; recovery also takes a recovery code. */
  signInPolicy: SignInPolicy;
  /** Key of the codes' keyed hash; absent: a random key generated once and kept in the database. */
  codeSecret?: string;
  /** Lifetimes, tries and request limits of email codes. */
  codeLimits: CodeLimits;
  /**
   * How many reverse proxies in front of the server append to `X-Forwarded-For`: the client address
   * of the rate limits is the entry that many places from the end. 0 (the default) ignores the
   * header and uses the connection's address.
   */
  trustProxy: number;
  /** Limits on passkey ceremonies, kept in the database so they hold across processes. */
  rateLimits: CeremonyLimits;
  /**
   * Whether answers hide which identifiers have an account: identifier-first sign-in gets decoy
   * options for an unknown one, and an email sign-up goes through a code. Default: on when
   * `NODE_ENV` is `production`.
   */
  enumerationSafe: boolean;
  /**
   * Days a security event is kept (docs/server.md, "Security events"); older ones are purged. Also
   * how long the `account-deleted` event outlives a deleted account.
   */
  securityEventRetentionDays: number;
  /**
   * A hosted Passkey API tenant that does the WebAuthn work (docs/hosted-engine.md). Absent: the
   * server's own engine on @simplewebauthn/server.
   */
  hostedPasskeyApi?: HostedPasskeyApi;
}

/** Where the tenant of a hosted Passkey API is and how the server may call it. */
export interface HostedPasskeyApi {
  tenantId: string;
  /** The tenant's secret API key: it stays on the server, no answer ever carries it. */
  apiKey: string;
  /** Default: the SDK's, the public hosted service. */
  baseUrl?: string;
  /** The `aud` the tenant's tokens must carry. Default: the server's RP ID. */
  audience?: string;
}

export type EmailVerification = 'required' | 'optional' | 'off';
export type CodeSignIn = 'on' | 'recovery' | 'off';
export type SignInPolicy = 'standard' | 'two-factor';

/** At most `max` events per fixed window of `windowMs`. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

export interface CodeLimits {
  /** How long a code stays valid. */
  lifetimeMs: number;
  /** Tries per code; the last wrong one spends it. */
  maxAttempts: number;
  /** Least time between two codes for the same purpose and address. */
  resendCooldownMs: number;
  /** Mails to one address, whatever their purpose. */
  perAddress: RateLimit;
  /** Code requests from one client address. */
  perClient: RateLimit;
  /** Code checks from one client address. */
  triesPerClient: RateLimit;
}

export interface CeremonyLimits {
  /** Ceremony requests (options and verify of every ceremony) from one client address. */
  perClient: RateLimit;
  /** Sign-in and re-authentication attempts for one identifier or account. */
  perAccount: RateLimit;
  /** Unexpired challenges one client address may hold at once. */
  pendingChallengesPerClient: number;
}

/** The same configuration with every field that has a default made optional. */
export type PasskeyServerOptions = Pick<PasskeyServerConfig, 'rpId' | 'origins'> &
  Partial<Omit<PasskeyServerConfig, 'rpId' | 'origins' | 'codeLimits' | 'rateLimits' | 'topOrigins'>> & {
    topOrigins?: readonly string[];
    codeLimits?: Partial<CodeLimits>;
    rateLimits?: Partial<CeremonyLimits>;
  };

export const defaultConfig = {
  rpName: 'Passkey Elements demo',
  basePath: '/api/passkeys',
  challengeTtlMs: 5 * 60 * 1000,
  // NIST SP 800-63B at AAL2, accepted as "suitable" for TR-03161 O.Auth_10/11 (docs/server.md).
  sessionTtlMs: 12 * 60 * 60 * 1000,
  sessionIdleMs: 30 * 60 * 1000,
  maxSessionsPerAccount: 20,
  reauthWindowMs: 5 * 60 * 1000,
  emailVerification: 'optional',
  codeSignIn: 'on',
  signInPolicy: 'standard',
  trustProxy: 0,
  securityEventRetentionDays: 180,
  codeLimits: {
    lifetimeMs: 10 * 60 * 1000,
    maxAttempts: 5,
    resendCooldownMs: 30 * 1000,
    perAddress: { max: 5, windowMs: 60 * 60 * 1000 },
    perClient: { max: 100, windowMs: 10 * 60 * 1000 },
    triesPerClient: { max: 200, windowMs: 10 * 60 * 1000 },
  },
  // Generous for a clinic behind one NAT address: 600 ceremony requests (about 300 sign-ins) in
  // 10 minutes; 30 attempts on one account in 15 minutes; 300 ceremonies started and not finished.
  rateLimits: {
    perClient: { max: 600, windowMs: 10 * 60 * 1000 },
    perAccount: { max: 30, windowMs: 15 * 60 * 1000 },
    pendingChallengesPerClient: 300,
  },
} as const satisfies Partial<PasskeyServerConfig>;

const emailVerifications = ['required', 'optional', 'off'] as const satisfies readonly EmailVerification[];
const codeSignIns = ['on', 'recovery', 'off'] as const satisfies readonly CodeSignIn[];
const signInPolicies = ['standard', 'two-factor'] as const satisfies readonly SignInPolicy[];

/** The re-authentication window of a configuration, with its default. */
export function reauthWindowOf(config: Pick<PasskeyServerConfig, 'reauthWindowMs'>): number {
  return config.reauthWindowMs ?? defaultConfig.reauthWindowMs;
}

/** Fills in defaults and checks the configuration; throws an Error that says what is wrong. */
export function resolveConfig(options: PasskeyServerOptions): PasskeyServerConfig {
  const rpId = options.rpId.trim().toLowerCase();
  if (rpId === '') throw new Error('Passkey server config: rpId must not be empty.');
  refuseIpAddress(rpId);

  if (options.origins.length === 0) {
    throw new Error('Passkey server config: origins must list at least one origin.');
  }
  const origins = options.origins.map((origin) => normaliseOrigin(origin, rpId));
  // The embedding pages may be anywhere: they are not checked against the RP ID.
  const topOrigins = (options.topOrigins ?? []).map((origin) => webOrigin(origin, 'topOrigin'));

  const basePath = (options.basePath ?? defaultConfig.basePath).replace(/\/+$/, '');
  if (!basePath.startsWith('/')) {
    throw new Error(`Passkey server config: basePath "${basePath}" must start with "/".`);
  }

  const config: PasskeyServerConfig = {
    rpId,
    rpName: options.rpName ?? defaultConfig.rpName,
    origins,
    topOrigins,
    basePath,
    challengeTtlMs: positiveDuration('challengeTtlMs', options.challengeTtlMs ?? defaultConfig.challengeTtlMs),
    sessionTtlMs: positiveDuration('sessionTtlMs', options.sessionTtlMs ?? defaultConfig.sessionTtlMs),
    sessionIdleMs: positiveDuration('sessionIdleMs', options.sessionIdleMs ?? defaultConfig.sessionIdleMs),
    maxSessionsPerAccount: positiveCount('maxSessionsPerAccount', options.maxSessionsPerAccount ?? defaultConfig.maxSessionsPerAccount),
    securityEventRetentionDays: positiveCount('securityEventRetentionDays', options.securityEventRetentionDays ?? defaultConfig.securityEventRetentionDays),
    ...codeSettings(options),
  };
  if (options.reauthWindowMs !== undefined) {
    config.reauthWindowMs = positiveDuration('reauthWindowMs', options.reauthWindowMs);
  }
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') config.databaseUrl = options.databaseUrl;
  if (options.dataDir !== undefined && options.dataDir !== '') config.dataDir = options.dataDir;
  if (options.smtpUrl !== undefined && options.smtpUrl !== '') config.smtpUrl = checkSmtpUrl(options.smtpUrl);
  if (options.mailFrom !== undefined && options.mailFrom !== '') config.mailFrom = checkMailFrom(options.mailFrom);
  if (options.codeSecret !== undefined && options.codeSecret !== '') config.codeSecret = checkCodeSecret(options.codeSecret);
  if (options.hostedPasskeyApi !== undefined) config.hostedPasskeyApi = checkHostedPasskeyApi(options.hostedPasskeyApi);
  return config;
}

/** Whether the server sends email codes at all (and so needs a way to mail them). */
export function codesEnabled(config: Pick<PasskeyServerConfig, 'emailVerification' | 'codeSignIn'>): boolean {
  return config.emailVerification !== 'off' || config.codeSignIn !== 'off';
}

/** The sender of the server's mails, with its default. */
export function mailFromOf(config: Pick<PasskeyServerConfig, 'mailFrom' | 'rpName' | 'rpId'>): string {
  return config.mailFrom ?? `"${config.rpName.replace(/["\\]/g, '')}" <no-reply@${config.rpId}>`;
}

/** `value` when it is one of `allowed`; otherwise an Error that lists them. */
export function oneOf<Value extends string>(name: string, allowed: readonly Value[], value: string): Value {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`Passkey server config: ${name} "${value}" must be one of ${allowed.map((each) => `"${each}"`).join(', ')}.`);
  }
  return value as Value;
}

function codeSettings(options: PasskeyServerOptions) {
  const emailVerification = oneOf('emailVerification', emailVerifications, options.emailVerification ?? defaultConfig.emailVerification);
  const codeSignIn = oneOf('codeSignIn', codeSignIns, options.codeSignIn ?? defaultConfig.codeSignIn);
  const signInPolicy = oneOf('signInPolicy', signInPolicies, options.signInPolicy ?? defaultConfig.signInPolicy);
  // Sign-in codes go only to confirmed addresses; with confirmation off there would never be one.
  if (emailVerification === 'off' && codeSignIn !== 'off') {
    throw new Error(
      `Passkey server config: codeSignIn "${codeSignIn}" needs email verification, because sign-in codes go only to confirmed addresses. ` +
        'Set emailVerification to "optional" or "required", or codeSignIn to "off".',
    );
  }
  const trustProxy = options.trustProxy ?? defaultConfig.trustProxy;
  if (!Number.isInteger(trustProxy) || trustProxy < 0) {
    throw new Error('Passkey server config: trustProxy must be a whole number of proxies (0 or more).');
  }
  return {
    emailVerification,
    codeSignIn,
    signInPolicy,
    trustProxy,
    codeLimits: codeLimitsOf(options.codeLimits ?? {}),
    rateLimits: ceremonyLimitsOf(options.rateLimits ?? {}),
    enumerationSafe: options.enumerationSafe ?? process.env.NODE_ENV === 'production',
  };
}

function checkedRateLimit(name: string, { max, windowMs }: RateLimit): RateLimit {
  return { max: positiveCount(`${name}.max`, max), windowMs: positiveDuration(`${name}.windowMs`, windowMs) };
}

function ceremonyLimitsOf(limits: Partial<CeremonyLimits>): CeremonyLimits {
  const defaults = defaultConfig.rateLimits;
  return {
    perClient: checkedRateLimit('rateLimits.perClient', limits.perClient ?? defaults.perClient),
    perAccount: checkedRateLimit('rateLimits.perAccount', limits.perAccount ?? defaults.perAccount),
    pendingChallengesPerClient: positiveCount(
      'rateLimits.pendingChallengesPerClient',
      limits.pendingChallengesPerClient ?? defaults.pendingChallengesPerClient,
    ),
  };
}

function codeLimitsOf(limits: Partial<CodeLimits>): CodeLimits {
  const defaults = defaultConfig.codeLimits;
  const rateLimit = (name: string, limit: RateLimit | undefined, fallback: RateLimit): RateLimit =>
    checkedRateLimit(`codeLimits.${name}`, limit ?? fallback);
  return {
    lifetimeMs: positiveDuration('codeLimits.lifetimeMs', limits.lifetimeMs ?? defaults.lifetimeMs),
    maxAttempts: positiveCount('codeLimits.maxAttempts', limits.maxAttempts ?? defaults.maxAttempts),
    resendCooldownMs: positiveDuration('codeLimits.resendCooldownMs', limits.resendCooldownMs ?? defaults.resendCooldownMs),
    perAddress: rateLimit('perAddress', limits.perAddress, defaults.perAddress),
    perClient: rateLimit('perClient', limits.perClient, defaults.perClient),
    triesPerClient: rateLimit('triesPerClient', limits.triesPerClient, defaults.triesPerClient),
  };
}

function checkSmtpUrl(smtpUrl: string): string {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    // The value may hold a password: never repeat it.
    throw new Error('Passkey server config: smtpUrl is not a URL (expected smtp://host:port or smtps://user:password@host).');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error('Passkey server config: smtpUrl must start with smtp:// or smtps://.');
  }
  return smtpUrl;
}

// A line break in a header value would let it add headers of its own.
function checkMailFrom(mailFrom: string): string {
  if (/\p{Cc}/u.test(mailFrom) || !mailFrom.includes('@')) {
    throw new Error(`Passkey server config: mailFrom "${mailFrom}" must be one address, e.g. "Example <no-reply@example.com>".`);
  }
  return mailFrom;
}

function checkCodeSecret(codeSecret: string): string {
  if (codeSecret.length < 32) throw new Error('Passkey server config: codeSecret must be at least 32 characters (e.g. 32 random bytes in hex).');
  return codeSecret;
}

// Browsers send `Origin` without a path or trailing slash; compare against that exact form.
function webOrigin(origin: string, name: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new Error(`Passkey server config: ${name} "${origin}" is not a URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`Passkey server config: ${name} "${origin}" must use http or https.`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new Error(`Passkey server config: ${name} "${origin}" must not have a path, query or fragment.`);
  }
  return url.origin;
}

// WebAuthn wants a domain as RP ID: browsers refuse a ceremony on 127.0.0.1 or ::1 outright.
function refuseIpAddress(rpId: string): void {
  if (isIP(rpId.replace(/^\[(.*)\]$/, '$1')) === 0) return;
  throw new Error(
    `Passkey server config: rpId "${rpId}" is an IP address, and browsers refuse IP addresses as RP ID. ` +
      'Use "localhost" (RP_ID=localhost, with the page at http://localhost:PORT) or a domain name.',
  );
}

function normaliseOrigin(origin: string, rpId: string): string {
  const normalised = webOrigin(origin, 'origin');
  // WebAuthn refuses an RP ID that is not the origin's host or a parent domain of it.
  const { hostname } = new URL(normalised);
  if (hostname !== rpId && !hostname.endsWith(`.${rpId}`)) {
    throw new Error(`Passkey server config: origin "${origin}" is not on the RP ID "${rpId}" or a subdomain of it.`);
  }
  return normalised;
}

function positiveCount(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`Passkey server config: ${name} must be a whole number of at least 1.`);
  return value;
}

function positiveDuration(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`Passkey server config: ${name} must be a positive number of milliseconds.`);
  }
  return value;
}

function checkHostedPasskeyApi(hosted: HostedPasskeyApi): HostedPasskeyApi {
  const tenantId = hosted.tenantId.trim();
  if (tenantId === '') throw new Error('Passkey server config: hostedPasskeyApi.tenantId must not be empty.');
  if (hosted.apiKey.trim() === '') throw new Error('Passkey server config: hostedPasskeyApi.apiKey must not be empty.');
  const checked: HostedPasskeyApi = { tenantId, apiKey: hosted.apiKey.trim() };
  if (hosted.baseUrl !== undefined && hosted.baseUrl !== '') {
    let url: URL;
    try {
      url = new URL(hosted.baseUrl);
    } catch {
      throw new Error(`Passkey server config: hostedPasskeyApi.baseUrl "${hosted.baseUrl}" is not a URL.`);
    }
    if (url.protocol !== 'https:' && url.hostname !== 'localhost' && url.hostname !== '127.0.0.1') {
      throw new Error(`Passkey server config: hostedPasskeyApi.baseUrl "${hosted.baseUrl}" must be https (the API key travels with every call).`);
    }
    checked.baseUrl = url.href;
  }
  if (hosted.audience !== undefined && hosted.audience.trim() !== '') checked.audience = hosted.audience.trim();
  return checked;
}
