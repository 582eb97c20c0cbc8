/**
 * `pnpm bench`: runs every benchmark, prints its figures against a brute-force baseline
 * measured (or extrapolated) in the same run, says per target "target met" or
 * "target MISSED", and ends with a summary table. Stress cases run beyond the targets are
 * printed with their figures and labelled as such, and not counted as targets. Always
 * exits 0: timings depend on the machine, so they are reported, never asserted.
 *
 * Pass benchmark numbers to run only some: `pnpm bench 1 3`.
 */
import { cpus } from 'node:os';
import { runEvaluatorThroughput } from './evaluator-throughput.js';
import { runExploreThroughput } from './explore-throughput.js';
import { runGeniusEnergy } from './genius-energy.js';
import { formatDuration, heading, printTable, rowVerdict, type TargetRow } from './harness.js';
import { runLargeDomain } from './large-domain.js';
import { runReadDataFile } from './read-data-file.js';
import { runStability } from './stability.js';
import { runTournamentThroughput } from './tournament-throughput.js';
import { runUkraine } from './ukraine-2025.js';

const benchmarks: readonly (readonly [string, () => Promise<TargetRow[]>])[] = [
  ['1', runGeniusEnergy],
  ['2', runUkraine],
  ['3', runLargeDomain],
  ['4', runEvaluatorThroughput],
  ['5', runExploreThroughput],
  ['6', runReadDataFile],
  ['7', runTournamentThroughput],
  ['8', runStability],
];

const wanted = process.argv.slice(2).filter((arg) => arg !== '--');
const start = performance.now();
console.log(`Parley benchmarks — Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores; one is used, except where a benchmark says it uses more)`);
const rows: TargetRow[] = [];
for (const [id, run] of benchmarks) {
  if (wanted.length > 0 && !wanted.includes(id)) continue;
  try {
    rows.push(...(await run()));
  } catch (error) {
    console.log(`\n!!!!!!!!!! benchmark ${id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    rows.push({ workload: `${id}. (failed to run)`, measured: '—', target: '—', baseline: '—', ratio: '—', met: false });
  }
}

heading('Summary');
printTable(
  ['workload', 'measured', 'target', 'baseline (same run)', 'ratio', 'verdict'],
  rows.map((row) => [row.workload, row.measured, row.target, row.baseline, row.ratio, rowVerdict(row)]),
);
const targets = rows.filter((row) => row.stress === undefined);
const missed = targets.filter((row) => !row.met).length;
const stress = rows.length - targets.length;
const stressNote = stress === 0 ? '' : `; ${stress} stress case${stress === 1 ? '' : 's'} beyond the targets, not counted`;
console.log(`\n${targets.length - missed} of ${targets.length} targets met, ${missed} missed${stressNote}; bench took ${formatDuration(performance.now() - start)}`);
