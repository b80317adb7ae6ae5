import { html, nothing } from 'lit';
import { button } from '../core/views.ts';
import type { Translation } from '../i18n/en-profile.ts';
import { openedFocus } from './profile-code-views.ts';
import type { ProfileViewContext } from './profile-views.ts';
import { heading } from './headings.ts';

/** The lines of the text file and the printout: where the codes belong, whose they are, the codes, how to use them. */
export function recoveryCodesText(t: Translation, codes: string[], site: string, identifier: string): string[] {
  return [t.recoveryCodesFileTitle(site), t.recoveryCodesFileAccount(identifier), '', ...codes, '', t.recoveryCodesFileHint];
}

/** The new codes, shown once: copy, download as a text file, print; the panel stays until the user says they saved them. */
export function recoveryCodesPanel({ t, actions, headingLevel }: ProfileViewContext, codes: string[], copied: 'done' | 'failed' | undefined, file: { site: string; identifier: string }) {
  const text = recoveryCodesText(t, codes, file.site, file.identifier).join('\n');
  return html`<div class="recovery-codes" data-transient>
    ${heading(headingLevel + 1, t.recoveryCodesTitle, { focus: openedFocus })}
    <p part="message">${t.recoveryCodesHint}</p>
    <ol class="codes">${codes.map((code) => html`<li><code>${code}</code></li>`)}</ol>
    <div class="actions">
      ${button(t.copy, actions.copyRecoveryCodes)}
      <a part="button" class="button" href=${`data:text/plain;charset=utf-8,${encodeURIComponent(`${text}\n`)}`} download=${`recovery-codes-${file.site}.txt`}>${t.download}</a>
      ${button(t.print, actions.printRecoveryCodes)}
      ${button(t.savedRecoveryCodes, actions.savedRecoveryCodes, { primary: true })}
    </div>
    ${copied === 'done' ? html`<p part="message" role="status">${t.copied}</p>` : nothing}
    ${copied === 'failed' ? html`<p part="error" class="alert" role="alert">${t.copyFailed}</p>` : nothing}
  </div>`;
}
