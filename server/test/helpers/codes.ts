/** Steps of the email code flows (docs/protocol.md, "Email codes") for tests: the mail really goes over SMTP. */
import assert from 'node:assert/strict';
import type { Database } from '../../src/index.ts';
import { expectJson } from './harness.ts';
import type { ApiUser, TestClient } from './harness.ts';
import { codeOf, hasCode, type MailSink, type ReceivedMail } from './mail-sink.ts';

export interface CodeSent {
  expiresIn: number;
  resendIn: number;
  length: number;
}

export interface SignInAnswer {
  user: ApiUser;
  passkeyRequired?: boolean;
  recoveryCodes?: string[];
}

/** Asks for a code at `path` and expects the protocol's 202. */
export async function requestCode(client: TestClient, path: string, json: unknown = {}): Promise<CodeSent> {
  return expectJson<CodeSent>(await client.post(path, json), 202);
}

/** Asks for a code and reads it from the mail that arrives for `address`. */
export async function mailedCode(
  sink: MailSink,
  client: TestClient,
  path: string,
  address: string,
  json: unknown = { email: address },
): Promise<{ code: string; mail: ReceivedMail }> {
  const since = Date.now();
  // Mails already here do not count, even one received in this same millisecond.
  const earlier = new Set(sink.to(address));
  await requestCode(client, path, json);
  // The code mail: a notice (a passkey added just before, say) may come in between.
  const mail = await sink.waitFor(address, { since, matching: (candidate) => hasCode(candidate) && !earlier.has(candidate) });
  return { code: codeOf(mail), mail };
}

/** A verified sign-up with a code (`POST /register/code`, then `/register/code/verify`). */
export async function signUpWithCode(sink: MailSink, client: TestClient, email: string, displayName?: string): Promise<SignInAnswer> {
  const { code } = await mailedCode(sink, client, '/register/code', email, { email, ...(displayName === undefined ? {} : { displayName }) });
  return expectJson<SignInAnswer>(await client.post('/register/code/verify', { email, code }));
}

/** Confirms the signed-in account's current address with a code. */
export async function confirmCurrentEmail(sink: MailSink, client: TestClient, email: string): Promise<void> {
  const { code } = await mailedCode(sink, client, '/account/email/code', email, {});
  await expectJson(await client.post('/account/email/verify', { email, code }));
}

/** A sign-in with a code to a confirmed address. */
export async function signInWithCode(sink: MailSink, client: TestClient, email: string): Promise<SignInAnswer> {
  const { code } = await mailedCode(sink, client, '/login/code', email);
  return expectJson<SignInAnswer>(await client.post('/login/code/verify', { email, code }));
}

/** The stored code rows of an address, newest first. */
export async function codeRows(database: Database, address: string) {
  return database.query<{ purpose: string; user_id: string | null; code_hash: string; attempts: number; consumed: boolean }>(
    `SELECT purpose, user_id, code_hash, attempts, consumed_at IS NOT NULL AS consumed
     FROM email_codes WHERE address = $1 ORDER BY created_at DESC`,
    [address],
  );
}

/** A 6-digit code other than `code`. */
export function otherCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

/** Waits a little and asserts that no mail reached `address` after `since`. */
export async function expectNoMail(sink: MailSink, address: string, since: number, waitMs = 300): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  assert.deepEqual(
    sink.to(address).filter((mail) => mail.receivedAt >= since).map((mail) => mail.subject),
    [],
    `no mail to ${address}`,
  );
}
