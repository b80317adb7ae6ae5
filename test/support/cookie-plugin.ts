import type { TestRunnerPlugin } from '@web/test-runner';
import type { BrowserContext, Page } from 'playwright-core';

type Cookies = Awaited<ReturnType<BrowserContext['cookies']>>;

/**
 * Test-runner commands that let one test page act as two clients: `cookies:set-aside` takes the
 * page's cookies away (its session cookie is HttpOnly, out of the page's reach), so that the page's
 * next sign-in opens a second session as another browser would; `cookies:bring-back` restores them.
 */
export function cookiePlugin(): TestRunnerPlugin {
  const setAside = new Map<string, Cookies>();
  return {
    name: 'cookies',
    async executeCommand({ command, session }) {
      if (!command.startsWith('cookies:')) return undefined;
      const context = (session.browser as unknown as { getPage(id: string): Page }).getPage(session.id).context();
      switch (command) {
        case 'cookies:set-aside':
          setAside.set(session.id, await context.cookies());
          await context.clearCookies();
          return true;
        case 'cookies:bring-back':
          await context.clearCookies();
          await context.addCookies(setAside.get(session.id) ?? []);
          setAside.delete(session.id);
          return true;
        default:
          throw new Error(`Unknown command ${command}`);
      }
    },
  };
}
