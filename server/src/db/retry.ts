import { isTransientConflict } from './database.ts';

/** Runs of one transaction or statement, the first included, before a conflict is passed on. */
const maxAttempts = 3;

/**
 * Runs `attempt` again when PostgreSQL aborted it for a deadlock or a serialization failure. A
 * second line of defence: the store takes its locks in one order (the account's row first), so
 * conflicts should not happen; if one does, the rolled-back work is simply redone after a short,
 * random pause that lets the other transaction finish.
 */
export async function retryTransientConflicts<T>(attempt: () => Promise<T>): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (attemptNumber >= maxAttempts || !isTransientConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attemptNumber));
    }
  }
}
