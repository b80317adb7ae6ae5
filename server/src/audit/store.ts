import type { Queryable } from '../db/database.ts';
import type { RecordedKind, SecurityEventDetail, SecurityEventOutcome } from './events.ts';

/** A row of `security_events` to insert. */
export interface NewSecurityEvent {
  kind: RecordedKind;
  outcome: SecurityEventOutcome;
  userId: string | null;
  /** Only for `account-deleted`: the keyed hash of the deleted user's id. */
  subjectHash?: string;
  sessionId: string | null;
  /** A session known by its token's hash, when `sessionId` is not known yet (just opened). */
  sessionTokenHash: string | null;
  clientAddress: string;
  userAgent: string | null;
  detail: SecurityEventDetail;
}

/** A stored event as the account page lists it. */
export interface SecurityEventRecord {
  kind: RecordedKind;
  outcome: SecurityEventOutcome;
  occurredAt: Date;
  sessionId: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  detail: SecurityEventDetail;
}

/**
 * Inserts one event and returns its id. A session given by its token hash is looked up in the same
 * statement, and gives the account when none is given; an event that names no account (a token of
 * no live session) is not stored (undefined), except the deletion of an account, which names its
 * hash instead.
 */
export async function insertSecurityEvent(db: Queryable, event: NewSecurityEvent): Promise<string | undefined> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO security_events (kind, outcome, user_id, subject_hash, session_id, client_address, user_agent, detail)
     SELECT $1, $2, target.user_id, $4::text, target.session_id, $7, $8, $9::jsonb
     FROM (SELECT COALESCE($3::text, s.user_id) AS user_id, COALESCE($5::text, s.id) AS session_id
           FROM (SELECT 1) AS one LEFT JOIN sessions s ON s.token_hash = $6::text) AS target
     WHERE target.user_id IS NOT NULL OR $4::text IS NOT NULL
     RETURNING id::text AS id`,
    [
      event.kind,
      event.outcome,
      event.userId,
      event.subjectHash ?? null,
      event.sessionId,
      event.sessionTokenHash,
      event.clientAddress,
      event.userAgent,
      JSON.stringify(event.detail),
    ],
  );
  return rows[0]?.id;
}

/**
 * The user agents of the account's successful sign-ups and sign-ins recorded before the event
 * `beforeId`: the devices the account has been used on, as far as the retention reaches.
 */
export async function earlierSignInUserAgents(db: Queryable, userId: string, beforeId: string): Promise<(string | null)[]> {
  const rows = await db.query<{ user_agent: string | null }>(
    `SELECT DISTINCT user_agent FROM security_events
     WHERE user_id = $1 AND id < $2::bigint AND kind IN ('sign-up', 'sign-in') AND outcome = 'success'`,
    [userId, beforeId],
  );
  return rows.map((row) => row.user_agent);
}

interface SecurityEventRow {
  kind: RecordedKind;
  outcome: SecurityEventOutcome;
  occurred_at: Date;
  session_id: string | null;
  client_address: string | null;
  user_agent: string | null;
  detail: SecurityEventDetail;
}

/** The account's latest events, newest first. */
export async function listSecurityEvents(db: Queryable, userId: string, limit: number): Promise<SecurityEventRecord[]> {
  const rows = await db.query<SecurityEventRow>(
    `SELECT kind, outcome, occurred_at, session_id, client_address, user_agent, detail
     FROM security_events WHERE user_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT $2`,
    [userId, limit],
  );
  return rows.map((row) => ({
    kind: row.kind,
    outcome: row.outcome,
    occurredAt: row.occurred_at,
    sessionId: row.session_id,
    clientAddress: row.client_address,
    userAgent: row.user_agent,
    detail: row.detail,
  }));
}

/** Deletes the events older than the retention; returns how many. */
export async function purgeExpiredSecurityEvents(db: Queryable, retentionDays: number): Promise<number> {
  const rows = await db.query<{ id: string }>(
    `DELETE FROM security_events WHERE occurred_at < now() - $1::double precision * interval '1 day' RETURNING id`,
    [retentionDays],
  );
  return rows.length;
}
