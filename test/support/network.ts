import { executeServerCommand } from '@web/test-runner-commands';

/** Makes every request of this page whose path contains `path` fail as it does offline, until `restoreNetwork()`. */
export function dropRequestsTo(path: string): Promise<unknown> {
  return executeServerCommand('network:drop', { path });
}

export function restoreNetwork(): Promise<unknown> {
  return executeServerCommand('network:restore', {});
}
