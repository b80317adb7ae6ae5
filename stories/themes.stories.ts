// The three example themes of docs/theming.md, on both elements, in light and dark.
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { MemoryBackend, daysAgo } from './memory-backend.ts';
import { themes } from './example-themes.ts';
import '../src/passkey-login.ts';
import '../src/passkey-profile.ts';

interface ThemeArgs {
  theme: 'light' | 'dark' | 'auto';
}

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
