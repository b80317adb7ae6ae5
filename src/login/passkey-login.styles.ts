import { css } from 'lit';
import { baseStyles } from '../core/base.styles.ts';

export const loginStyles = [
  baseStyles,
  css`
    .divider { display: flex; align-items: center; gap: var(--_gap); color: var(--_muted); font-size: 0.875rem; }
    .divider::before, .divider::after { content: ''; flex: 1; border-top: 1px solid var(--_border); }
    .card { display: grid; gap: var(--_gap); min-height: 16rem; align-content: start; }
  `,
];
