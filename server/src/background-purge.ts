import type { PasskeyServerConfig } from './config.ts';
import type { Database } from './db/database.ts';
import { purgeEndedWindows } from './store/rate-limits.ts';
import { purgeEndedSessions } from './store/sessions.ts';

/** A background purge that `stop()` ends, waiting for a run under way. */
export interface BackgroundPurge {
  stop(): Promise<void>;
}

/**
 * Deletes ended sessions (TR-03161 O.Auth_17) once a minute, or as often as the idle time when
 * that is shorter, in batches until none is left; and rate-limit windows that have ended, which
 * count as fresh ones anyway (`countHit`), so that requests need not clear them. Every process on
 * a database may run it: a row is deleted once, whoever gets there first.
 */
export function startBackgroundPurge(database: Database, config: Pick<PasskeyServerConfig, 'sessionIdleMs'>): BackgroundPurge {
  const batchSize = 1000;
  let running: Promise<void> | undefined;
  const purge = async () => {
    try {
      let deleted = batchSize;
      while (deleted === batchSize) deleted = await purgeEndedSessions(database, batchSize);
      await purgeEndedWindows(database);
    } catch (error) {
      console.error(`passkey server: purging ended sessions and rate-limit windows failed: ${error instanceof Error ? error.message : String(error)}`);
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
