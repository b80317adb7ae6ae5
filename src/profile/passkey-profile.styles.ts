import { css } from 'lit';
import { baseStyles } from '../core/base.styles.ts';

export const profileStyles = [
  baseStyles,
  css`
    :host { --_danger: var(--passkey-color-danger, var(--_error)); --_max-width: var(--passkey-max-width, 36rem); }
    section { display: grid; gap: var(--_gap); margin-bottom: calc(var(--_gap) * 2); }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: calc(var(--_gap) / 2); }
    li, .empty { display: grid; gap: 0.25em; padding: var(--_gap); border: 1px solid var(--_border); border-radius: var(--_radius); }
    .empty { gap: var(--_gap); justify-items: start; padding: calc(var(--_gap) * 1.5); border: 2px solid var(--_accent); }
    .empty h3 { font-size: 1.25em; }
    h3 { margin: 0; font-size: 1em; }
    /* The passkey's kind beside its name, in the text's colour (light and dark alike); the provider line under it. */
    .kind-icon { flex: none; vertical-align: -0.25em; color: var(--_muted); }
    .provider { margin: 0; font-size: 0.875em; }
    .meta { color: var(--_muted); font-size: 0.875em; }
    .badge { display: inline-block; white-space: nowrap; margin-inline-start: 0.5em; padding: 0 0.5em; border-radius: 1em; color: var(--_on-accent); background: var(--_accent); font-size: 0.75em; }
    .badge.unverified { color: var(--_text); background: none; border: 1px solid var(--_border); }
    .badge.failed { color: var(--_danger); background: none; border: 1px solid var(--_danger); }
    .email, .recovery-codes { display: grid; gap: calc(var(--_gap) / 2); justify-items: start; }
    .recovery-codes { padding: var(--_gap); border: 2px solid var(--_accent); border-radius: var(--_radius); }
    .codes { columns: 2; gap: var(--_gap); padding-inline-start: 2em; font: 1.125em / 1.6 ui-monospace, monospace; }
    a.button {
      display: inline-flex; align-items: center; font-weight: 600; padding: 0.625em 1em; text-decoration: none;
      color: var(--_accent); background: var(--_surface); border: 1px solid var(--_accent); border-radius: var(--_radius);
    }
    a.button:focus-visible { outline: none; box-shadow: var(--_focus); }
    .actions, .confirm, .rename, .ceremony { display: flex; flex-wrap: wrap; align-items: center; gap: calc(var(--_gap) / 2); }
    .confirm p, .rename input, .confirm > :is(form, div) { flex: 1 1 100%; }
    .code { justify-items: start; }
    .code input { width: 10ch; letter-spacing: 0.25em; font-variant-numeric: tabular-nums; }
    button.danger { color: var(--_danger); border-color: var(--_danger); }
    button:disabled { opacity: 0.5; cursor: not-allowed; }
    .done { color: var(--_text); }
    dialog { max-width: min(28em, 90vw); padding: calc(var(--_gap) * 1.5); color: inherit; background: var(--_background); border: 1px solid var(--_border); border-radius: var(--_radius); }
    dialog::backdrop { background: rgb(0 0 0 / 0.4); }
  `,
];
