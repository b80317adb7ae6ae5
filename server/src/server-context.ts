import type { SecurityLog } from './audit/security-log.ts';
import type { HashKey } from './codes/keys.ts';
import type { PasskeyServerConfig } from './config.ts';
import type { Database } from './db/database.ts';
import type { LogSink } from './logging/log.ts';
import type { Mailer } from './mail/mailer.ts';
import type { RefuseOrigin } from './origin-refusal.ts';
import type { WebAuthnEngine } from './webauthn/engine.ts';

/** What the ceremonies and routes work with: one per server, passed down, never global. */
export interface ServerContext {
  config: PasskeyServerConfig;
  database: Database;
  webauthn: WebAuthnEngine;
  /** Absent when codes are off and there is nowhere to mail them. */
  mailer: Mailer | undefined;
  /** The key of the keyed hashes of codes, recovery codes and rate-limit keys. */
  hashKey: HashKey;
  /** The security log's work after the answers (audit/security-log.ts). */
  securityLog: SecurityLog;
  /** Where unexpected errors are logged (and request lines, when the server logs them). */
  log: LogSink;
  /** Builds the problem for a refused origin, with hints outside production (origin-refusal.ts). */
  refuseOrigin: RefuseOrigin;
}
