import { Hono } from 'hono';
import { routeOf } from '../logging/request-log.ts';
import { Problem } from '../problem.ts';
import type { ServerContext } from '../server-context.ts';

/** How long `/ready` waits for the database before it answers that it is unavailable. */
const readyTimeoutMs = 2_000;

/**
 * Probes for load balancers and orchestrators, beside the protocol: `/health` says the process
 * answers (it never touches the database, so a database outage does not get processes
 * restarted), `/ready` that it can serve requests because its database answers.
 */
export function healthRoutes({ database, log }: ServerContext): Hono {
  const app = new Hono();
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/ready', async (c) => {
    try {
      await withTimeout(database.query('SELECT 1'), readyTimeoutMs);
    } catch (error) {
      log({
        time: new Date().toISOString(),
        level: 'error',
        event: 'unexpected-error',
        requestId: c.get('requestId'),
        method: c.req.method,
        route: routeOf(c),
        error: error instanceof Error ? error.message : String(error),
      });
      throw new Problem('unavailable', 'The database does not answer.', { cause: error });
    }
    return c.json({ status: 'ready' });
  });
  return app;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
