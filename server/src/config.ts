/** Everything the reference server needs to know about its deployment. */
export interface PasskeyServerConfig {
  /** WebAuthn relying party id: the registrable domain, e.g. `example.com` or `localhost`. */
  rpId: string;
  /** Name shown by passkey managers next to the passkey. */
  rpName: string;
  /** Origins allowed to run ceremonies and to call the API, e.g. `https://app.example.com`. */
  origins: string[];
  /** Where the API is mounted, without a trailing slash. */
  basePath: string;
  /** PostgreSQL connection string; when absent the server uses PGlite. */
  databaseUrl?: string;
  /** Directory for PGlite's files; absent (and no `databaseUrl`) means an in-memory database. */
  dataDir?: string;
  /** How long a ceremony's challenge stays valid. */
  challengeTtlMs: number;
  /** How long a session lives after sign-in. */
  sessionTtlMs: number;
  /**
   * How long a passkey verification (sign-in, sign-up or re-authentication) lets the session do
   * sensitive things: remove a passkey, revoke sessions, delete the account. Absent: 5 minutes.
   */
  reauthWindowMs?: number;
}

/** The same configuration with every field that has a default made optional. */
export type PasskeyServerOptions = Pick<PasskeyServerConfig, 'rpId' | 'origins'> &
  Partial<Omit<PasskeyServerConfig, 'rpId' | 'origins'>>;

export const defaultConfig = {
  rpName: 'Passkey Elements demo',
  basePath: '/api/passkeys',
  challengeTtlMs: 5 * 60 * 1000,
  sessionTtlMs: 30 * 24 * 60 * 60 * 1000,
  reauthWindowMs: 5 * 60 * 1000,
} as const;

/** The re-authentication window of a configuration, with its default. */
export function reauthWindowOf(config: Pick<PasskeyServerConfig, 'reauthWindowMs'>): number {
  return config.reauthWindowMs ?? defaultConfig.reauthWindowMs;
}

/** Fills in defaults and checks the configuration; throws an Error that says what is wrong. */
export function resolveConfig(options: PasskeyServerOptions): PasskeyServerConfig {
  const rpId = options.rpId.trim().toLowerCase();
  if (rpId === '') throw new Error('Passkey server config: rpId must not be empty.');

  if (options.origins.length === 0) {
    throw new Error('Passkey server config: origins must list at least one origin.');
  }
  const origins = options.origins.map((origin) => normaliseOrigin(origin, rpId));

  const basePath = (options.basePath ?? defaultConfig.basePath).replace(/\/+$/, '');
  if (!basePath.startsWith('/')) {
    throw new Error(`Passkey server config: basePath "${basePath}" must start with "/".`);
  }

  const config: PasskeyServerConfig = {
    rpId,
    rpName: options.rpName ?? defaultConfig.rpName,
    origins,
    basePath,
    challengeTtlMs: positiveDuration('challengeTtlMs', options.challengeTtlMs ?? defaultConfig.challengeTtlMs),
    sessionTtlMs: positiveDuration('sessionTtlMs', options.sessionTtlMs ?? defaultConfig.sessionTtlMs),
  };
  if (options.reauthWindowMs !== undefined) {
    config.reauthWindowMs = positiveDuration('reauthWindowMs', options.reauthWindowMs);
  }
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') config.databaseUrl = options.databaseUrl;
  if (options.dataDir !== undefined && options.dataDir !== '') config.dataDir = options.dataDir;
  return config;
}

/**
 * Reads the configuration from environment variables: RP_ID, RP_NAME, ORIGINS (comma-separated),
 * PORT (only for the default origin), DATABASE_URL and DATA_DIR.
 */
export function configFromEnv(env: Record<string, string | undefined> = process.env): PasskeyServerConfig {
  const port = portFromEnv(env);
  const origins = (env.ORIGINS ?? `http://localhost:${port}`)
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  return resolveConfig({
    rpId: env.RP_ID ?? 'localhost',
    rpName: env.RP_NAME ?? defaultConfig.rpName,
    origins,
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR ?? '.data',
  });
}

/** The TCP port from PORT, 3000 by default. */
export function portFromEnv(env: Record<string, string | undefined> = process.env): number {
  const port = Number(env.PORT ?? '3000');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Passkey server config: PORT "${env.PORT}" is not a TCP port number.`);
  }
  return port;
}

// Browsers send `Origin` without a path or trailing slash; compare against that exact form.
function normaliseOrigin(origin: string, rpId: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new Error(`Passkey server config: origin "${origin}" is not a URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`Passkey server config: origin "${origin}" must use http or https.`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new Error(`Passkey server config: origin "${origin}" must not have a path, query or fragment.`);
  }
  // WebAuthn refuses an RP ID that is not the origin's host or a parent domain of it.
  if (url.hostname !== rpId && !url.hostname.endsWith(`.${rpId}`)) {
    throw new Error(`Passkey server config: origin "${origin}" is not on the RP ID "${rpId}" or a subdomain of it.`);
  }
  return url.origin;
}

function positiveDuration(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`Passkey server config: ${name} must be a positive number of milliseconds.`);
  }
  return value;
}
