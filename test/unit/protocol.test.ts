/**
 * The protocol module: its codes and statuses, its operations, and the input rules that the
 * elements and the reference server share. docs/protocol.md must say what the module says.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { problemToError } from '../../src/core/errors.ts';
import {
  checkDisplayName,
  checkIdentifier,
  checkPasskeyName,
  codePointLength,
  commonErrors,
  errorsOf,
  methodsByPath,
  operations,
  problems,
  type OperationName,
  type ProblemCode,
} from '../../src/protocol/index.ts';
import { normaliseDisplayName, normaliseIdentifier, normalisePasskeyName } from '../../server/src/validate.ts';
import { Problem } from '../../server/src/problem.ts';

const protocolDocs = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');
const codes = Object.keys(problems) as ProblemCode[];
const names = Object.keys(operations) as OperationName[];

describe('problem codes', () => {
  it('give every code a 4xx status, except the ones for server failures', () => {
    for (const code of codes) {
      const { status } = problems[code];
      if (code === 'internal') assert.equal(status, 500);
      else if (code === 'unavailable') assert.equal(status, 503);
      else assert.ok(status >= 400 && status < 500, `${code}: ${status}`);
    }
  });

  it('are the server problems, with the same status and title', () => {
    for (const code of codes) {
      const problem = new Problem(code, 'detail');
      assert.deepEqual([problem.status, problem.title], [problems[code].status, problems[code].title]);
    }
  });

  it('each map to an error the elements can translate, never a raw server code', () => {
    const userFacing = new Set(['unknown-credential', 'unknown-user', 'identifier-taken', 'invalid-identifier', 'invalid-display-name', 'challenge-expired',
      'verification-failed', 'not-signed-in', 'reauthentication-required', 'last-passkey', 'invalid-passkey-name', 'not-found', 'unknown', 'server',
      'invalid-email', 'invalid-code', 'code-expired', 'code-used', 'code-attempts-exhausted', 'rate-limited', 'email-verification-required',
      'codes-disabled', 'recovery-code-required', 'invalid-recovery-code', 'passkey-required', 'origin-not-allowed']);
    for (const code of codes) {
      const error = problemToError(problems[code].status, { code });
      assert.ok(userFacing.has(error.code), `${code} became ${error.code}`);
    }
    assert.equal(problemToError(400, { code: 'challenge-invalid' }).code, 'challenge-expired');
    assert.equal(problemToError(404, { code: 'unknown-session' }).code, 'not-found');
    // A refused origin is a set-up to fix, not a passkey that failed: its own message.
    assert.equal(problemToError(403, { code: 'origin-forbidden' }).code, 'origin-not-allowed');
    assert.equal(problemToError(400, { code: 'origin-mismatch' }).code, 'origin-not-allowed');
    // Codes outside the protocol (a foreign backend's), or inherited object keys, fall back on the status.
    assert.equal(problemToError(503, { code: 'toString' }).code, 'server');
    assert.equal(problemToError(418, { code: 'teapot' }).code, 'unknown');
  });

  it('are the table of docs/protocol.md, row for row', () => {
    const rows = [...protocolDocs.matchAll(/^\| (\d{3}) \| `([a-z-]+)` \|/gm)].map(([, status, code]) => [code, Number(status)]);
    assert.deepEqual(rows, codes.map((code) => [code, problems[code].status]));
  });
});

describe('operations', () => {
  it('are unique by method and path', () => {
    const endpoints = names.map((name) => `${operations[name].method} ${operations[name].path}`);
    assert.equal(new Set(endpoints).size, endpoints.length);
  });

  it('group by path with their methods', () => {
    assert.deepEqual(methodsByPath().get('/account'), ['GET', 'PATCH', 'DELETE']);
    assert.deepEqual(methodsByPath().get('/session'), ['GET', 'DELETE']);
  });

  it('each have a section in docs/protocol.md, and it lists exactly the problems they answer', () => {
    for (const name of names) {
      const { method, path } = operations[name];
      const heading = `\`${method} ${path.replace('{id}', ':id')}\``;
      const section = protocolDocs.split(/^#+ /m).find((part) => part.startsWith(heading));
      assert.ok(section, `docs/protocol.md has no section ${heading}`);
      const errorsLine = section.split('\nErrors: ')[1]?.split('\n\n')[0] ?? '';
      // Backticked words that are codes: the line also names fields, e.g. "no `name` string".
      const documented = [...errorsLine.matchAll(/`([a-z-]+)`/g)].map((match) => match[1] ?? '').filter((code) => Object.hasOwn(problems, code));
      assert.deepEqual(documented.sort(), errorsOf(name).sort(), `${heading} documents ${documented.join(', ')}`);
    }
  });

  it('leave the common problems out of each list: any endpoint may answer them', () => {
    for (const name of names) for (const code of commonErrors) assert.ok(!errorsOf(name).includes(code), `${name} lists ${code}`);
  });
});

describe('input rules', () => {
  const emoji = '🔑'.repeat(40);

  it('count code points, so 40 emoji are a valid name on both sides', () => {
    assert.equal(codePointLength(emoji), 40);
    assert.equal(emoji.length, 80);
    assert.deepEqual(checkPasskeyName(emoji), { valid: true, value: emoji });
    assert.deepEqual(checkDisplayName(emoji), { valid: true, value: emoji });
    assert.equal(normalisePasskeyName(emoji), emoji);
    assert.equal(normaliseDisplayName(emoji, 'ada@example.com'), emoji);
  });

  it('trim names and refuse empty, too long, control characters and lone surrogates', () => {
    assert.deepEqual(checkPasskeyName('  Work laptop  '), { valid: true, value: 'Work laptop' });
    for (const name of ['', '   ', 'a'.repeat(65), '🔑'.repeat(65), 'tab\there', 'null\u0000', '\ud83d']) {
      const passkey = checkPasskeyName(name);
      const display = checkDisplayName(name);
      assert.equal(passkey.valid, false, JSON.stringify(name));
      assert.equal(display.valid, false, JSON.stringify(name));
      assert.equal(!passkey.valid && passkey.code, 'invalid-passkey-name');
      assert.equal(!display.valid && display.code, 'invalid-display-name');
      assert.throws(() => normalisePasskeyName(name), (error: Problem) => error.code === 'invalid-passkey-name');
    }
  });

  it('normalise identifiers as the server does, and refuse the same ones', () => {
    assert.deepEqual(checkIdentifier('  Ada@Example.COM '), { valid: true, value: 'ada@example.com' });
    assert.deepEqual(checkIdentifier('ada_l'), { valid: true, value: 'ada_l' });
    assert.equal(normaliseIdentifier('  Ada@Example.COM '), 'ada@example.com');
    for (const identifier of ['', 'ab', 'Ada Lovelace', 'no-domain@', '@example.com', `${'a'.repeat(250)}@example.com`]) {
      const check = checkIdentifier(identifier);
      assert.equal(check.valid, false, identifier);
      assert.equal(!check.valid && check.code, 'invalid-identifier');
      assert.throws(() => normaliseIdentifier(identifier), (error: Problem) => error.code === 'invalid-identifier');
    }
  });
});
