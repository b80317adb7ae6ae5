// Opened in an iframe at http://lan.test (not a secure context): tells the test page around it
// what the element shows, since that page cannot read a cross-origin frame.
import '../../src/passkey-login.ts';

const login = document.querySelector('passkey-login')!;
const report = () => {
  const root = login.shadowRoot;
  const heading = root?.querySelector('h2')?.textContent?.trim() ?? '';
  if (heading === '' || heading === 'Loading…') return false;
  const buttons = [...(root?.querySelectorAll('button') ?? [])].map((button) => button.textContent?.trim() ?? '');
  parent.postMessage({ secureContext: isSecureContext, heading, text: root?.textContent ?? '', buttons }, '*');
  return true;
};
const timer = setInterval(() => report() && clearInterval(timer), 50);
