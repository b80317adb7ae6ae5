import type { PasskeyServerConfig } from './config.ts';
import type { Database } from './db/database.ts';
import type { WebAuthnEngine } from './webauthn/engine.ts';

/** What the ceremonies and routes work with: one per server, passed down, never global. */
export interface ServerContext {
  config: PasskeyServerConfig;
  database: Database;
  webauthn: WebAuthnEngine;
}
