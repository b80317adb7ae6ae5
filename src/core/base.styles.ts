import { css } from 'lit';

/**
 * What both elements share: public `--passkey-*` tokens mapped to private `--_*` ones on `:host`
 * (the rules read only `--_*`), text, fields, buttons, messages and the busy spinner.
 */
export const baseStyles = css`
  :host {
    --_accent: var(--passkey-color-accent, #1d4ed8);
    --_on-accent: var(--passkey-color-on-accent, #fff);
    --_text: var(--passkey-color-text, #1f2328);
    --_muted: var(--passkey-color-muted, #57606a);
    --_surface: var(--passkey-color-surface, #fff);
    --_border: var(--passkey-color-border, #8c959f);
    --_error: var(--passkey-color-error, #b42318);
    --_radius: var(--passkey-radius, 8px);
    --_gap: var(--passkey-spacing, 12px);
    --_font: var(--passkey-font-family, system-ui, sans-serif);
    --_focus: var(--passkey-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_accent) 40%, transparent));
    display: block;
    max-width: var(--passkey-max-width, 24rem);
    font: 1rem/1.5 var(--_font);
    color: var(--_text);
  }
  [hidden] { display: none !important; }
  h2 { margin: 0; font-size: 1.375rem; line-height: 1.3; outline: none; }
  p { margin: 0; }
  form { display: grid; gap: calc(var(--_gap) / 2); }
  label { font-weight: 600; font-size: 0.9375rem; }
  input {
    font: inherit; color: inherit; background: var(--_surface); padding: 0.625rem 0.75rem;
    border: 1px solid var(--_border); border-radius: var(--_radius);
  }
  input[aria-invalid='true'] { border-color: var(--_error); }
  button {
    display: inline-flex; align-items: center; justify-content: center; gap: 0.5rem;
    font: inherit; font-weight: 600; padding: 0.625rem 1rem; cursor: pointer;
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
  form .alert { font-size: 0.875rem; }
  .busy { display: flex; align-items: center; gap: var(--_gap); }
  .busy::before {
    content: ''; flex: none; width: 1.25rem; height: 1.25rem; border-radius: 50%;
    border: 3px solid color-mix(in srgb, var(--_accent) 25%, transparent); border-top-color: var(--_accent);
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin { to { transform: rotate(1turn); } }
  @media (prefers-reduced-motion: reduce) { .busy::before { animation-duration: 3s; } }
`;
