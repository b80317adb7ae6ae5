import type { ArgTypes } from '@storybook/web-components-vite';
import { authenticatorBehaviours, installFakeAuthenticator, type AuthenticatorBehaviour } from './fake-authenticator.ts';
import { MemoryBackend, type MemoryBackendOptions } from './memory-backend.ts';

/** What every story sets up around the element: the fake passkey device and the in-memory backend. */
export interface StorySetupArgs {
  /** What the fake passkey device does. */
  authenticator: AuthenticatorBehaviour;
  /** The in-memory backend's users, session, latency and injected failures. */
  backend: MemoryBackendOptions;
}

/**
 * One backend per options object, so that re-rendering (a toolbar or control change) keeps a flow
 * in progress and its data; `installStorySetup` forgets it when the story unmounts.
 */
const backends = new WeakMap<MemoryBackendOptions, MemoryBackend>();

export function backendFor(options: MemoryBackendOptions): MemoryBackend {
  let backend = backends.get(options);
  if (!backend) backends.set(options, (backend = new MemoryBackend(options)));
  return backend;
}

/** A `beforeEach`: installs the story's fake device; the returned cleanup restores the browser's own. */
export function installStorySetup({ args }: { args: StorySetupArgs }): () => void {
  const restore = installFakeAuthenticator(args.authenticator);
  return () => {
    restore();
    backends.delete(args.backend);
  };
}

export type Theme = 'light' | 'dark' | 'auto';

/** The element's `theme`: the story's control when set, else the toolbar's (see .storybook/preview.ts). */
export function themeFor(control: Theme | undefined, globals: Record<string, unknown>): Theme {
  if (control) return control;
  return globals.theme === 'light' || globals.theme === 'dark' ? globals.theme : 'auto';
}

/**
 * The toolbar's direction for the element's own `dir`: the elements take their language's direction
 * unless `dir` is set on them, so the document's `dir` alone would not turn an English story around.
 */
export function directionFor(globals: Record<string, unknown>): 'ltr' | 'rtl' | undefined {
  return globals.dir === 'ltr' || globals.dir === 'rtl' ? globals.dir : undefined;
}

export const themeArgType = {
  control: 'inline-radio',
  options: ['auto', 'light', 'dark'],
  description: "Light or dark colours, or the system's (`auto`). Unset here: the toolbar's theme.",
} as const;

const setup = { category: 'Story setup' };

export const setupArgTypes: Partial<ArgTypes<StorySetupArgs>> = {
  authenticator: { control: 'select', options: authenticatorBehaviours, description: 'What the fake passkey device does.', table: setup },
  // The element's own `backend` property, listed by the manifest: the control edits the options of
  // the in-memory backend the story sets there.
  backend: {
    control: 'object',
    description:
      'Property: a backend object, which wins over `api`. Here an in-memory backend made from these options: `users`, `signedIn`, `staleCheck`, `latencyMs`, and `latency` and `failures` per operation.',
  },
};
