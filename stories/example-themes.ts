/** The CSS of each example, exactly as in docs/theming.md. */
export const themes = {
  brand: `passkey-login, passkey-profile {
  --passkey-color-accent: light-dark(#6d28d9, #c4b5fd);
  --passkey-color-on-accent: light-dark(#fff, #1e1b4b);
  --passkey-radius: 999px;
  --passkey-control-padding: 0.625em 1.25em;
  --passkey-radius-card: 20px;
  --passkey-font-family: "Inter", system-ui, sans-serif;
}`,
  compact: `passkey-login, passkey-profile {
  --passkey-font-size: 0.875rem;
  --passkey-spacing: 8px;
  --passkey-radius: 2px;
  --passkey-radius-card: 4px;
  --passkey-card-padding: 10px;
  --passkey-section-spacing: 20px;
}`,
  highContrast: `passkey-login, passkey-profile {
  --passkey-color-background: #000;
  --passkey-color-surface: #000;
  --passkey-color-text: #fff;
  --passkey-color-muted: #b3b3b3;
  --passkey-color-border: #fff;
  --passkey-color-accent: #ffd60a;
  --passkey-color-on-accent: #000;
  --passkey-color-error: #ff6b6b;
  --passkey-focus-ring: 0 0 0 3px #fff;
  --passkey-padding: 20px;
}
passkey-login::part(primary-button) { text-transform: uppercase; }`,
};
