import type { CheckResult } from './checks.ts';

/** The results as a plain-text table: check, outcome, reason. */
export function formatResults(results: readonly CheckResult[]): string {
  const rows = [['check', 'result', 'reason'], ...results.map((result) => [result.name, result.outcome, result.reason])];
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  const lines = rows.map((row) => row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell)).join('  ').trimEnd());
  const failed = results.filter((result) => result.outcome === 'fail').length;
  const passed = results.filter((result) => result.outcome === 'pass').length;
  const skipped = results.length - failed - passed;
  return [...lines, '', `${passed} passed, ${failed} failed, ${skipped} skipped`].join('\n');
}

export function anyFailed(results: readonly CheckResult[]): boolean {
  return results.some((result) => result.outcome === 'fail');
}
