import '../src/index.ts';
import { createRestBackend, type PasskeyUser } from '../src/index.ts';

const api = '/api/passkeys';
const backend = createRestBackend(api);
const login = document.querySelector('passkey-login')!;
const account = document.querySelector<HTMLElement>('#account')!;

function show(user: PasskeyUser | null) {
  login.hidden = user !== null;
  account.hidden = user === null;
  if (user) {
    document.querySelector('#account-name')!.textContent = user.displayName;
    document.querySelector('#account-identifier')!.textContent = user.identifier;
  }
}

login.addEventListener('passkey-signed-in', (event) => show(event.detail.user));
login.addEventListener('passkey-signed-out', () => show(null));
document.querySelector('#sign-out')!.addEventListener('click', () => void login.signOut());

// The session lives in an httpOnly cookie: ask the backend who is signed in.
backend.currentUser().then(show, () => show(null));
