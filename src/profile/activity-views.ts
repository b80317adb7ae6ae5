import { html, nothing, type TemplateResult } from 'lit';
import type { SecurityEvent } from '../core/backend.ts';
import type { Translation } from '../i18n/en-profile.ts';
import type { ActivityState } from './activity-controller.ts';
import { heading } from './headings.ts';

export interface ActivityViewContext {
  t: Translation;
  /** The element's language, for the dates. */
  lang: string;
  state: ActivityState;
  toggle(): void;
  /** The level of the section's heading; the events' headings are one below. */
  headingLevel: number;
}

/** "Recent security activity": a disclosure button, then the latest events as a list, each with a heading. */
export function activitySection({ t, lang, state, toggle, headingLevel }: ActivityViewContext): TemplateResult {
  const open = state.name !== 'closed';
  return html`<section part="section activity-section" aria-labelledby="activity-title">
    ${heading(headingLevel, t.activityTitle, { id: 'activity-title', part: 'title' })}
    <p part="message">${t.activityHint}</p>
    <div class="actions">
      <button part="button" type="button" aria-expanded=${open ? 'true' : 'false'} aria-controls="activity" @click=${toggle}>
        ${open ? t.hideActivity : t.showActivity}
      </button>
    </div>
    <div id="activity" ?hidden=${!open}>${open ? activityContent(state, t, lang, headingLevel + 1) : nothing}</div>
  </section>`;
}

function activityContent(state: Exclude<ActivityState, { name: 'closed' }>, t: Translation, lang: string, itemLevel: number) {
  if (state.name === 'failed') return html`<p part="error" class="alert" role="alert" data-code=${state.error}>${t.errors[state.error]}</p>`;
  const { events } = state;
  if (!events) return html`<p class="busy" role="status">${t.loading}</p>`;
  if (events.length === 0) return html`<p part="message">${t.activityEmpty}</p>`;
  const dates = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  return html`<ul part="activity-list" aria-busy=${state.name === 'loading' ? 'true' : 'false'}>
    ${events.map((event) => activityItem(event, t, dates, itemLevel))}
  </ul>`;
}

/** What happened in the user's words: "Sign-in with a passkey", "Passkey renamed “Work key”". */
function what(event: SecurityEvent, t: Translation): TemplateResult {
  if (event.kind === 'two-factor-changed' && event.optOut !== undefined) return html`${t.done[event.optOut ? 'two-factor-off' : 'two-factor-on']}`;
  const kind = t.activityKinds[event.kind] ?? event.kind;
  const method = event.method && t.activityMethods[event.method];
  return html`${kind}${method ? ` ${method}` : nothing}${event.passkeyName ? html` <q>${event.passkeyName}</q>` : nothing}`;
}

function activityItem(event: SecurityEvent, t: Translation, dates: Intl.DateTimeFormat, level: number): TemplateResult {
  const device = [event.browser ?? t.unknownBrowser, event.os].filter(Boolean).join(' · ');
  return html`<li part="activity-item" data-kind=${event.kind} data-outcome=${event.outcome}>
    ${heading(level, what(event, t))}
    <p class="meta">
      <time datetime=${event.at}>${dates.format(new Date(event.at))}</time> · ${device}${event.network ? html` · ${t.activityNetwork} ${event.network}` : nothing}
      ${event.current ? html`<span class="badge" part="badge">${t.activityThisSession}</span>` : nothing}
      ${event.outcome === 'failure' ? html`<span class="badge failed" part="badge">${t.activityFailed}</span>` : nothing}
    </p>
  </li>`;
}
