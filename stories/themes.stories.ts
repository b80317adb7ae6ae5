// The three example themes of docs/theming.md, on both elements, in light and dark.
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { MemoryBackend, daysAgo } from './memory-backend.ts';
import '../src/passkey-login.ts';
import '../src/passkey-profile.ts';

interface ThemeArgs {
  theme: 'light' | 'dark' | 'auto';
}

/** The CSS of each example, exactly as in docs/theming.md. */
const themes = {
  brand: `passkey-login, passkey-profile {
  --passkey-color-accent: light-dark(#6d28d9, #c4b5fd);
  --passkey-color-on-accent: light-dark(#fff, #1e1b4b);
  --passkey-radius: 999px;
  --passkey-font-family: "Inter", system-ui, sans-serif;
}`,
  compact: `passkey-login, passkey-profile {
  --passkey-font-size: 0.875rem;
  --passkey-spacing: 8px;
  --passkey-radius: 2px;
  --passkey-min-height: 22rem;
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
}
passkey-login::part(primary-button) { text-transform: uppercase; }`,
};

const ada = {
  identifier: 'ada@example.com',
  displayName: 'Ada Lovelace',
  passkeys: [
    { id: 'cGFzc2tleS1vbmU', name: 'MacBook', location: 'synced' as const, createdAt: daysAgo(40), lastUsedAt: daysAgo(0.01) },
    { id: 'cGFzc2tleS10d28', name: 'YubiKey', location: 'security-key' as const, createdAt: daysAgo(12), lastUsedAt: null },
  ],
};

function renderTheme(css: string) {
  return ({ theme }: ThemeArgs) => html`
    <style>${css}</style>
    <div style="display: flex; flex-wrap: wrap; gap: 2rem; align-items: start">
      <passkey-login theme=${theme} no-autofill .backend=${new MemoryBackend()}></passkey-login>
      <passkey-profile theme=${theme} .backend=${new MemoryBackend({ users: [ada], signedIn: { identifier: ada.identifier } })}></passkey-profile>
    </div>`;
}

const meta: Meta<ThemeArgs> = {
  title: 'Theming/Example themes',
  args: { theme: 'auto' },
  argTypes: { theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'], description: "Light or dark colours, or the system's." } },
  parameters: { docs: { description: { component: 'The example themes of docs/theming.md: a few custom properties each, on both elements.' } } },
};
export default meta;

type Story = StoryObj<ThemeArgs>;

export const Default: Story = { render: renderTheme('') };
export const Brand: Story = { render: renderTheme(themes.brand) };
export const BrandDark: Story = { render: renderTheme(themes.brand), args: { theme: 'dark' } };
export const Compact: Story = { render: renderTheme(themes.compact) };
export const HighContrast: Story = { render: renderTheme(themes.highContrast) };
