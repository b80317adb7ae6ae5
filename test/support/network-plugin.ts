import type { TestRunnerPlugin } from '@web/test-runner';
import type { Page } from 'playwright-core';

/**
 * Test-runner commands that take the network away from a test page and give it back, through
 * Playwright's request routing: a dropped request fails in the browser as it does offline
 * (`fetch` rejects), while the test runner's own connection stays up.
 */
export function networkPlugin(): TestRunnerPlugin {
  return {
    name: 'network',
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('network:')) return undefined;
      const page = (session.browser as unknown as { getPage(id: string): Page }).getPage(session.id);
      const { path } = (payload ?? {}) as { path?: string };
      switch (command) {
        case 'network:drop':
          if (!path) throw new Error('network:drop needs a path');
          // Every request whose path contains `path`, until network:restore.
          await page.route((url) => url.pathname.includes(path), (route) => route.abort('internetdisconnected'));
          return true;
        case 'network:restore':
          await page.unrouteAll({ behavior: 'ignoreErrors' });
          return true;
        default:
          throw new Error(`Unknown command ${command}`);
      }
    },
  };
}
