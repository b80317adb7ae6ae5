/** What the store needs from a database: parameterised queries returning plain rows. */
export interface Queryable {
  /** Runs one statement with `$1`-style parameters and returns its rows. */
  query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (used for migrations). */
  exec(sql: string): Promise<void>;
}

/** A connection (or pool) that can also run transactions and be closed. */
export interface Database extends Queryable {
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (transaction: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** PostgreSQL's SQLSTATEs that the store reacts to. */
const sqlStates = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
} as const;

function hasSqlState(error: unknown, state: string, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint: violated } = error as { code?: unknown; constraint?: unknown };
  return code === state && (constraint === undefined || violated === constraint);
}

/** True when `error` is a unique violation, optionally of the named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return hasSqlState(error, sqlStates.uniqueViolation, constraint);
}

/** True when `error` is a foreign-key violation (the referenced row is gone), optionally of the named constraint. */
export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  return hasSqlState(error, sqlStates.foreignKeyViolation, constraint);
}

/**
 * True when PostgreSQL gave up a transaction only because of a concurrent one (deadlock,
 * serialization failure): it was rolled back whole and may simply run again.
 */
export function isTransientConflict(error: unknown): boolean {
  return hasSqlState(error, sqlStates.deadlockDetected) || hasSqlState(error, sqlStates.serializationFailure);
}
