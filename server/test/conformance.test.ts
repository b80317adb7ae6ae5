/**
 * The conformance kit against the reference server, which must pass every check, and against a
 * deliberately broken server (the reference server behind a proxy that accepts a replayed
 * sign-in and answers a body that is not JSON with a bare 500), which must fail exactly those.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { runConformance, type CheckResult } from '../src/conformance/index.ts';
import type { Database } from '../src/index.ts';
import { databaseTargets, origin, startServer, type RunningServer } from './helpers/harness.ts';
import { codeOf, hasCode, startMailSink } from './helpers/mail-sink.ts';

const cli = fileURLToPath(new URL('../src/conformance/cli.ts', import.meta.url));

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The reference server behind a proxy with two defects: a sign-in assertion it has seen succeed
 * is answered again with the same success (no replay protection), and a body that is not JSON
 * gets `500 text/plain` instead of `400 invalid-json`.
 */
async function startBrokenProxy(target: string): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const targetUrl = new URL(target);
  const signedInWith = new Map<string, { status: number; headers: [string, string][]; body: string }>();
  const server: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    if (body !== '' && !isJson(body)) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
      return;
    }
    const path = request.url ?? '/';
    const remembered = path.endsWith('/login/verify') ? signedInWith.get(body) : undefined;
    if (remembered !== undefined) {
      response.writeHead(remembered.status, remembered.headers).end(remembered.body);
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers.set(name, value);
    }
    const upstream = await fetch(new URL(path, targetUrl.origin), { method: request.method ?? 'GET', headers, body: body === '' ? undefined : body });
    const answer = await upstream.text();
    const answerHeaders: [string, string][] = [];
    upstream.headers.forEach((value, name) => {
      if (!['set-cookie', 'content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name)) answerHeaders.push([name, value]);
    });
    for (const cookie of upstream.headers.getSetCookie()) answerHeaders.push(['set-cookie', cookie]);
    if (path.endsWith('/login/verify') && upstream.status === 200) signedInWith.set(body, { status: upstream.status, headers: answerHeaders, body: answer });
    response.writeHead(upstream.status, answerHeaders).end(answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${targetUrl.pathname}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

function byName(results: CheckResult[]): Map<string, CheckResult> {
  return new Map(results.map((result) => [result.name, result]));
}

for (const target of databaseTargets()) {
  describe(`conformance kit (${target.name})`, () => {
    let database: Database;
    let running: RunningServer;

    before(async () => {
      database = await target.open();
      running = await startServer(database);
    });
    after(async () => {
      await running.close();
      await database.close();
    });

    it('passes every check on the reference server, skipping only the mail checks', async () => {
      const results = await runConformance({ baseUrl: running.baseUrl, origin });
      const failed = results.filter((result) => result.outcome === 'fail');
      assert.deepEqual(failed, [], failed.map((result) => `${result.name}: ${result.reason}`).join('\n'));
      assert.ok(results.filter((result) => result.outcome === 'pass').length >= 25);
      for (const skipped of results.filter((result) => result.outcome === 'skipped')) assert.equal(skipped.reason, 'skipped: needs mail');
      assert.equal(byName(results).get('bad input: replayed assertion')?.reason, '400 challenge-invalid');
      assert.equal(byName(results).get('bad input: unknown credential')?.reason, '404 unknown-credential');
    });

    it('exits 0 from the command line on the reference server and prints the table', async () => {
      const { code, stdout } = await runCli(['conformance', running.baseUrl, '--origin', origin]);
      assert.equal(code, 0, stdout);
      assert.match(stdout, /^check\s+result\s+reason$/m);
      assert.match(stdout, /^sign-in, identifier-first\s+pass/m);
      assert.match(stdout, /^sign-in with an email code\s+skipped\s+skipped: needs mail$/m);
      assert.match(stdout, / 0 failed, 4 skipped$/m);
    });

    it('fails the replay and malformed-body checks of a broken server, with reasons, and exits 1', async () => {
      const proxy = await startBrokenProxy(running.baseUrl);
      try {
        const results = byName(await runConformance({ baseUrl: proxy.baseUrl, origin }));
        const failedNames = [...results.values()].filter((result) => result.outcome === 'fail').map((result) => result.name);
        assert.deepEqual(failedNames, ['bad input: replayed assertion', 'bad input: body that is not JSON']);
        assert.match(results.get('bad input: replayed assertion')?.reason ?? '', /^expected 400 challenge-invalid, got 200 \(application\/json/);
        assert.equal(results.get('bad input: body that is not JSON')?.reason, 'expected 400 invalid-json, got 500 (text/plain) Internal Server Error');
        assert.equal(results.get('sign-in, usernameless')?.outcome, 'pass');

        const { code, stdout } = await runCli(['conformance', proxy.baseUrl, '--origin', origin]);
        assert.equal(code, 1, stdout);
        assert.match(stdout, /^bad input: replayed assertion\s+fail\s+expected 400 challenge-invalid, got 200/m);
        assert.match(stdout, / 2 failed, 4 skipped$/m);
      } finally {
        await proxy.close();
      }
    });

    it('passes the code checks too when it can read the mail, from code and from the command line', async () => {
      const sink = await startMailSink();
      const mailing = await startServer(database, { smtpUrl: sink.url });
      // Each read takes the first code mail to the address after the one read before.
      const readAfter = new Map<string, number>();
      const readCode = async (address: string) => {
        const mail = await sink.waitFor(address, { since: readAfter.get(address) ?? 0, matching: hasCode, timeoutMs: 15_000 });
        readAfter.set(address, mail.receivedAt + 1);
        return codeOf(mail);
      };
      try {
        const results = await runConformance({ baseUrl: mailing.baseUrl, origin, mailbox: { domain: 'example.com', readCode } });
        const notPassed = results.filter((result) => result.outcome !== 'pass');
        assert.deepEqual(notPassed, [], notPassed.map((result) => `${result.name}: ${result.reason}`).join('\n'));
        assert.ok(results.some((result) => result.name === 'email address confirmation'));

        // The command line reads the codes through a shell command; here one that asks this process.
        const codes = createServer(async (request, response) => {
          const address = new URL(request.url ?? '/', 'http://codes').searchParams.get('address') ?? '';
          response.end(await readCode(address));
        });
        await new Promise<void>((resolve) => codes.listen(0, '127.0.0.1', resolve));
        const { port } = codes.address() as AddressInfo;
        const command = `"${process.execPath}" -e "fetch('http://127.0.0.1:${port}/?address=' + encodeURIComponent(process.env.CONFORMANCE_EMAIL)).then((r) => r.text()).then((t) => process.stdout.write(t))"`;
        try {
          const { code, stdout } = await runCli(['conformance', mailing.baseUrl, '--origin', origin, '--code-command', command, '--mail-domain', 'example.com']);
          assert.equal(code, 0, stdout);
          assert.match(stdout, /^sign-in with an email code\s+pass/m);
          assert.match(stdout, / 0 failed, 0 skipped$/m);
        } finally {
          await new Promise<void>((resolve) => codes.close(() => resolve()));
        }
      } finally {
        await mailing.close();
        await sink.close();
      }
    });

    it('refuses a command line without an origin (exit 2, usage)', async () => {
      const { code, stderr } = await runCli(['conformance', running.baseUrl]);
      assert.equal(code, 2);
      assert.match(stderr, /--origin <origin> \(http or https\) is needed/);
    });
  });
}
