import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AxeResults } from 'axe-core';

declare global {
  interface Window {
    axe: { run(context: Element, options: object): Promise<AxeResults> };
  }
}

// axe-core's browser build registers itself as window.axe.
await import('axe-core');

/** What the checks need of a harness: its element, themeable and updating. */
interface Harnessed {
  element: HTMLElement & { theme: 'light' | 'dark' | 'auto'; updateComplete: Promise<unknown> };
}

/** axe-core on the element, in the light and in the dark theme: no violation of any rule. */
export async function expectNoViolations(harness: Harnessed, state: string): Promise<void> {
  const { element } = harness;
  const original = element.theme;
  try {
    for (const theme of ['light', 'dark'] as const) {
      element.theme = theme;
      await element.updateComplete;
      const { violations, passes } = await window.axe.run(element, { resultTypes: ['violations'] });
      const found = violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      expect(found, `${state}, ${theme} theme`).to.deep.equal([]);
      // Guards against an axe run that checked nothing (e.g. a closed shadow root).
      expect(passes.some((rule) => rule.id === 'color-contrast'), `${state}: contrast was checked`).to.equal(true);
    }
  } finally {
    element.theme = original;
    await element.updateComplete;
  }
}

/** The element that has the focus, through shadow roots. */
export function focused(): Element | null {
  let element = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element;
}

export const nameOf = (element: Element | null) => element?.getAttribute('aria-label') ?? element?.textContent?.trim() ?? '';

/** Presses `key` (Tab, or Shift+Tab) at most `presses` times until a control with this name (aria-label or text) has the focus. */
export async function tabTo(name: string | RegExp, { key = 'Tab', presses = 25 } = {}): Promise<void> {
  const matches = () => (typeof name === 'string' ? nameOf(focused()) === name : name.test(nameOf(focused())));
  for (let pressed = 0; pressed < presses && !matches(); pressed++) await sendKeys({ press: key });
  expect(matches(), `${key} reaches "${name}"; focus is on "${nameOf(focused())}"`).to.equal(true);
}

/** Presses a key, then waits for the element to render what it did. */
export async function press(key: string, harness: Harnessed): Promise<void> {
  await sendKeys({ press: key });
  await harness.element.updateComplete;
}
