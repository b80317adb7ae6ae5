import { PasskeyError } from './errors.ts';

/**
 * The backend an element talks to: its `backend` property, else a REST client for its `api`
 * attribute, built once per URL. Each element has its own: nothing is configured globally.
 */
export class ConfiguredBackend<Backend> {
  #rest?: { api: string; backend: Backend };

  constructor(
    private readonly tagName: string,
    private readonly createRest: (api: string) => Backend,
  ) {}

  resolve(api: string, backend: Backend | undefined): Backend {
    if (backend) return backend;
    if (!api) throw new PasskeyError('unknown', `<${this.tagName}> needs an \`api\` attribute or a \`backend\` property`);
    if (this.#rest?.api !== api) this.#rest = { api, backend: this.createRest(api) };
    return this.#rest.backend;
  }
}
