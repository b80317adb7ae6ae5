import type { ContenderName } from './contenders.ts';
import type { FlowResult } from './flows.ts';
import type { LoadResult } from './load.ts';

/** The headline: each measure in one row, ours beside the floor and Hanko, at 100 ms added latency. */
export function summaryTable(load: LoadResult[] | undefined, flows: FlowResult[], latencyMs: number) {
  const cell = (contender: ContenderName, pick: (result: FlowResult) => boolean) => {
    const result = flows.find((candidate) => candidate.contender === contender && candidate.latencyMs === latencyMs && pick(candidate));
    if (!result) return '-';
    const preflights = result.preflightsBefore + result.preflightsAfter;
    return `${result.clickToSignedInMs.toFixed(0)} ms, ${result.after.length} after${preflights ? `, ${preflights} preflights` : ''}`;
  };
  const rows: Record<string, string>[] = [];
  for (const flow of ['button', 'identifier', 'signup'] as const) {
    for (const crossOrigin of [false, true]) {
      const pick = (result: FlowResult) => result.flow === flow && result.crossOrigin === crossOrigin;
      rows.push({
        measure: `click -> signed in, ${flow}, ${crossOrigin ? 'cross-origin' : 'same origin'}`,
        ours: cell('ours', pick), floor: cell('floor', pick), 'Hanko Elements': cell('hanko', pick),
      });
    }
  }
  for (const result of (load ?? []).filter((candidate) => candidate.contender === 'ours')) {
    const usable = (contender: ContenderName) => load!.find((candidate) => candidate.contender === contender && candidate.cpuRate === result.cpuRate)!.usableMs;
    rows.push({
      measure: `passkey button usable, cold page, CPU ${result.cpuRate}x`,
      ours: `${result.usableMs.toFixed(0)} ms (${(result.usableMs / usable('floor')).toFixed(2)}x floor)`,
      floor: `${usable('floor').toFixed(0)} ms`,
      'Hanko Elements': `${usable('hanko').toFixed(0)} ms (${(usable('hanko') / result.usableMs).toFixed(2)}x ours)`,
    });
  }
  return rows;
}
