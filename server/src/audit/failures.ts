import type { Context, MiddlewareHandler } from 'hono';
import { operations, type OperationName, type ProblemCode, type SecurityEventMethod } from '../../../src/protocol/index.ts';
import { Problem } from '../problem.ts';
import type { ServerContext } from '../server-context.ts';
import { findCredentialWithUser } from '../store/credentials.ts';
import { findUserByIdentifier, findUserByVerifiedEmail } from '../store/users.ts';
import { isCredentialId, normaliseEmail, normaliseIdentifier } from '../validate.ts';
import { recordFrom, requestSourceOf, type RecordedKind } from './events.ts';

/** The verifications whose failures the log records, and how they verify. */
const verifications: Partial<Record<OperationName, { kind: RecordedKind; method: SecurityEventMethod }>> = {
  verifyLogin: { kind: 'sign-in', method: 'passkey' },
  signInWithCode: { kind: 'sign-in', method: 'email-code' },
  reauthenticate: { kind: 'reauthentication', method: 'passkey' },
  reauthenticateWithCode: { kind: 'reauthentication', method: 'email-code' },
};

/** Problems that mean the proof itself was wrong (not a malformed request, nor a missing second step). */
const failedProofs = new Set<ProblemCode>([
  'verification-failed', 'challenge-invalid', 'challenge-expired', 'origin-mismatch',
  'invalid-code', 'code-expired', 'code-used', 'code-attempts-exhausted', 'invalid-recovery-code',
]);

/**
 * Records, after the answer, the failed verifications of a known account and every rate-limit
 * hit: whatever route or limit refused the request, the problem it answered says what happened.
 * The account is looked up only then, so that neither the answer nor its timing depends on
 * whether one exists; requests for no account leave no event.
 */
export function securityFailureRecorder(context: ServerContext): MiddlewareHandler {
  const { basePath } = context.config;
  const operationAt = new Map(Object.entries(operations).map(([name, { method, path }]) => [`${method} ${path}`, name as OperationName]));
  return async (c, next) => {
    await next();
    const problem = c.error instanceof Problem ? c.error : undefined;
    if (problem === undefined) return;
    const operation = operationAt.get(`${c.req.method} ${c.req.path.slice(basePath.length)}`);
    const verification = operation === undefined ? undefined : verifications[operation];
    const rateLimited = problem.code === 'rate-limited';
    if (!rateLimited && (verification === undefined || !failedProofs.has(problem.code))) return;

    const source = requestSourceOf(context, c);
    context.securityLog.later(async () => {
      const userId = source.signedIn?.user.id ?? (await accountNamedBy(context, await cachedBody(c)));
      if (userId === undefined) return;
      await recordFrom(context, source, {
        kind: rateLimited ? 'rate-limited' : (verification?.kind ?? 'sign-in'),
        outcome: 'failure',
        userId,
        detail: { problem: problem.code, ...(!rateLimited && verification ? { method: verification.method } : {}) },
      });
    });
  };
}

/** The JSON body the handler read (Hono keeps it), or nothing when it read none or it was not an object. */
async function cachedBody(c: Context): Promise<Record<string, unknown>> {
  if (c.req.bodyCache.text === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(await c.req.text());
  } catch {
    // The handler refused it as invalid JSON: it names no account.
    return {};
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}

/** The account a request names: by a passkey's id (a sign-in assertion), a confirmed address, or an identifier. */
async function accountNamedBy({ database }: ServerContext, body: Record<string, unknown>): Promise<string | undefined> {
  if (typeof body.id === 'string' && isCredentialId(body.id) && typeof body.response === 'object') return (await findCredentialWithUser(database, body.id))?.user.id;
  const email = normalisedOrUndefined(normaliseEmail, body.email);
  if (email !== undefined) return (await findUserByVerifiedEmail(database, email))?.id;
  const identifier = normalisedOrUndefined(normaliseIdentifier, body.identifier);
  if (identifier !== undefined) return (await findUserByIdentifier(database, identifier))?.id;
  return undefined;
}

function normalisedOrUndefined(normalise: (raw: string) => string, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return normalise(value);
  } catch (error) {
    // A value the route refused names no account.
    if (error instanceof Problem) return undefined;
    throw error;
  }
}
