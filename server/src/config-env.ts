/**
 * The configuration from environment variables, for the standalone server, the Vite plugin and
 * anyone who deploys by environment (docs/server.md lists every variable).
 */
import { defaultConfig, oneOf, resolveConfig } from './config.ts';
import type { CeremonyLimits, CodeSignIn, EmailVerification, HostedPasskeyApi, PasskeyServerConfig, SignInPolicy } from './config.ts';

/**
 * Reads the configuration from environment variables: RP_ID, RP_NAME, ORIGINS and TOP_ORIGINS
 * (comma-separated), PORT (only for the default origin), DATABASE_URL, DATA_DIR, SMTP_URL, MAIL_FROM,
 * EMAIL_VERIFICATION, CODE_SIGN_IN, SIGN_IN_POLICY, CODE_SECRET, TRUST_PROXY, SESSION_IDLE_MINUTES,
 * SESSION_LIFETIME_HOURS, MAX_SESSIONS_PER_ACCOUNT, ENUMERATION_SAFE (`true` or `false`), and the
 * counts RATE_LIMIT_PER_CLIENT, RATE_LIMIT_PER_ACCOUNT and PENDING_CHALLENGES_PER_CLIENT (their
 * windows keep the defaults) and SECURITY_EVENT_RETENTION_DAYS; WEBAUTHN_ENGINE (`local` by
 * default, or `hosted-passkey-api` with PASSKEY_API_TENANT_ID, PASSKEY_API_KEY, PASSKEY_API_URL
 * and PASSKEY_API_AUDIENCE).
 */
export function configFromEnv(env: Record<string, string | undefined> = process.env): PasskeyServerConfig {
  const port = portFromEnv(env);
  return resolveConfig({
    rpId: env.RP_ID ?? 'localhost',
    rpName: env.RP_NAME ?? defaultConfig.rpName,
    origins: commaSeparated(env.ORIGINS ?? `http://localhost:${port}`),
    topOrigins: commaSeparated(env.TOP_ORIGINS ?? ''),
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR ?? '.data',
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    emailVerification: (env.EMAIL_VERIFICATION || undefined) as EmailVerification | undefined,
    codeSignIn: (env.CODE_SIGN_IN || undefined) as CodeSignIn | undefined,
    signInPolicy: (env.SIGN_IN_POLICY || undefined) as SignInPolicy | undefined,
    codeSecret: env.CODE_SECRET,
    trustProxy: env.TRUST_PROXY ? wholeNumber('TRUST_PROXY', env.TRUST_PROXY) : undefined,
    sessionIdleMs: env.SESSION_IDLE_MINUTES ? wholeNumber('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES) * 60_000 : undefined,
    sessionTtlMs: env.SESSION_LIFETIME_HOURS ? wholeNumber('SESSION_LIFETIME_HOURS', env.SESSION_LIFETIME_HOURS) * 3_600_000 : undefined,
    maxSessionsPerAccount: env.MAX_SESSIONS_PER_ACCOUNT ? wholeNumber('MAX_SESSIONS_PER_ACCOUNT', env.MAX_SESSIONS_PER_ACCOUNT) : undefined,
    rateLimits: ceremonyLimitsFromEnv(env),
    enumerationSafe: env.ENUMERATION_SAFE ? yesOrNo('ENUMERATION_SAFE', env.ENUMERATION_SAFE) : env.NODE_ENV === 'production',
    securityEventRetentionDays: env.SECURITY_EVENT_RETENTION_DAYS ? wholeNumber('SECURITY_EVENT_RETENTION_DAYS', env.SECURITY_EVENT_RETENTION_DAYS) : undefined,
    hostedPasskeyApi: hostedPasskeyApiFromEnv(env),
  });
}

function hostedPasskeyApiFromEnv(env: Record<string, string | undefined>): HostedPasskeyApi | undefined {
  if (oneOf('WEBAUTHN_ENGINE', ['local', 'hosted-passkey-api'] as const, env.WEBAUTHN_ENGINE || 'local') === 'local') return undefined;
  const { PASSKEY_API_TENANT_ID: tenantId, PASSKEY_API_KEY: apiKey } = env;
  if (!tenantId || !apiKey) {
    throw new Error('Passkey server config: WEBAUTHN_ENGINE "hosted-passkey-api" needs PASSKEY_API_TENANT_ID and PASSKEY_API_KEY.');
  }
  return { tenantId, apiKey, baseUrl: env.PASSKEY_API_URL || undefined, audience: env.PASSKEY_API_AUDIENCE || undefined };
}

function ceremonyLimitsFromEnv(env: Record<string, string | undefined>): Partial<CeremonyLimits> {
  const { perClient, perAccount } = defaultConfig.rateLimits;
  const limits: Partial<CeremonyLimits> = {};
  if (env.RATE_LIMIT_PER_CLIENT) limits.perClient = { ...perClient, max: wholeNumber('RATE_LIMIT_PER_CLIENT', env.RATE_LIMIT_PER_CLIENT) };
  if (env.RATE_LIMIT_PER_ACCOUNT) limits.perAccount = { ...perAccount, max: wholeNumber('RATE_LIMIT_PER_ACCOUNT', env.RATE_LIMIT_PER_ACCOUNT) };
  if (env.PENDING_CHALLENGES_PER_CLIENT) {
    limits.pendingChallengesPerClient = wholeNumber('PENDING_CHALLENGES_PER_CLIENT', env.PENDING_CHALLENGES_PER_CLIENT);
  }
  return limits;
}

function yesOrNo(name: string, value: string): boolean {
  const normalised = value.trim().toLowerCase();
  if (normalised === 'true') return true;
  if (normalised === 'false') return false;
  throw new Error(`Passkey server config: ${name} "${value}" must be "true" or "false".`);
}

function commaSeparated(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function wholeNumber(name: string, value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new Error(`Passkey server config: ${name} "${value}" is not a whole number.`);
  return Number(value);
}

/** The TCP port from PORT, 3000 by default. */
export function portFromEnv(env: Record<string, string | undefined> = process.env): number {
  const port = Number(env.PORT ?? '3000');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Passkey server config: PORT "${env.PORT}" is not a TCP port number.`);
  }
  return port;
}

/** Settings of the standalone server (`main.ts`) only: where it listens, how it stops, what it logs. */
export interface StandaloneSettings {
  port: number;
  /** The address to listen on; absent: every address, as Node does by default. */
  host?: string;
  /** How long a SIGTERM waits for requests in flight before it cuts their connections. */
  shutdownGraceMs: number;
  /** One JSON line per request on stdout. */
  logRequests: boolean;
  /** The folder of pages served beside the API, relative to the working directory as DATA_DIR is. */
  staticDir: string;
}

/** PORT, HOST, SHUTDOWN_GRACE_MS (10 seconds by default), LOG_REQUESTS (`on` by default, or `off`) and STATIC_DIR (`dist/demo`). */
export function standaloneFromEnv(env: Record<string, string | undefined> = process.env): StandaloneSettings {
  const host = env.HOST?.trim();
  const logRequests = oneOf('LOG_REQUESTS', ['on', 'off'] as const, env.LOG_REQUESTS || 'on') === 'on';
  const shutdownGraceMs = env.SHUTDOWN_GRACE_MS ? wholeNumber('SHUTDOWN_GRACE_MS', env.SHUTDOWN_GRACE_MS) : 10_000;
  const staticDir = env.STATIC_DIR?.trim() || 'dist/demo';
  return { port: portFromEnv(env), ...(host ? { host } : {}), shutdownGraceMs, logRequests, staticDir };
}
