import type { PasskeyBackend, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RequestOptions } from './backend.ts';
import { PasskeyError, isRecord, problemToError, type PasskeyErrorCode } from './errors.ts';
import type { HttpMethod } from '../protocol/endpoints.ts';

export type BackendOperation = keyof PasskeyBackend;

/** Operations a server may not have: declared `null`, the element signs out locally, or restores no session. */
export type OptionalOperation = 'signOut' | 'currentUser';

/** Where an answer holds the user, and what the user's fields are called there. */
export interface UserFields {
  /** The answer's field that holds the user, dotted for a nested one (`data.account`). Default: `user`. */
  at?: string;
  /** Default `id`; a number is read as its decimal string. */
  id?: string;
  /** Default: the first of `identifier`, `username`, `email`, `name`. */
  identifier?: string;
  /** Default `displayName`, else the identifier. */
  displayName?: string;
}

export interface Endpoint {
  /** Appended to `baseUrl`; an absolute URL is used as it is. `{id}` stands for the passkey or session id. */
  path: string;
  method?: HttpMethod | 'PUT';
  /** Where the input goes: `query` parameters or the `body`. Default: `query` for GET, `body` otherwise. */
  send?: 'query' | 'body';
  /** Input fields under the names this server expects, e.g. `{ identifier: 'username', displayName: 'name' }`. */
  fields?: Record<string, string>;
  /** Statuses that mean one of our codes whatever the body says, e.g. `{ 404: 'unknown-user' }` on `loginOptions`. */
  statusCodes?: Partial<Record<number, PasskeyErrorCode>>;
  /** Where this endpoint's answer holds the user, for a server that does not answer `{ user }`. */
  user?: UserFields;
}

/** Where an operation is, without shaping: the protocol's defaults. */
export type EndpointLocation = Required<Pick<Endpoint, 'path' | 'method'>>;

/** Per-operation endpoints; `signOut` and `currentUser` may be `null`: the server has no such operation. */
export type Endpoints = { [Operation in BackendOperation]?: Operation extends OptionalOperation ? Endpoint | null : Endpoint };

/** How bodies are written and read: JSON by default; CBOR, for example, in a composed backend. */
export interface WireFormat {
  contentType: string;
  encode(value: unknown): BodyInit;
  /** Reads a body the server sent; throws when it is not in this format. */
  decode(body: ArrayBuffer): unknown;
}

export interface RestBackendConfig {
  /** Base URL of the API, e.g. `/api/passkeys` or `https://auth.example.com/passkeys`. */
  baseUrl: string;
  /** Per-operation path, method and shaping, for backends that do not follow our protocol. */
  endpoints?: Endpoints;
  /**
   * Extra headers for every request, e.g. a CSRF token your framework expects. A header outside
   * the CORS safelist makes every cross-origin request preflighted, so bodies then go as
   * `application/json` (unless `simpleRequests` says otherwise).
   */
  headers?: Record<string, string>;
  /**
   * Send JSON bodies as `text/plain;charset=UTF-8`, which makes GET and POST requests CORS-simple:
   * an API on another origin is called without an OPTIONS preflight first. The server must read
   * such bodies as JSON (the reference server does). Defaults to `true` for our protocol and to
   * `false` once `endpoints` or `headers` are set: a server we did not write may parse only
   * `application/json`, and custom headers need a preflight anyway.
   */
  simpleRequests?: boolean;
  /**
   * How long a request may go unanswered before it fails as `network` (default 30 seconds), so
   * that a server that never answers cannot leave a screen waiting for ever.
   */
  timeoutMs?: number;
  /**
   * What the server's WebAuthn options leave out, filled in before they reach the browser: e.g.
   * `rp` and `pubKeyCredParams` for a server that sends only a challenge and the user. The
   * server's own values win.
   */
  optionsDefaults?: {
    creation?: Partial<PublicKeyCredentialCreationOptionsJSON>;
    request?: Partial<PublicKeyCredentialRequestOptionsJSON>;
  };
  /** The body format both ways (default JSON). */
  format?: WireFormat;
}

/** One request: the operation's input in, the server's decoded answer out; failures as `PasskeyError`. */
export type RestCall = (operation: BackendOperation, input: object | undefined, options?: RequestOptions, id?: string) => Promise<unknown>;

const defaultTimeoutMs = 30_000;

/** What a CORS-simple request may declare: the body is JSON all the same. */
const simpleBodyType = 'text/plain;charset=UTF-8';

export const jsonFormat: WireFormat = {
  contentType: 'application/json',
  encode: (value) => JSON.stringify(value),
  decode: (body) => JSON.parse(new TextDecoder().decode(body)),
};

/** The endpoint of an operation: configured, or the default; `null` when the server has none. */
export function endpointOf(config: RestBackendConfig, defaults: Partial<Record<BackendOperation, EndpointLocation>>, operation: BackendOperation): Endpoint | null {
  const configured = config.endpoints?.[operation];
  if (configured === null) return null;
  return { ...defaults[operation], ...configured } as Endpoint;
}

/**
 * The request building block of the REST client: the operation's endpoint, the input shaped for
 * it, the answer decoded, errors as `PasskeyError`. Compose a backend from it (with the answer
 * readers of `rest-answers.ts`) for what configuration cannot say.
 */
export function createRestCall(config: RestBackendConfig | string, defaults: Partial<Record<BackendOperation, EndpointLocation>> = {}): RestCall {
  const settings = typeof config === 'string' ? { baseUrl: config } : config;
  const { baseUrl, headers = {}, simpleRequests = !isCustomised(settings), timeoutMs = defaultTimeoutMs, format = jsonFormat } = settings;
  const bodyType = format === jsonFormat && simpleRequests ? simpleBodyType : format.contentType;
  const accept = format === jsonFormat ? 'application/json' : `${format.contentType}, application/json;q=0.5`;

  return async function call(operation, input, { signal } = {}, id = '') {
    const endpoint = endpointOf(settings, defaults, operation);
    if (!endpoint) throw new PasskeyError('unknown', `The backend has no ${operation} operation`);
    const { path, method = 'POST', fields = {}, statusCodes = {} } = endpoint;
    const send = endpoint.send ?? (method === 'GET' ? 'query' : 'body');
    const resolved = path.replace('{id}', encodeURIComponent(id));
    let url = /^https?:/.test(resolved) ? resolved : baseUrl.replace(/\/$/, '') + resolved;
    // The caller's signal cancels the request; the timer gives up on a server that never answers.
    const request = new AbortController();
    const timer = setTimeout(() => request.abort(), timeoutMs);
    const cancel = () => request.abort();
    signal?.addEventListener('abort', cancel, { once: true });
    if (signal?.aborted) request.abort();
    const init: RequestInit = { method, signal: request.signal, credentials: 'include', headers: { accept, ...headers } };
    const shaped = input && renameFields(input, fields);
    if (shaped && send === 'query') {
      const query = new URLSearchParams(Object.entries(shaped).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
      if (query.size) url += (url.includes('?') ? '&' : '?') + query;
    } else if (shaped) {
      init.body = format.encode(shaped);
      init.headers = { ...init.headers, 'content-type': bodyType };
    }
    let response: Response;
    let bytes: ArrayBuffer;
    try {
      response = await fetch(url, init);
      bytes = await response.arrayBuffer();
    } catch (error) {
      if (signal?.aborted) throw error;
      const reason = request.signal.aborted ? `No answer from ${url} within ${timeoutMs} ms` : `Could not reach ${url}`;
      throw new PasskeyError('network', reason, { cause: error });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
    }
    const mapped = statusCodes[response.status];
    if (mapped) throw new PasskeyError(mapped, `${url} answered ${response.status}`, { details: { status: response.status } });
    const body = decodeBody(bytes, response, format, operation === 'signOut');
    if (!response.ok) {
      if (operation === 'currentUser' && response.status === 401) return { user: null };
      throw problemToError(response.status, withRetryAfter(body, response.headers));
    }
    return body;
  };
}

/**
 * The decoded answer, or null when it is empty. A success in another format is `bad-response`,
 * except for sign-out, where any 2xx (a redirect to an HTML page, say) means the session ended.
 * Problem details come as JSON whatever the format.
 */
function decodeBody(bytes: ArrayBuffer, response: Response, format: WireFormat, anySuccess: boolean): unknown {
  if (bytes.byteLength === 0) return null;
  const isJson = /[/+]json\b/.test(response.headers.get('content-type') ?? '');
  try {
    return isJson && format !== jsonFormat ? jsonFormat.decode(bytes) : format.decode(bytes);
  } catch (error) {
    if (response.ok && !anySuccess) throw new PasskeyError('bad-response', `${response.url || 'The server'} did not answer ${format.contentType}`, { cause: error });
    return null;
  }
}

function renameFields(input: object, fields: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).map(([name, value]) => [fields[name] ?? name, value]));
}

/** Whether the client is set up for a server other than ours, or for headers that need a preflight. */
function isCustomised(config: RestBackendConfig): boolean {
  return config.endpoints !== undefined || (config.headers !== undefined && Object.keys(config.headers).length > 0);
}

/** An answer whose body does not say how long to wait (a proxy's plain 429) may say it in `Retry-After`, in seconds. */
function withRetryAfter(body: unknown, headers: Headers): unknown {
  const problem = isRecord(body) ? body : {};
  const seconds = Number(headers.get('retry-after') ?? NaN);
  if (typeof problem.retryAfter === 'number' || !Number.isFinite(seconds) || seconds < 0) return body;
  return { ...problem, retryAfter: seconds };
}
