import { css } from 'lit';
import { baseStyles } from '../core/base.styles.ts';

export const profileStyles = [
  baseStyles,
  css`
    :host { --_danger: var(--passkey-color-danger, #b42318); max-width: var(--passkey-max-width, 36rem); }
    section { display: grid; gap: var(--_gap); margin-bottom: calc(var(--_gap) * 2); }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: calc(var(--_gap) / 2); }
    li { display: grid; gap: 0.25rem; padding: var(--_gap); border: 1px solid var(--_border); border-radius: var(--_radius); }
    h3 { margin: 0; font-size: 1rem; }
    .meta { color: var(--_muted); font-size: 0.875rem; }
    .badge { margin-inline-start: 0.5rem; padding: 0 0.5rem; border-radius: 1rem; color: var(--_on-accent); background: var(--_accent); font-size: 0.75rem; }
    .actions, .confirm, .rename, .ceremony { display: flex; flex-wrap: wrap; align-items: center; gap: calc(var(--_gap) / 2); }
    .confirm p, .rename input { flex: 1 1 100%; }
    button.danger { color: var(--_danger); border-color: var(--_danger); }
    button:disabled { opacity: 0.5; cursor: not-allowed; }
    .done { color: var(--_text); }
  `,
];
