import '../src/index.ts';
import type { PasskeyUser } from '../src/index.ts';

const api = '/api/passkeys';
const app = document.querySelector<HTMLElement>('#app')!;

/** Shows the profile to a signed-in user and the login to everyone else, without a reload. */
function show(user: PasskeyUser | null) {
  const element = document.createElement(user ? 'passkey-profile' : 'passkey-login');
  element.setAttribute('api', api);
  if (!user) {
    const footer = Object.assign(document.createElement('p'), { slot: 'footer', className: 'fine-print' });
    footer.textContent = 'Passkeys replace passwords: nothing to remember, nothing to phish.';
    element.append(footer);
  }
  app.replaceChildren(element);
}

// The elements' events bubble out of their shadow roots, so one listener each is enough: the login
// fires passkey-signed-in for a session already open too, and the profile passkey-signed-out once
// the session ends (signed out, revoked elsewhere, account deleted).
app.addEventListener('passkey-signed-in', (event) => show(event.detail.user));
app.addEventListener('passkey-signed-out', () => show(null));
show(null);

/**
 * The development mailbox: without SMTP the reference server keeps the mails it would send in a dev
 * outbox (never in production). Shown here so that email codes can be tried without a mail server.
 */
const outbox = document.querySelector<HTMLElement>('#outbox')!;
const outboxList = outbox.querySelector('ol')!;
let lastSeen = '';

async function refreshOutbox(): Promise<void> {
  const response = await fetch(`${api}/dev/outbox`, { headers: { accept: 'application/json' } }).catch(() => undefined);
  if (!response?.ok) return void (outbox.hidden = true);
  const { messages } = (await response.json()) as { messages: Array<{ to: string; subject: string; text: string; sentAt: string }> };
  outbox.hidden = false;
  const newestFirst = messages.toSorted((a, b) => b.sentAt.localeCompare(a.sentAt));
  const newest = newestFirst[0]?.sentAt ?? '';
  if (newest === lastSeen) return;
  lastSeen = newest;
  outboxList.replaceChildren(
    ...newestFirst.slice(0, 5).map((message) => {
      const item = document.createElement('li');
      const heading = Object.assign(document.createElement('p'), { className: 'mail-head' });
      heading.textContent = `To ${message.to}: ${message.subject}`;
      const body = document.createElement('pre');
      body.textContent = message.text;
      item.append(heading, body);
      return item;
    }),
  );
}

void refreshOutbox();
setInterval(() => document.visibilityState === 'visible' && void refreshOutbox(), 2_000);
