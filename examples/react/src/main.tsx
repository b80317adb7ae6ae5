import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { NativeElementsApp } from './NativeElementsApp.tsx';
import { WrapperApp } from './WrapperApp.tsx';

// The same app twice: `/` uses the elements as JSX tags, `/?wrappers` the React components.
const wrappers = new URLSearchParams(location.search).has('wrappers');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <main>
      <nav aria-label="Versions of this example">
        <a href="/" aria-current={wrappers ? undefined : 'page'}>Custom elements in JSX</a>
        <a href="/?wrappers" aria-current={wrappers ? 'page' : undefined}>passkey-elements/react components</a>
      </nav>
      {wrappers ? <WrapperApp /> : <NativeElementsApp />}
    </main>
  </StrictMode>,
);
