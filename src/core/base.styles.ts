import { css } from 'lit';

/**
 * What both elements share: public `--passkey-*` tokens mapped to private `--_*` ones on `:host`
 * (the rules read only `--_*`), text, fields, buttons, messages and the busy spinner.
 * Colours follow the `color-scheme` through `light-dark()`: the system's by default, or the one
 * the `theme` attribute asks for. Every default pair meets WCAG AA (test/unit/theme-contrast.test.ts).
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
    --_font: var(--passkey-font-family, system-ui, sans-serif);
    --_font-size: var(--passkey-font-size, 1rem);
    --_focus: var(--passkey-focus-ring, 0 0 0 2px var(--_background), 0 0 0 4px var(--_accent));
    --_max-width: var(--passkey-max-width, 24rem);
    color-scheme: light dark;
    display: block;
    max-width: var(--_max-width);
    font: var(--_font-size) / 1.5 var(--_font);
    color: var(--_text);
    background: var(--_background);
  }
  :host([theme='light']) { color-scheme: light; }
  :host([theme='dark']) { color-scheme: dark; }
  [hidden] { display: none !important; }
  h2 { margin: 0; font-size: 1.375em; line-height: 1.3; outline: none; }
  p { margin: 0; }
  form { display: grid; gap: calc(var(--_gap) / 2); }
  label { font-weight: 600; font-size: 0.9375em; }
  input {
    font: inherit; color: inherit; background: var(--_surface); padding: 0.625em 0.75em;
    border: 1px solid var(--_border); border-radius: var(--_radius);
  }
  input[aria-invalid='true'] { border-color: var(--_error); }
  button {
    display: inline-flex; align-items: center; justify-content: center; gap: 0.5em;
    font: inherit; font-weight: 600; padding: 0.625em 1em; cursor: pointer;
    color: var(--_accent); background: var(--_surface);
    border: 1px solid var(--_accent); border-radius: var(--_radius);
  }
  form button { margin-top: calc(var(--_gap) / 2); }
  button.primary { color: var(--_on-accent); background: var(--_accent); }
  button.link { display: inline; padding: 0; border: 0; background: none; text-decoration: underline; }
  :is(button, input):focus-visible { outline: none; box-shadow: var(--_focus); }
  svg { fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; }
  .switch, [part~='message'] { color: var(--_muted); }
  .alert { color: var(--_error); }
  form .alert { font-size: 0.875em; }
  .busy { display: flex; align-items: center; gap: var(--_gap); }
  .busy::before {
    content: ''; flex: none; width: 1.25em; height: 1.25em; border-radius: 50%;
    border: 3px solid color-mix(in srgb, var(--_accent) 25%, transparent); border-top-color: var(--_accent);
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin { to { transform: rotate(1turn); } }
  @media (prefers-reduced-motion: reduce) { .busy::before { animation: none; } }
`;
