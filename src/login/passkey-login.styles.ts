import { css } from 'lit';
import { baseStyles } from '../core/base.styles.ts';

export const loginStyles = [
  baseStyles,
  css`
    :host { --_min-height: var(--passkey-min-height, 25rem); }
    .divider { display: flex; align-items: center; gap: var(--_gap); color: var(--_muted); font-size: 0.875em; }
    .divider::before, .divider::after { content: ''; flex: 1; border-top: 1px solid var(--_border); }
    /* Every screen fits this height, so switching screens does not move the page below. */
    .card { display: grid; gap: var(--_gap); min-height: var(--_min-height); align-content: start; }
  `,
];
