import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** Stops a Node HTTP server gracefully; from `drainOnClose`. */
export type GracefulClose = (graceMs: number) => Promise<boolean>;

/**
 * Prepares `httpServer` for a graceful stop. The returned function stops accepting connections,
 * lets the requests in flight finish (their answers say `Connection: close`, so keep-alive
 * connections end with them), closes idle keep-alive connections at once, and after `graceMs`
 * cuts whatever is left. It resolves true when everything finished in time.
 */
export function drainOnClose(httpServer: Server): GracefulClose {
  const inFlight = new Set<ServerResponse>();
  let closing = false;
  httpServer.on('request', (_request: IncomingMessage, response: ServerResponse) => {
    if (closing) response.setHeader('Connection', 'close');
    inFlight.add(response);
    response.on('close', () => inFlight.delete(response));
  });

  return (graceMs) => {
    closing = true;
    for (const response of inFlight) {
      if (!response.headersSent) response.setHeader('Connection', 'close');
    }
    return new Promise((resolve) => {
      const deadline = setTimeout(() => {
        httpServer.closeAllConnections();
        resolve(false);
      }, graceMs);
      httpServer.close(() => {
        clearTimeout(deadline);
        resolve(true);
      });
      httpServer.closeIdleConnections();
    });
  };
}
