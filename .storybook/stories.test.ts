/**
 * Checks the built Storybook (`npm run test:storybook` builds it first): every story of
 * stories/*.stories.ts is in it, the states the elements must show each have a story, and in
 * Chromium every story's play function passes and key stories show their state in the shadow DOM.
 */
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { storyNameFromExport, toId } from 'storybook/internal/csf';
import { launchChromium } from '../test/e2e/chromium.ts';
import { en } from '../src/i18n/en-profile.ts';
import ar from '../src/i18n/ar.ts';
import de from '../src/i18n/de.ts';

const buildDir = resolve(process.env.STORYBOOK_BUILD_DIR ?? '.storybook-build');
const storiesDir = resolve('stories');
/** Pages open at once: the machine has two cores, and every story waits on timers more than on the CPU. */
const CONCURRENCY = 3;
const STORY_TIMEOUT_MS = 20_000;
/**
 * How long a finished story must hold its state before the shadow DOM is read: longer than the fake
 * authenticator's answer plus two backend round trips, so a state that only passes by does not count.
 */
const SETTLE_MS = 1_500;

interface IndexEntry {
  id: string;
  type: 'story' | 'docs';
  title: string;
  name: string;
}

async function builtEntries(): Promise<IndexEntry[]> {
  const index = JSON.parse(await readFile(join(buildDir, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> };
  return Object.values(index.entries);
}

/** The story ids the sources declare: `title` of the default export, one id per `export const X: Story`. */
async function declaredStoryIds(): Promise<string[]> {
  const ids: string[] = [];
  for (const file of (await readdir(storiesDir)).filter((name) => name.endsWith('.stories.ts'))) {
    const source = await readFile(join(storiesDir, file), 'utf8');
    const title = /^\s*title: '([^']+)'/m.exec(source)?.[1];
    assert.ok(title, `${file} declares a title`);
    for (const [, name] of source.matchAll(/^export const (\w+): Story\b/gm)) ids.push(toId(title, storyNameFromExport(name ?? '')));
  }
  return ids;
}

/** The states each element must show, one story each. */
const requiredStories = [
  ...[
    'loading', 'sign-in', 'sign-up', 'waiting-sign-in', 'waiting-sign-up', 'verifying', 'signed-in', 'signed-up', 'cancelled',
    'cancel-while-waiting', 'passkey-exists', 'unknown-identifier', 'identifier-taken', 'invalid-identifier', 'invalid-display-name',
    'network-down', 'server-error', 'bad-server-response', 'unknown-passkey', 'challenge-expired', 'verification-failed',
    'refused-by-browser', 'unknown-error', 'sign-out-failed', 'unsupported',
  ].map((name) => `elements-passkey-login--${name}`),
  ...[
    'loading', 'not-signed-in', 'empty-profile', 'one-passkey', 'many-passkeys', 'long-names', 'renaming', 'rename-invalid',
    'editing-name', 'name-changed', 'name-invalid', 'confirm-remove', 'last-passkey-refused', 'current-passkey-warning', 'adding', 'add-duplicate', 'sessions', 'reauthenticating',
    'confirm-delete-account', 'account-deleted', 'load-failed-network', 'load-failed-server', 'load-failed-bad-response',
    'load-failed-unknown', 'rename-network', 'removed-elsewhere', 'add-refused-by-browser', 'reauthentication-challenge-expired',
    'reauthentication-verification-failed', 'reauthentication-unknown-credential', 'reauthentication-still-required', 'unsupported',
  ].map((name) => `elements-passkey-profile--${name}`),
];

/**
 * What the profile's shadow DOM must contain once the story finished, checked apart from the play
 * functions: a story whose play stops short of its state, or asserts the wrong thing, fails here.
 */
const profileStates: Record<string, string[]> = {
  loading: [en.loading],
  'not-signed-in': [en.signedOutTitle],
  'empty-profile': [en.noPasskeysTitle, en.noPasskeys, en.createPasskey],
  'one-passkey': ['iCloud Keychain', en.usedForThisSession],
  'many-passkeys': ['iCloud Keychain', '1Password', 'Google Password Manager', 'Windows Hello', 'YubiKey 5 Series'],
  renaming: [en.passkeyName, en.save],
  'editing-name': [en.displayName, en.save],
  'name-changed': [en.done['account-updated'], 'Ada King'],
  'name-invalid': [en.errors['invalid-display-name']],
  'rename-invalid': [en.errors['invalid-passkey-name']],
  'confirm-remove': [en.confirmRemoveTitle('YubiKey 5 Series'), en.confirmRemoveBody],
  'current-passkey-warning': [en.confirmRemoveTitle('iCloud Keychain'), en.removingCurrent],
  'last-passkey-refused': [en.errors['last-passkey']],
  adding: [en.deviceWillAsk, en.cancel],
  'add-duplicate': [en.passkeyExistsHere],
  sessions: [en.thisDevice, 'Safari · iOS', 'Firefox · Windows', `${en.unknownBrowser} · Linux`, en.signOutOthers],
  reauthenticating: [en.reauthenticating],
  'confirm-delete-account': [en.confirmDelete],
  'account-deleted': [en.accountDeleted],
  'load-failed-network': [en.errorTitles.network, en.errors.network],
  'removed-elsewhere': [en.errors['not-found']],
  'reauthentication-still-required': [en.errors['reauthentication-required']],
  'reauthentication-verification-failed': [en.errors['verification-failed']],
  'add-refused-by-browser': [en.errors.unsupported],
  // Without WebAuthn the profile still loads, and says why it offers no way to add a passkey.
  unsupported: [en.passkeysTitle, en.unsupportedTitle, en.unsupportedHint],
  'recent-security-activity': [en.activityTitle, en.hideActivity, en.activityFailed, en.activityThisSession],
  'long-names': ['ThinkPad-X1-Carbon-Gen11-Windows-Hello-Fingerprint-Reader-Office', 'Microsoft Edge WebView2'],
};

let server: Server;
let origin: string;
let browser: Browser;

before(async () => {
  server = await serveStatic(buildDir);
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('the build has every story the sources declare, and a docs page per element', async () => {
  const built = new Set((await builtEntries()).map((entry) => entry.id));
  const declared = await declaredStoryIds();
  assert.ok(declared.length >= requiredStories.length, `found only ${declared.length} stories in stories/`);
  assert.deepEqual(declared.filter((id) => !built.has(id)), [], 'stories missing from the build');
  assert.ok(built.has('elements-passkey-login--docs'), 'no docs page for <passkey-login>');
  assert.ok(built.has('elements-passkey-profile--docs'), 'no docs page for <passkey-profile>');
});

test('every required state has a story', async () => {
  const built = new Set((await builtEntries()).map((entry) => entry.id));
  assert.deepEqual(requiredStories.filter((id) => !built.has(id)), []);
});

test('in Chromium, every play function passes and the profile stories reach their state', async () => {
  const stories = (await builtEntries()).filter((entry) => entry.type === 'story');
  const failures: string[] = [];
  const queue = [...stories];
  const worker = async () => {
    const context = await browser.newContext();
    await context.addInitScript({ content: recordStoryResult });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    for (let story = queue.shift(); story; story = queue.shift()) {
      pageErrors.length = 0;
      const failure = await runStory(page, story).catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
      if (failure) failures.push(`${story.id}: ${failure}${pageErrors.length ? `\n    page errors: ${pageErrors.join(' | ')}` : ''}`);
    }
    await context.close();
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  assert.deepEqual(failures, [], `${failures.length} of ${stories.length} stories failed:\n${failures.join('\n')}`);
});

test('the docs pages list what custom-elements.json says about each element', async () => {
  // Events, slots and CSS properties reach the docs only through the manifest.
  const fromManifest: Record<string, string[]> = {
    'elements-passkey-login--docs': ['passkey-signed-in', 'passkey-signed-up', '--passkey-color-accent', 'no-autofill'],
    'elements-passkey-profile--docs': ['passkey-created', 'passkey-account-deleted', '--passkey-color-danger', 'session-item'],
  };
  const page = await browser.newPage();
  try {
    for (const [id, expected] of Object.entries(fromManifest)) {
      await page.goto(`${origin}/iframe.html?id=${id}&viewMode=docs`);
      const text = await page
        .waitForFunction((snippets) => {
          const docs = document.querySelector('#storybook-docs')?.textContent ?? '';
          return snippets.every((snippet) => docs.includes(snippet)) && docs;
        }, expected, { timeout: STORY_TIMEOUT_MS })
        .then((handle) => handle.jsonValue())
        .catch(async () => page.evaluate(() => document.querySelector('#storybook-docs')?.textContent ?? ''));
      assert.deepEqual(expected.filter((snippet) => !String(text).includes(snippet)), [], `${id} lacks what the manifest says`);
    }
  } finally {
    await page.close();
  }
});

test("the toolbar's language, direction and theme reach both elements", async () => {
  const cases = [
    { id: 'elements-passkey-profile--one-passkey', tag: 'passkey-profile', globals: 'lang:de;dir:auto;theme:dark', text: de.passkeysTitle, direction: 'ltr', scheme: 'dark' },
    { id: 'elements-passkey-profile--one-passkey', tag: 'passkey-profile', globals: 'lang:en;dir:rtl;theme:light', text: en.passkeysTitle, direction: 'rtl', scheme: 'light' },
    // Arabic is right to left by itself.
    { id: 'elements-passkey-login--sign-in', tag: 'passkey-login', globals: 'lang:ar;dir:auto;theme:dark', text: ar.signInTitle, direction: 'rtl', scheme: 'dark' },
  ];
  const page = await browser.newPage();
  try {
    for (const { id, tag, globals, text, direction, scheme } of cases) {
      await page.goto(`${origin}/iframe.html?id=${id}&viewMode=story&globals=${globals}`);
      await page.waitForFunction(({ tag, text }) => document.querySelector(tag)?.shadowRoot?.textContent?.includes(text), { tag, text }, { timeout: STORY_TIMEOUT_MS });
      const shown = await page.evaluate((tag) => {
        const element = document.querySelector(tag);
        const style = element && getComputedStyle(element);
        return { theme: element?.getAttribute('theme'), direction: style?.direction, scheme: style?.colorScheme };
      }, tag);
      assert.deepEqual(shown, { theme: scheme, direction, scheme }, `${id} with ${globals}`);
    }
  } finally {
    await page.close();
  }
});

/** Opens one story alone; resolves with what went wrong, or undefined when it reached its state. */
async function runStory(page: import('playwright-core').Page, story: IndexEntry): Promise<string | undefined> {
  await page.goto(`${origin}/iframe.html?id=${story.id}&viewMode=story`);
  const handle = await page.waitForFunction(() => (window as unknown as StoryWindow).storyResult, undefined, { timeout: STORY_TIMEOUT_MS });
  const result = (await handle.jsonValue()) as StoryResult;
  if (result.status !== 'success') return `play failed: ${result.error ?? 'no message'}`;
  const expected = story.id.startsWith('elements-passkey-profile--') ? profileStates[story.id.slice('elements-passkey-profile--'.length)] : undefined;
  if (!expected) return undefined;
  await page.waitForTimeout(SETTLE_MS);
  const text = await page.evaluate(() => document.querySelector('passkey-profile')?.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '');
  const missing = expected.filter((snippet) => !text.includes(snippet));
  return missing.length ? `the element does not show ${missing.map((snippet) => `"${snippet}"`).join(', ')}; it shows: ${text.slice(0, 300)}` : undefined;
}

interface StoryResult {
  status: 'success' | 'error';
  error?: string;
}

interface StoryWindow {
  storyResult?: StoryResult;
}

/**
 * Runs before Storybook's preview: listens on its channel, set as a global when the preview
 * starts, for the end of the story (after its play function) and for a play function's error.
 */
const recordStoryResult = `
  let channel;
  let playError;
  Object.defineProperty(window, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set(value) {
      channel = value;
      value.on('playFunctionThrewException', (error) => { playError = error?.message ?? String(error); });
      value.on('storyErrored', (error) => { window.storyResult = { status: 'error', error: error?.title ?? 'story errored' }; });
      value.on('storyThrewException', (error) => { window.storyResult = { status: 'error', error: error?.message ?? 'story threw' }; });
      value.on('storyFinished', ({ status, reporters }) => {
        const failedReports = (reporters ?? []).filter((report) => report.status === 'failed').map((report) => report.type);
        // Storybook may call a story whose play function threw a success: the error decides.
        const error = playError ?? (failedReports.length ? 'failed reports: ' + failedReports.join(', ') : undefined);
        window.storyResult = { status: error ? 'error' : status, error };
      });
    },
  });`;

const contentTypes: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.png': 'image/png',
};

/** The build as static files on a free port. */
function serveStatic(root: string): Promise<Server> {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR') response.writeHead(404).end();
      else response.writeHead(500).end(String(error));
    }
  });
  return new Promise((resolvePromise) => server.listen(0, () => resolvePromise(server)));
}
