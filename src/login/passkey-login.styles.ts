import { css } from 'lit';
import { baseStyles } from '../core/base.styles.ts';

export const loginStyles = [
  baseStyles,
  css`
    :host { --_min-height: var(--passkey-min-height, 0px); --_screen-height: 0px; }
    .divider { display: flex; align-items: center; gap: var(--_gap); color: var(--_muted); font-size: 0.875em; }
    .divider::before, .divider::after { content: ''; flex: 1; border-top: 1px solid var(--_border); }
    /*
     * Each screen is as tall as it needs; a screen that follows a form (waiting, checking, cancelled, failed)
     * keeps at least the form's height (--_screen-height, set by the element), so the page below does not jump.
     */
    .card { display: grid; gap: var(--_gap); min-height: max(var(--_min-height), var(--_screen-height)); align-content: start; }
    /* The link to the other form and "What is a passkey?" share a row, so neither screen grows. */
    .links { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: 0.25em var(--_gap); }
    .links > * { margin: 0; }
    .explainer { font-size: 0.875em; }
    .explainer summary { cursor: pointer; }
    .code-links { display: flex; flex-wrap: wrap; justify-content: space-between; gap: calc(var(--_gap) / 2) var(--_gap); }
    .code { font-size: 1.25em; letter-spacing: 0.25em; font-variant-numeric: tabular-nums; }
    .row { display: flex; flex-wrap: wrap; gap: var(--_gap); }
    .row > button { flex: 1 1 auto; }
    .recovery-codes {
      display: grid; grid-template-columns: repeat(auto-fit, minmax(9ch, 1fr)); gap: 0.25em var(--_gap); margin: 0; padding: 0; list-style: none;
      font: 1.0625em / 1.6 ui-monospace, monospace;
    }
    .recovery-codes code { font: inherit; }
    /* Read by screen readers, not shown: news such as "We sent a code to …". */
    .announcer { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  `,
];
