import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPasskeyPage } from './chromium.ts';
import { runPasskeyJourney } from './journey.ts';
import { startBuiltApp, type RunningApp } from './servers.ts';

/** The examples' signed-in view: their own "Signed in as" line, then `<passkey-profile>` loaded. */
const signedIn = (page: Page, email: string) =>
  page.locator('main', { has: page.getByText(`Signed in as ${email}`, { exact: true }) }).getByRole('heading', { name: 'Your passkeys' });

interface ExamplePage {
  variant: string;
  path: string;
}

const examples: { name: string; root: string; pages: ExamplePage[] }[] = [
  {
    name: 'React',
    root: 'examples/react',
    pages: [
      { variant: 'custom elements in JSX', path: '/' },
      // @lit/react sets properties after the element is connected: this journey guards against
      // an element that reads `api` too early.
      { variant: 'passkey-elements/react components', path: '/?wrappers' },
    ],
  },
  { name: 'Vue', root: 'examples/vue', pages: [{ variant: 'custom elements in templates', path: '/' }] },
];

let browser: Browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

for (const example of examples) {
  describe(`${example.name} example, built and served with the reference backend`, () => {
    let app: RunningApp;

    before(async () => {
      app = await startBuiltApp(fileURLToPath(new URL(`../../${example.root}/`, import.meta.url)));
    });

    after(async () => {
      await app?.close();
    });

    for (const { variant, path } of example.pages) {
      test(`${variant}: sign up, signed in, sign out, sign in with the passkey button`, async () => {
        const { context, page, authenticator } = await openPasskeyPage(browser, app.url);
        try {
          await runPasskeyJourney(page, authenticator, { path, signedIn });
        } finally {
          await context.close();
        }
      });
    }
  });
}
