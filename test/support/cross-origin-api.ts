import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestRunnerPlugin } from '@web/test-runner';

type NodeMiddleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

/** A request as the API saw it: method, path, and the headers a preflight asks for. */
export interface ReceivedRequest {
  method: string;
  path: string;
  requestedHeaders?: string;
}

/**
 * The same APIs on a second port of `localhost`: another origin than the test pages, the same
 * site (as `auth.example.com` is to `app.example.com`), so the `SameSite=Lax` cookie still works.
 * It logs every request it receives, preflights included, which a page cannot see.
 */
export async function startCrossOriginApi(apis: NodeMiddleware[]) {
  const received: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const requestedHeaders = request.headers['access-control-request-headers'];
    received.push({ method: request.method ?? '', path: (request.url ?? '').split('?')[0] ?? '', ...(requestedHeaders ? { requestedHeaders } : {}) });
    const from = (index: number): void => {
      const api = apis[index];
      if (api) api(request, response, () => from(index + 1));
      else response.writeHead(404).end();
    };
    from(0);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;

  /** `cross-origin:origin` answers the API's origin; `cross-origin:requests` the requests since the last call. */
  const plugin: TestRunnerPlugin = {
    name: 'cross-origin-api',
    async executeCommand({ command }) {
      if (command === 'cross-origin:origin') return origin;
      if (command === 'cross-origin:requests') return received.splice(0);
      return undefined;
    },
  };
  return { origin, plugin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
