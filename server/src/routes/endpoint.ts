import { operations, type OperationName } from '../../../src/protocol/index.ts';

/** The protocol's `{id}` as a Hono path parameter. */
export function honoPath(path: string): string {
  return path.replace('{id}', ':id');
}

/** An operation's method and path, for `app.on(method, path, ...)`. */
export function endpoint(name: OperationName): [method: string, path: string] {
  const { method, path } = operations[name];
  return [method, honoPath(path)];
}
