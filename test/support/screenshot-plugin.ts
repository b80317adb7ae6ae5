import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestRunnerPlugin } from '@web/test-runner';
import type { Page } from 'playwright-core';

/**
 * `screenshot:element` saves a PNG of the first element matching `selector` to
 * `$SCREENSHOT_DIR/<name>.png`, for a person to look at; without SCREENSHOT_DIR it does nothing.
 */
export function screenshotPlugin(directory = process.env.SCREENSHOT_DIR): TestRunnerPlugin {
  return {
    name: 'screenshot',
    async executeCommand({ command, payload, session }) {
      if (command !== 'screenshot:element') return undefined;
      if (directory === undefined || directory === '') return false;
      const { selector, name } = (payload ?? {}) as { selector?: string; name?: string };
      if (typeof selector !== 'string' || typeof name !== 'string' || !/^[\w-]+$/.test(name)) throw new Error('screenshot:element needs { selector, name }');
      const page = (session.browser as unknown as { getPage(id: string): Page }).getPage(session.id);
      await mkdir(directory, { recursive: true });
      await page.locator(selector).first().screenshot({ path: join(directory, `${name}.png`) });
      return true;
    },
  };
}
