import '../src/index.ts';
import { createRestBackend, type PasskeyUser } from '../src/index.ts';

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

// The elements' events bubble out of their shadow roots, so one listener each is enough.
app.addEventListener('passkey-signed-in', (event) => show(event.detail.user));
app.addEventListener('passkey-signed-out', () => show(null));
app.addEventListener('passkey-account-deleted', () => show(null));

// The session lives in an httpOnly cookie: ask the backend who is signed in.
createRestBackend(api).currentUser().then(show, () => show(null));
