/** How often a process purges events past their retention: often enough, and never on every request. */
const purgeIntervalMs = 60 * 60 * 1000;

/**
 * The security log's work that follows an answer: failures and rate-limit hits are recorded after
 * the answer has gone out (their account is looked up first, and that must not show in the
 * answer's timing), and the retention purge runs now and then. One per server, drained on close.
 */
export interface SecurityLog {
  /** Runs `job` after the answer being written; `drain` waits for it. */
  later(job: () => Promise<void>): void;
  /** True at most once per purge interval: the caller then purges. */
  purgeDue(): boolean;
  /** Waits for every job queued so far, and the ones they queue. */
  drain(): Promise<void>;
}

export function createSecurityLog(now: () => number = Date.now): SecurityLog {
  const pending = new Set<Promise<void>>();
  let lastPurge = Number.NEGATIVE_INFINITY;
  return {
    later(job) {
      const run = new Promise<void>((resolve) => setImmediate(resolve)).then(job).catch((error: unknown) => {
        console.error(`passkey server: security log work failed: ${error instanceof Error ? error.message : String(error)}`);
      });
      pending.add(run);
      void run.finally(() => pending.delete(run));
    },
    purgeDue() {
      if (now() - lastPurge < purgeIntervalMs) return false;
      lastPurge = now();
      return true;
    },
    async drain() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
