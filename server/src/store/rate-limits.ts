import type { Queryable } from '../db/database.ts';

/** A hit counted against a limit: hits in the current window, and seconds until it ends. */
export interface CountedHit {
  hits: number;
  secondsLeft: number;
}

/**
 * Counts one hit in a fixed window that starts with its first hit, atomically (one upsert), so that
 * every server process on this database counts together. `keyHash` names what is limited.
 */
export async function countHit(db: Queryable, keyHash: string, windowMs: number): Promise<CountedHit> {
  const [row] = await db.query<{ hits: number; seconds_left: number }>(
    `INSERT INTO rate_limits AS limits (key_hash, hits, window_ends_at)
     VALUES ($1, 1, now() + $2::double precision * interval '1 millisecond')
     ON CONFLICT (key_hash) DO UPDATE SET
       hits = CASE WHEN limits.window_ends_at <= now() THEN 1 ELSE limits.hits + 1 END,
       window_ends_at = CASE WHEN limits.window_ends_at <= now()
         THEN now() + $2::double precision * interval '1 millisecond' ELSE limits.window_ends_at END
     RETURNING hits, extract(epoch FROM window_ends_at - now())::double precision AS seconds_left`,
    [keyHash, windowMs],
  );
  if (row === undefined) throw new Error('The rate-limit upsert returned no row');
  return { hits: row.hits, secondsLeft: row.seconds_left };
}

/** Forgets windows that have ended: the same as starting them afresh. */
export async function purgeEndedWindows(db: Queryable): Promise<void> {
  await db.query('DELETE FROM rate_limits WHERE window_ends_at <= now()');
}
