// The default colours, light and dark, meet WCAG 2.2 AA: 4.5:1 for text, 3:1 for the boundaries
// of controls and the focus ring (1.4.3, 1.4.11). Read from the styles themselves, so a changed
// default is checked without anyone updating a list of colours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { profileStyles } from '../../src/profile/passkey-profile.styles.ts';

const css = profileStyles.map((style) => style.cssText).join('\n');
type Scheme = 'light' | 'dark';

/** The default of a private colour token in a scheme: `light-dark(a, b)`, a colour, or another private token. */
function colour(token: string, scheme: Scheme): string {
  const declarations = [...css.matchAll(new RegExp(`${token}:\\s*var\\(--passkey-[\\w-]+,\\s*([^;]+)\\);`, 'g'))];
  const value = declarations.at(-1)?.[1]?.trim();
  assert.ok(value, `no default for ${token}`);
  const pair = /^light-dark\((#[0-9a-f]+),\s*(#[0-9a-f]+)\)$/i.exec(value);
  if (pair) return scheme === 'light' ? pair[1]! : pair[2]!;
  const alias = /^var\((--_[\w-]+)\)$/.exec(value);
  if (alias) return colour(alias[1]!, scheme);
  assert.match(value, /^#[0-9a-f]+$/i, `${token}: unreadable default ${value}`);
  return value;
}

function luminance(hex: string): number {
  const digits = hex.slice(1).length === 3 ? [...hex.slice(1)].map((digit) => digit + digit).join('') : hex.slice(1);
  const [red, green, blue] = [0, 2, 4].map((start) => {
    const channel = parseInt(digits.slice(start, start + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * red! + 0.7152 * green! + 0.0722 * blue!;
}

function contrast(first: string, second: string): number {
  const [lighter, darker] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return (lighter! + 0.05) / (darker! + 0.05);
}

/** [foreground, background, minimum ratio, where the pair appears]. */
const pairs: [string, string, number, string][] = [
  ['--_text', '--_background', 4.5, 'text'],
  ['--_text', '--_surface', 4.5, 'typed text in fields'],
  ['--_muted', '--_background', 4.5, 'secondary text'],
  ['--_muted', '--_surface', 4.5, 'secondary text in cards'],
  ['--_accent', '--_surface', 4.5, 'button text'],
  ['--_accent', '--_background', 4.5, 'links'],
  ['--_on-accent', '--_accent', 4.5, 'primary button and badge text'],
  ['--_error', '--_background', 4.5, 'error text'],
  ['--_danger', '--_surface', 4.5, 'remove and delete buttons'],
  ['--_on-danger', '--_danger', 4.5, 'the filled destructive button of a confirmation'],
  ['--_border', '--_background', 3, 'field borders'],
  ['--_accent', '--_background', 3, 'focus ring'],
];

for (const scheme of ['light', 'dark'] as const) {
  for (const [foreground, background, minimum, where] of pairs) {
    test(`${scheme}: ${where} (${foreground} on ${background}) has at least ${minimum}:1`, () => {
      const ratio = contrast(colour(foreground, scheme), colour(background, scheme));
      assert.ok(ratio >= minimum, `${colour(foreground, scheme)} on ${colour(background, scheme)}: ${ratio.toFixed(2)}:1`);
    });
  }
}

test('the contrast formula matches known WCAG values', () => {
  assert.equal(contrast('#000', '#fff').toFixed(1), '21.0');
  assert.equal(contrast('#777', '#fff').toFixed(2), '4.48');
  assert.equal(contrast('#fff', '#fff'), 1);
});

test('light and dark defaults differ', () => {
  assert.notEqual(colour('--_text', 'light'), colour('--_text', 'dark'));
  assert.notEqual(colour('--_background', 'light'), colour('--_background', 'dark'));
});
