/**
 * Graceful shutdown of the standalone server: on SIGTERM it stops accepting, answers every
 * request in flight, closes keep-alive connections and the database, and exits 0; requests that
 * outlive the grace period are cut and the exit code says so.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, it } from 'node:test';
import { origin } from './helpers/harness.ts';
import { startServerProcess } from './helpers/server-process.ts';

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
}

/**
 * A sign-in options request whose body arrives in two parts: until `finish()` sends the second,
 * the server holds it in flight, reading its body.
 */
function requestInFlight(url: string, agent: http.Agent) {
  const body = '{ }';
  const request = http.request(`${url}/api/passkeys/login/options`, {
    method: 'POST',
    agent,
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), origin },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, body: text }));
    });
    request.on('error', reject);
  });
  request.write(body.slice(0, 1));
  return { answer, finish: () => request.end(body.slice(1)) };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('graceful shutdown', () => {
  it('answers all 30 requests in flight on SIGTERM, refuses new connections, and exits 0', async () => {
    const server = await startServerProcess({ LOG_REQUESTS: 'off', SHUTDOWN_GRACE_MS: '10000' });
    try {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 40 });
      // An idle keep-alive connection must not hold the shutdown up.
      const idle = await fetch(`${server.url}/api/passkeys/health`, { keepalive: true });
      assert.equal(idle.status, 200);
      const requests = Array.from({ length: 30 }, () => requestInFlight(server.url, agent));
      await pause(300);

      const signalledAt = Date.now();
      server.child.kill('SIGTERM');
      await pause(300);
      await assert.rejects(fetch(`${server.url}/api/passkeys/health`), 'a new connection after SIGTERM is refused');
      for (const request of requests) request.finish();

      const answers = await Promise.all(requests.map((request) => request.answer));
      assert.deepEqual(answers.map((answer) => answer.status), Array(30).fill(200));
      for (const answer of answers) {
        assert.equal(typeof (JSON.parse(answer.body) as { challenge?: unknown }).challenge, 'string');
        assert.equal(answer.connection, 'close', 'keep-alive connections end with their last answer');
      }
      const { code, signal } = await server.exited;
      assert.deepEqual({ code, signal }, { code: 0, signal: null });
      assert.ok(Date.now() - signalledAt < 5_000, 'exits without waiting out the grace period');
      agent.destroy();
    } finally {
      await server.stop();
    }
  });

  it('cuts a request still in flight after the grace period and exits 1', async () => {
    const server = await startServerProcess({ LOG_REQUESTS: 'off', SHUTDOWN_GRACE_MS: '500' });
    try {
      const stuck = requestInFlight(server.url, new http.Agent());
      await pause(200);
      const signalledAt = Date.now();
      server.child.kill('SIGTERM');
      await assert.rejects(stuck.answer, /socket hang up|ECONNRESET/);
      const { code } = await server.exited;
      assert.equal(code, 1);
      const waited = Date.now() - signalledAt;
      assert.ok(waited >= 450 && waited < 5_000, `waited ${waited} ms for a 500 ms grace period`);
    } finally {
      await server.stop();
    }
  });
});
