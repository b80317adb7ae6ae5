import type { Context } from 'hono';
import type { SecurityEventKind, SecurityEventMethod } from '../../../src/protocol/index.ts';
import { authenticatorNames, passkeyName } from '../account/authenticator-names.ts';
import { userAgentOf } from '../account/user-agent.ts';
import { clientAddressOf } from '../codes/client-address.ts';
import { keyedHash } from '../codes/keys.ts';
import { isForeignKeyViolation, type Queryable } from '../db/database.ts';
import type { SignedIn } from '../middleware/session.ts';
import type { ProblemCode } from '../problem.ts';
import { sha256Hex } from '../random.ts';
import type { ServerContext } from '../server-context.ts';
import { findCredentialWithUser } from '../store/credentials.ts';
import { insertSecurityEvent, purgeExpiredSecurityEvents, type NewSecurityEvent } from './store.ts';

/** What the log records: what the account page lists, and the deletion of the account, which outlives it. */
export type RecordedKind = SecurityEventKind | 'account-deleted';

export type SecurityEventOutcome = 'success' | 'failure';

/** The small typed detail of an event: what the user sees anyway, never a secret. */
export interface SecurityEventDetail {
  /** How a sign-up, sign-in or re-authentication verified the user. */
  method?: SecurityEventMethod;
  /** The passkey's name as the account page shows it. */
  passkeyName?: string;
  /** `other-sessions-revoked`: how many live sessions ended. */
  revoked?: number;
  /** `two-factor-changed`: the user opted out (true) or back in (false). */
  optOut?: boolean;
  /** A failure: the problem answered. */
  problem?: ProblemCode;
}

export interface SecurityEventInput {
  kind: RecordedKind;
  /** Success unless said otherwise. */
  outcome?: SecurityEventOutcome;
  /** The account; by default the signed-in one of the request, or that of `sessionToken`. */
  userId?: string | null;
  /** A session the request just opened, by its token: the event belongs to it (sign-up, sign-in). */
  sessionToken?: string;
  detail?: SecurityEventDetail;
}

/** Where a request came from, read while it is being answered (the connection may be gone later). */
export interface RequestSource {
  clientAddress: string;
  userAgent: string | null;
  signedIn: SignedIn | undefined;
}

/** The signed-in session of a request that went through `signedIn()`, if any. */
export function signedInOf(c: Context): SignedIn | undefined {
  return (c.var as { signedIn?: SignedIn }).signedIn;
}

export function requestSourceOf({ config }: ServerContext, c: Context): RequestSource {
  return { clientAddress: clientAddressOf(c, config.trustProxy), userAgent: userAgentOf(c.req.header('user-agent')), signedIn: signedInOf(c) };
}

/**
 * Records one security event of the request `c`, with the database's time, the client address as
 * the rate limits count it and the shortened user agent. Awaited, so the event is stored before
 * the answer says the act succeeded; but a failure to record never fails the request: it is
 * logged (without the event's detail) and the answer goes out. Returns the stored event's id,
 * undefined when none was stored.
 */
export async function recordSecurityEvent(context: ServerContext, c: Context, event: SecurityEventInput): Promise<string | undefined> {
  return await recordFrom(context, requestSourceOf(context, c), event);
}

/** The same, from a source read earlier (for events recorded after the answer). */
export async function recordFrom(context: ServerContext, source: RequestSource, event: SecurityEventInput): Promise<string | undefined> {
  const { signedIn } = source;
  return await store(context, {
    kind: event.kind,
    outcome: event.outcome ?? 'success',
    userId: event.userId === undefined ? (signedIn?.user.id ?? null) : event.userId,
    sessionId: event.sessionToken === undefined ? (signedIn?.session.id ?? null) : null,
    sessionTokenHash: event.sessionToken === undefined ? null : sha256Hex(event.sessionToken),
    clientAddress: source.clientAddress,
    userAgent: source.userAgent,
    detail: event.detail ?? {},
  });
}

/**
 * Records the deletion of an account, after it: the one event kept once the account is gone
 * (docs/server.md, "Retention"). No user id, identifier or address, only a keyed hash of the id,
 * so that an operator who knows the id can find when and from where the account was deleted.
 */
export async function recordAccountDeleted(context: ServerContext, c: Context, userId: string): Promise<void> {
  const source = requestSourceOf(context, c);
  await store(context, {
    kind: 'account-deleted',
    outcome: 'success',
    userId: null,
    subjectHash: deletedAccountHash(context, userId),
    sessionId: null,
    sessionTokenHash: null,
    clientAddress: source.clientAddress,
    userAgent: source.userAgent,
    detail: {},
  });
}

/** The keyed hash an `account-deleted` event keeps of the user id. */
export function deletedAccountHash({ hashKey }: ServerContext, userId: string): string {
  return keyedHash(hashKey, 'deleted-account', userId);
}

async function store(context: ServerContext, event: NewSecurityEvent): Promise<string | undefined> {
  const { database, securityLog, config } = context;
  let id: string | undefined;
  try {
    id = await insertSecurityEvent(database, event);
  } catch (error) {
    // The account was deleted meanwhile: its events went with it, as the retention policy says.
    if (isForeignKeyViolation(error, 'security_events_user_id_fkey')) return undefined;
    // Anything else is worth a look, but the act itself stands.
    console.error(`passkey server: a ${event.kind} security event could not be recorded: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (securityLog.purgeDue()) {
    securityLog.later(async () => {
      await purgeExpiredSecurityEvents(database, config.securityEventRetentionDays);
    });
  }
  return id;
}

/** A passkey's name as the account page shows it, for the event of its removal; undefined for another account's. */
export async function shownPasskeyName(db: Queryable, userId: string, credentialId: string): Promise<string | undefined> {
  const found = await findCredentialWithUser(db, credentialId);
  if (found === undefined || found.user.id !== userId) return undefined;
  return passkeyName(found.credential.name, found.credential.aaguid, await authenticatorNames());
}
