import type { PasskeyServerConfig } from './config.ts';
import type { Database } from './db/database.ts';
import { purgeEndedSessions } from './store/sessions.ts';

/** A background purge that `stop()` ends, waiting for a run under way. */
export interface SessionPurge {
  stop(): Promise<void>;
}

/**
 * Deletes ended sessions (TR-03161 O.Auth_17) once a minute, or as often as the idle time when
 * that is shorter, in batches until none is left. Every process on a database may run it: a row
 * is deleted once, whoever gets there first.
 */
export function startSessionPurge(database: Database, config: Pick<PasskeyServerConfig, 'sessionIdleMs'>): SessionPurge {
  const batchSize = 1000;
  let running: Promise<void> | undefined;
  const purge = async () => {
    try {
      let deleted = batchSize;
      while (deleted === batchSize) deleted = await purgeEndedSessions(database, batchSize);
    } catch (error) {
      console.error(`passkey server: purging ended sessions failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const timer = setInterval(() => {
    running ??= purge().finally(() => {
      running = undefined;
    });
  }, Math.min(60_000, config.sessionIdleMs));
  // A server that is otherwise done must not stay alive for the purge.
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
