import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPasskeyPage } from './chromium.ts';
import { runPasskeyJourney } from './journey.ts';

const root = fileURLToPath(new URL('../../examples/next/', import.meta.url));
const nextBin = createRequire(root).resolve('next/dist/bin/next');

/** The page's own "Signed in as" line, then the profile inside `<passkey-account>` loaded. */
const signedIn = (page: Page, email: string) =>
  page.locator('main', { has: page.getByText(`Signed in as ${email}`, { exact: true }) }).getByRole('heading', { name: 'Your passkeys' });

/** Runs `next` in the example and collects what it prints; rejects when it fails (143 is its answer to SIGTERM). */
function next(args: string[], env: Record<string, string> = {}): { process: ChildProcess; output: string[]; exited: Promise<void> } {
  const output: string[] = [];
  const child = spawn(process.execPath, [nextBin, ...args], { cwd: root, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<void>((resolve, reject) => {
    child.once('exit', (code, signal) => (code === 0 || code === 143 || signal === 'SIGTERM' ? resolve() : reject(new Error(`next ${args.join(' ')} exited with ${code ?? signal}:\n${output.join('')}`))));
  });
  return { process: child, output, exited };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject).listen(0, 'localhost', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForApi(origin: string, server: ReturnType<typeof next>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${origin}/api/passkeys/session`)).ok) return;
    } catch {
      // Not listening yet: try again below.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The Next.js app did not answer at ${origin}:\n${server.output.join('')}`);
}

describe('Next.js example (App Router), built and started with the reference backend in a route handler', () => {
  let browser: Browser;
  let server: ReturnType<typeof next>;
  let origin: string;

  before(async () => {
    await next(['build']).exited;
    const port = await freePort();
    origin = `http://localhost:${port}`;
    // In memory, passkeys only: `next start` is production, where codes would need SMTP.
    server = next(['start', '--port', String(port), '--hostname', 'localhost'], { DATA_DIR: '', ORIGINS: origin, EMAIL_VERIFICATION: 'off', CODE_SIGN_IN: 'off' });
    await waitForApi(origin, server);
    browser = await launchChromium();
  }, { timeout: 240_000 });

  after(async () => {
    await browser?.close();
    server?.process.kill('SIGTERM');
    await server?.exited;
  });

  test('the page renders on the server: the element tags are in the HTML, and the server logs no error', async () => {
    const response = await fetch(`${origin}/`);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /<main><passkey-account[ >]/);
    assert.doesNotMatch(server.output.join(''), /error|HTMLElement is not defined/i);
  });

  test('after hydration: sign up, signed in, sign out, sign in with the passkey button, and a reload keeps the session', async () => {
    const { context, page, authenticator } = await openPasskeyPage(browser, origin);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // The favicon the example has none of is the only resource allowed to fail.
    page.on('console', (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource') && errors.push(message.text()));
    try {
      const { email } = await runPasskeyJourney(page, authenticator, { signedIn });
      await page.reload();
      await signedIn(page, email).waitFor();
      assert.deepEqual(errors, [], 'no hydration mismatch or script error');
    } finally {
      await context.close();
    }
  });
});
