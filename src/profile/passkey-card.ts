import { html, nothing, svg, type TemplateResult } from 'lit';
import type { Passkey, PasskeyLocation } from '../core/backend.ts';
import type { ProfileTranslation } from '../i18n/en-profile.ts';

/**
 * The passkey card's words: its name, its provider and the line of facts under them. No provider
 * icons are shipped (the community AAGUID list has no licence that allows it): one icon per kind.
 */

/** The name shown: the user's own, else the provider's, else "Passkey" in the language shown. */
export function passkeyTitle(passkey: Passkey, t: ProfileTranslation): string {
  if (passkey.named !== false) return passkey.name;
  return passkey.provider || t.defaultPasskeyName;
}

/** "Saved in iCloud Keychain" under a name the user chose; nothing when the name already says it or the provider is unknown. */
export function providerLine(passkey: Passkey, t: ProfileTranslation): string | undefined {
  const { provider } = passkey;
  return provider && provider !== passkeyTitle(passkey, t) ? t.savedIn(provider) : undefined;
}

/**
 * "On your devices, created 3 Mar 2026, last used yesterday": each fact a whole translated phrase,
 * joined as the language joins a list. `sessionStart` is when the current session began: the
 * passkey it signed in with was used then, even if the server has no later use on record (a
 * sign-up), so its card never says "not used yet" beside "Used for this sign-in".
 */
export function passkeyFacts(passkey: Passkey, t: ProfileTranslation, lang: string, relative: (iso: string) => string, sessionStart?: string): string {
  const created = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date(passkey.createdAt));
  const lastUsed = passkey.lastUsedAt ?? (passkey.current ? sessionStart ?? passkey.createdAt : null);
  const facts = [t.locations[passkey.location], t.created(created), t.lastUsed(lastUsed && relative(lastUsed))];
  return new Intl.ListFormat(lang, { type: 'conjunction', style: 'narrow' }).format(facts);
}

const kindIcons: Record<PasskeyLocation, TemplateResult> = {
  // A password manager's vault: synced passkeys live there.
  synced: svg`<rect x="3" y="5" width="18" height="15" rx="2"/><circle cx="12" cy="12.5" r="3"/><path d="M12 9.5V8m0 9v-1.5M7 5V3.5m10 1.5V3.5"/>`,
  'security-key': svg`<rect x="7" y="2" width="10" height="13" rx="2"/><circle cx="12" cy="8.5" r="2"/><path d="M10 15v5a2 2 0 0 0 4 0v-5"/>`,
  device: svg`<rect x="6" y="2" width="12" height="20" rx="2"/><path d="M11 18h2"/>`,
};

/** The icon of where the passkey lives (a password manager, a security key, one device); decorative, the text says it. */
export function passkeyKindIcon(location: PasskeyLocation): TemplateResult {
  return html`<svg class="kind-icon" part="passkey-icon" aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="none"
    stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" data-kind=${location}>${kindIcons[location]}</svg>`;
}

/** The card's heading content: the icon and the name, with the provider under it when it differs. */
export function passkeyHeading(passkey: Passkey, t: ProfileTranslation, heading: (content: unknown) => TemplateResult): TemplateResult {
  const provider = providerLine(passkey, t);
  return html`${heading(html`${passkeyKindIcon(passkey.location)} ${passkeyTitle(passkey, t)}`)}
    ${provider ? html`<p class="provider" part="passkey-provider">${provider}</p>` : nothing}`;
}
