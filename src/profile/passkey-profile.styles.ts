import { css } from 'lit';
import { baseStyles } from '../core/base.styles.ts';

export const profileStyles = [
  baseStyles,
  css`
    :host {
      --_danger: var(--passkey-color-danger, var(--_error));
      --_on-danger: var(--passkey-color-on-danger, light-dark(#fff, #0d1117));
      --_max-width: var(--passkey-max-width, 36rem);
      --_section-gap: var(--passkey-section-spacing, 32px);
      --_radius-card: var(--passkey-radius-card, 12px);
      --_radius-badge: var(--passkey-radius-badge, 999px);
      --_card-padding: var(--passkey-card-padding, 16px);
    }
    section { display: grid; gap: var(--_gap); margin-bottom: var(--_section-gap); }
    section > [part~='title'] { font-size: 1.25em; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: calc(var(--_gap) / 2); }
    :is(h1, h2, h3, h4, h5, h6) { margin: 0; line-height: 1.3; }
    :is(.item, .empty) :is(h3, h4, h5, h6), .identity :is(h3, h4, h5, h6), .code :is(h3, h4, h5, h6) { font-size: 1em; }
    /* A card per passkey or session: what it is on one side, its actions on the other; stacked when narrow. */
    ul[part] { container-type: inline-size; }
    .item {
      display: grid; grid-template-columns: minmax(0, 1fr) auto; align-items: center; gap: calc(var(--_gap) / 2) var(--_gap);
      padding: var(--_card-padding); background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius-card);
    }
    .item-text { display: grid; gap: 0.25em; min-width: 0; }
    .item-text:has(form) { grid-column: 1 / -1; }
    .item-note { grid-column: 1 / -1; font-size: 0.875em; }
    @container (max-width: 26em) {
      .item { grid-template-columns: minmax(0, 1fr); }
    }
    .empty {
      display: grid; gap: var(--_gap); justify-items: start; padding: calc(var(--_card-padding) * 1.25);
      border: 2px solid var(--_accent); border-radius: var(--_radius-card);
    }
    .empty :is(h3, h4, h5, h6) { font-size: 1.125em; }
    /* The passkey's kind beside its name, in the text's colour (light and dark alike); the provider line under it. */
    .kind-icon { flex: none; vertical-align: -0.25em; color: var(--_muted); }
    .provider { margin: 0; font-size: 0.875em; }
    .meta { color: var(--_muted); font-size: 0.875em; }
    .label { font-weight: 600; font-size: 0.9375em; }
    .badge {
      display: inline-block; white-space: nowrap; margin-inline-start: 0.5em; padding: 0.0625em 0.625em; vertical-align: 0.0625em;
      border-radius: var(--_radius-badge); color: var(--_on-accent); background: var(--_accent); font-size: 0.75em; font-weight: 600;
    }
    .meta > .badge:first-child { margin-inline-start: 0; }
    .badge.unverified { color: var(--_text); background: none; border: 1px solid var(--_border); }
    .badge.failed { color: var(--_danger); background: none; border: 1px solid var(--_danger); }
    /* Who is signed in: the name and address, each with its action at the end of its row. */
    .identity { display: grid; gap: var(--_gap); padding: var(--_card-padding); background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius-card); }
    .identity-row { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: calc(var(--_gap) / 2) var(--_gap); }
    .identity-row > :first-child { flex: 1 1 12em; min-width: 0; }
    .identity-name { font-size: 1.125em; }
    .email { display: grid; gap: calc(var(--_gap) / 2); }
    .identity > .email { padding-top: var(--_gap); border-top: 1px solid color-mix(in srgb, var(--_border) 50%, transparent); }
    .recovery-codes { display: grid; gap: calc(var(--_gap) / 2); justify-items: start; padding: var(--_card-padding); border: 2px solid var(--_accent); border-radius: var(--_radius-card); }
    .codes { columns: 2 9ch; gap: var(--_gap); padding-inline-start: 2em; font: 1.125em / 1.6 ui-monospace, monospace; }
    /* Compact actions in a card; a section's own actions a full size below its list. */
    .actions, .ceremony, .form-actions, .section-actions { display: flex; flex-wrap: wrap; align-items: center; gap: calc(var(--_gap) / 2); }
    .item-actions button, .identity-row button { min-height: 2.25em; padding: 0.375em 0.75em; font-size: 0.875em; }
    .rename { min-width: 0; }
    .code { justify-items: start; }
    .code input { width: 10ch; letter-spacing: 0.25em; font-variant-numeric: tabular-nums; }
    button.danger { color: var(--_danger); border-color: var(--_danger); }
    button.danger:hover:not(:disabled) { background: color-mix(in srgb, var(--_danger) 10%, var(--_surface)); }
    button.danger:active:not(:disabled) { background: color-mix(in srgb, var(--_danger) 18%, var(--_surface)); }
    button.danger.primary { color: var(--_on-danger); background: var(--_danger); }
    button.danger.primary:hover:not(:disabled) { background: color-mix(in srgb, var(--_danger) 85%, var(--_text)); }
    button.danger.primary:active:not(:disabled) { background: color-mix(in srgb, var(--_danger) 70%, var(--_text)); }
    .done { color: var(--_text); }
    /* The danger zone: set apart by a rule and a tinted frame, its one act in the danger colour. */
    .danger-zone {
      margin-top: var(--_gap); padding: var(--_card-padding); justify-items: start;
      border: 1px solid color-mix(in srgb, var(--_danger) 55%, var(--_border)); border-radius: var(--_radius-card);
      background: color-mix(in srgb, var(--_danger) 4%, var(--_background));
    }
    /* Dialogs: a raised surface with a clear edge in both schemes, the question first, the answers at the end. */
    dialog {
      width: min(28em, calc(100vw - 2rem)); max-width: none; padding: calc(var(--_card-padding) * 1.5); color: var(--_text); background: var(--_surface);
      border: 1px solid var(--_border); border-radius: var(--_radius-card);
      box-shadow: 0 12px 40px rgb(0 0 0 / 0.3), 0 0 0 1px color-mix(in srgb, var(--_text) 8%, transparent);
    }
    dialog::backdrop { background: rgb(0 0 0 / 0.5); }
    :host([theme='dark']) dialog::backdrop { background: rgb(0 0 0 / 0.7); }
    .confirm { display: grid; gap: var(--_gap); }
    .dialog-title { font-size: 1.25em; }
    .dialog-actions { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: calc(var(--_gap) / 2); margin-top: calc(var(--_gap) / 2); }
    /* Side by side when they fit, else each the full width: never one ragged button per line. */
    .dialog-actions > button { flex: 1 1 auto; }
    @media (prefers-color-scheme: dark) { :host(:not([theme='light'])) dialog::backdrop { background: rgb(0 0 0 / 0.7); } }
    @media (forced-colors: active) {
      .item, .identity, .danger-zone, dialog { border: 1px solid CanvasText; }
      .badge { border: 1px solid CanvasText; }
    }
  `,
];
