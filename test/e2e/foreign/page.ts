// The page each foreign server serves: <passkey-login> with the recipe named in `?recipe=`, and
// the element's events kept in `window.passkeyEvents` for the test to read.
import '../../../src/passkey-login.ts';
import { recipes } from './recipes.ts';

declare global {
  interface Window {
    passkeyEvents: { type: string; detail: unknown }[];
  }
}

const recipe = recipes[new URLSearchParams(location.search).get('recipe') ?? ''];
if (!recipe) throw new Error(`No recipe named in ${location.search}`);
window.passkeyEvents = [];
const login = document.createElement('passkey-login');
login.backend = recipe();
for (const type of ['passkey-signed-up', 'passkey-signed-in', 'passkey-signed-out', 'passkey-error']) {
  login.addEventListener(type, (event) => window.passkeyEvents.push({ type, detail: (event as CustomEvent).detail }));
}
document.querySelector('main')?.append(login);
