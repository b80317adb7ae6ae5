import { css } from 'lit';

/**
 * What both elements share: public `--passkey-*` tokens mapped to private `--_*` ones on `:host`
 * (the rules read only `--_*`), text, fields, buttons with their hover, pressed, focus, disabled and
 * busy states, messages and the busy spinner.
 * Colours follow the `color-scheme` through `light-dark()`: the system's by default, or the one
 * the `theme` attribute asks for. Every default pair meets WCAG AA (test/unit/theme-contrast.test.ts).
 * Corners come per kind of control (fields and buttons here; cards, dialogs and badges in the profile),
 * so a pill button theme does not turn cards into ovals.
 */
export const baseStyles = css`
  :host {
    --_accent: var(--passkey-color-accent, light-dark(#1d4ed8, #7eb0ff));
    --_on-accent: var(--passkey-color-on-accent, light-dark(#fff, #0d1117));
    --_text: var(--passkey-color-text, light-dark(#1f2328, #e6edf3));
    --_muted: var(--passkey-color-muted, light-dark(#57606a, #9198a1));
    --_background: var(--passkey-color-background, light-dark(#fff, #0d1117));
    --_surface: var(--passkey-color-surface, light-dark(#fff, #161b22));
    --_border: var(--passkey-color-border, light-dark(#8c959f, #6e7681));
    --_error: var(--passkey-color-error, light-dark(#b42318, #ff7b72));
    --_radius: var(--passkey-radius, 8px);
    --_gap: var(--passkey-spacing, 12px);
    --_padding: var(--passkey-padding, 0);
    --_control-padding: var(--passkey-control-padding, 0.625em 1em);
    --_font: var(--passkey-font-family, system-ui, sans-serif);
    --_font-size: var(--passkey-font-size, 1rem);
    --_focus: var(--passkey-focus-ring, 0 0 0 2px var(--_background), 0 0 0 4px var(--_accent));
    --_max-width: var(--passkey-max-width, 24rem);
    /* Hover and pressed: the accent a step towards the text colour (darker in light, lighter in dark). */
    --_accent-hover: color-mix(in srgb, var(--_accent) 85%, var(--_text));
    --_accent-pressed: color-mix(in srgb, var(--_accent) 70%, var(--_text));
    --_tint: color-mix(in srgb, var(--_accent) 10%, var(--_surface));
    --_tint-pressed: color-mix(in srgb, var(--_accent) 18%, var(--_surface));
    color-scheme: light dark;
    display: block;
    box-sizing: border-box;
    max-width: var(--_max-width);
    /* Centred in a wider container; as narrow as the container down to 320 px, never wider. */
    margin-inline: auto;
    padding: var(--_padding);
    font: var(--_font-size) / 1.5 var(--_font);
    color: var(--_text);
    background: var(--_background);
    overflow-wrap: anywhere;
  }
  :host([theme='light']) { color-scheme: light; }
  :host([theme='dark']) { color-scheme: dark; }
  *, *::before, *::after { box-sizing: border-box; }
  [hidden] { display: none !important; }
  h2 { margin: 0; font-size: 1.375em; line-height: 1.3; outline: none; }
  p { margin: 0; }
  form { display: grid; gap: calc(var(--_gap) / 2); }
  label { font-weight: 600; font-size: 0.9375em; }
  input {
    width: 100%; min-width: 0; min-height: 2.75em;
    font: inherit; color: inherit; background: var(--_surface); padding: var(--_control-padding);
    border: 1px solid var(--_border); border-radius: var(--_radius);
  }
  input:hover:not(:disabled, :focus) { border-color: var(--_text); }
  input[aria-invalid='true'] { border-color: var(--_error); }
  input:disabled { opacity: 0.55; cursor: not-allowed; }
  button, a.button {
    display: inline-flex; align-items: center; justify-content: center; gap: 0.5em;
    min-height: 2.75em; max-width: 100%;
    font: inherit; font-weight: 600; line-height: 1.25; text-align: center; text-decoration: none;
    padding: var(--_control-padding); cursor: pointer;
    color: var(--_accent); background: var(--_surface);
    border: 1px solid var(--_accent); border-radius: var(--_radius);
  }
  form button { margin-top: calc(var(--_gap) / 2); }
  :is(button, a.button):hover:not(:disabled) { background: var(--_tint); }
  :is(button, a.button):active:not(:disabled) { background: var(--_tint-pressed); transform: translateY(1px); }
  button.primary { color: var(--_on-accent); background: var(--_accent); }
  button.primary:hover:not(:disabled) { background: var(--_accent-hover); border-color: var(--_accent-hover); }
  button.primary:active:not(:disabled) { background: var(--_accent-pressed); border-color: var(--_accent-pressed); }
  button.link {
    display: inline; min-height: 0; padding: 0; border: 0; border-radius: 2px; background: none;
    font-weight: 600; text-align: start; text-decoration: underline; text-underline-offset: 0.15em;
  }
  button.link:hover:not(:disabled) { background: none; text-decoration-thickness: 2px; }
  button.link:active:not(:disabled) { transform: none; color: var(--_accent-pressed); }
  button:disabled { cursor: not-allowed; opacity: 0.55; }
  :is(button, input, a):focus-visible { outline: none; box-shadow: var(--_focus); }
  svg { flex: none; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; }
  .switch, [part~='message'] { color: var(--_muted); }
  .alert { color: var(--_error); }
  form .alert { font-size: 0.875em; }
  /* No colour transitions: a theme switch must land at once, for people and for contrast checks alike. */
  /* A spinner before a busy line of text, and on the button whose request is under way. */
  .busy { display: flex; align-items: center; gap: var(--_gap); }
  .busy::before, button[aria-busy='true']::before {
    content: ''; flex: none; width: 1.25em; height: 1.25em; border-radius: 50%;
    border: 3px solid color-mix(in srgb, currentColor 25%, transparent); border-top-color: currentColor;
    animation: spin 0.8s linear infinite;
  }
  .busy::before { border-color: color-mix(in srgb, var(--_accent) 25%, transparent); border-top-color: var(--_accent); }
  button[aria-busy='true']::before { width: 1em; height: 1em; border-width: 2px; }
  button[aria-busy='true']:disabled { opacity: 0.8; cursor: progress; }
  @keyframes spin { to { transform: rotate(1turn); } }
  @media (prefers-reduced-motion: reduce) {
    .busy::before, button[aria-busy='true']::before { animation: none; border-top-color: transparent; border-inline-end-color: transparent; }
    :is(button, a.button):active:not(:disabled) { transform: none; }
  }
  /* Forced colours drop backgrounds and shadows: borders and outlines carry the states instead. */
  @media (forced-colors: active) {
    :is(button, input, a):focus-visible { outline: 2px solid Highlight; outline-offset: 2px; }
    button, a.button { border: 1px solid ButtonText; }
    button.primary { border-width: 2px; }
    button:disabled { color: GrayText; border-color: GrayText; opacity: 1; }
    button.link { text-decoration: underline; }
    .busy::before, button[aria-busy='true']::before { border-color: GrayText; border-top-color: Highlight; }
  }
`;
