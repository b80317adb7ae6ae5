/**
 * The kit's HTTP client: fetch with a one-site cookie jar and the `Origin` header a browser page
 * would send, so that any server sees what the elements' REST client makes it see.
 */

/** An answer read once: status, content type and the body as text and, when it parses, as JSON. */
export interface Answer {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
}

export class KitClient {
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    readonly origin: string,
  ) {}

  /** Sends `json` as the body (or `rawBody` as it is, labelled application/json) and reads the answer. */
  async send(method: string, path: string, body: { json?: unknown; rawBody?: string } = {}): Promise<Answer> {
    const headers = new Headers({ origin: this.origin, accept: 'application/json' });
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const payload = body.rawBody ?? (body.json === undefined ? undefined : JSON.stringify(body.json));
    if (payload !== undefined) headers.set('content-type', 'application/json');
    const response = await fetch(new URL(path.replace(/^\//, ''), `${this.baseUrl.replace(/\/?$/, '/')}`), {
      method,
      headers,
      body: payload,
      redirect: 'manual',
    });
    for (const header of response.headers.getSetCookie()) this.remember(header);
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json: parseJson(text) };
  }

  /** Forgets every cookie: the next request comes from a fresh browser. */
  clear(): void {
    this.cookies.clear();
  }

  private remember(header: string): void {
    const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
    const separator = pair.indexOf('=');
    if (separator <= 0) return;
    const name = pair.slice(0, separator);
    const value = pair.slice(separator + 1);
    const expired = attributes.some((attribute) => /^max-age=0$/i.test(attribute) || /^expires=thu, 01 jan 1970/i.test(attribute));
    if (value === '' || expired) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
