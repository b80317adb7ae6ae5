/**
 * The standalone server at start-up: it refuses an RP ID that browsers refuse (an IP address), and
 * prints where to open it from ORIGINS rather than the address it listens on.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConfig } from '../src/index.ts';
import { whereToOpen } from '../src/where-to-open.ts';
import { startServerProcess } from './helpers/server-process.ts';

describe('an RP ID that is an IP address', () => {
  it('is refused by resolveConfig with a message that says to use localhost or a domain', () => {
    for (const rpId of ['127.0.0.1', '192.168.1.20', '::1', '[::1]']) {
      assert.throws(
        () => resolveConfig({ rpId, origins: ['http://localhost:3000'] }),
        (error: Error) => error.message.includes('IP address') && error.message.includes('"localhost"') && error.message.includes('domain'),
        rpId,
      );
    }
    assert.equal(resolveConfig({ rpId: 'localhost', origins: ['http://localhost:3000'] }).rpId, 'localhost');
    assert.equal(resolveConfig({ rpId: 'praxis.example', origins: ['https://app.praxis.example'] }).rpId, 'praxis.example');
  });

  it('stops the standalone server before it listens, with that message on stderr', async () => {
    await assert.rejects(startServerProcess({ RP_ID: '127.0.0.1', ORIGINS: 'http://127.0.0.1:3000' }), /browsers refuse IP addresses as RP ID/);
  });
});

describe('where the standalone server says to open it', () => {
  it('names the configured origins on its port, not http://localhost:PORT', () => {
    assert.equal(whereToOpen(['http://localhost:3000'], 3000), 'Open http://localhost:3000 in the browser (from ORIGINS).');
    assert.equal(
      whereToOpen(['https://app.praxis.example', 'http://localhost:8080'], 8080),
      'Open http://localhost:8080 in the browser (from ORIGINS).',
    );
    assert.match(whereToOpen(['https://app.praxis.example'], 3000), /^Open https:\/\/app\.praxis\.example in the browser .*None of them is on port 3000/);
  });

  it('is printed by the running server from ORIGINS', async () => {
    const server = await startServerProcess({ RP_ID: 'praxis.example', ORIGINS: 'https://app.praxis.example' });
    try {
      // Printed right after the listening line, which may arrive in a chunk of its own.
      for (let waited = 0; waited < 2_000 && !server.stdout.some((line) => line.startsWith('Open ')); waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const open = server.stdout.find((line) => line.startsWith('Open '));
      assert.ok(open, server.stdout.join('\n'));
      assert.match(open, /^Open https:\/\/app\.praxis\.example in the browser/);
      assert.ok(!open.includes('localhost'), open);
    } finally {
      await server.stop();
    }
  });
});
