import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestRunnerPlugin } from '@web/test-runner';
import type { Page } from 'playwright-core';
import { comparePngs } from './screen-compare.ts';

/** Where the reference screens live (docs/screens.md shows them); UPDATE_SCREENS=1 rewrites them. */
const referenceDir = process.env.SCREENS_DIR ?? 'docs/screens';
/** The share of a screen's pixels that may differ from its reference (rendering noise, not a change). */
const tolerance = 0.001;

const nameRule = /^[\w-]+$/;

/**
 * `screenshot:element` saves a PNG of the first element matching `selector` to
 * `$SCREENSHOT_DIR/<name>.png`, for a person to look at; without SCREENSHOT_DIR it does nothing.
 *
 * `screenshot:compare` shoots the whole page (or, `fullPage: false`, the viewport) and compares it with `docs/screens/<name>.png`: it answers
 * `{ ok, message }` (a failed one leaves `<name>.actual.png` beside it); with UPDATE_SCREENS=1 it writes the reference instead.
 */
export function screenshotPlugin(directory = process.env.SCREENSHOT_DIR, update = process.env.UPDATE_SCREENS === '1'): TestRunnerPlugin {
  return {
    name: 'screenshot',
    async executeCommand({ command, payload, session }) {
      if (command !== 'screenshot:element' && command !== 'screenshot:compare') return undefined;
      const page = (session.browser as unknown as { getPage(id: string): Page }).getPage(session.id);
      const { selector, name, fullPage = true } = (payload ?? {}) as { selector?: string; name?: string; fullPage?: boolean };
      if (typeof name !== 'string' || !nameRule.test(name)) throw new Error(`${command} needs a { name } of letters, digits, - and _`);
      if (command === 'screenshot:compare') return compareScreen(page, name, fullPage, update);
      if (directory === undefined || directory === '') return false;
      if (typeof selector !== 'string') throw new Error('screenshot:element needs { selector, name }');
      await mkdir(directory, { recursive: true });
      await page.locator(selector).first().screenshot({ path: join(directory, `${name}.png`) });
      return true;
    },
  };
}

async function compareScreen(page: Page, name: string, fullPage: boolean, update: boolean): Promise<{ ok: boolean; message: string }> {
  const path = join(referenceDir, `${name}.png`);
  const shot = await page.screenshot({ fullPage, animations: 'disabled', caret: 'hide' });
  if (update) {
    await mkdir(referenceDir, { recursive: true });
    await writeFile(path, shot);
    return { ok: true, message: `wrote ${path}` };
  }
  const reference = await readFile(path).catch(() => undefined);
  if (!reference) return { ok: false, message: `${path} is missing: run npm run screens to write it` };
  const difference = comparePngs(reference, shot);
  if (difference.kind === 'size') return { ok: false, message: `${name}: ${difference.actual}, the reference is ${difference.expected}` };
  const ok = difference.ratio <= tolerance;
  if (!ok) await writeFile(join(referenceDir, `${name}.actual.png`), shot);
  return { ok, message: `${name}: ${difference.changed} pixels differ (${(difference.ratio * 100).toFixed(3)}%, at most ${tolerance * 100}%)` };
}
