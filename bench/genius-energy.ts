/**
 * Benchmark 1: the GENIUS energy domain (390 625 outcomes, 2 parties). Pareto frontier
 * (whole space) + Nash point + Kalai–Smorodinsky point, warm, against two brute forces run
 * in the same bench: in this process, every outcome evaluated with the compiled evaluator,
 * the frontier built by sort + sweep, Nash and KS picked from it; and the fair one, the same
 * work vectorised with numpy (bench/energy_numpy.py: utilities by broadcasting, one sort and
 * a running maximum), when python3 with numpy is on the machine. The ratio to beat is the
 * numpy one.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compiledParty, compileEvaluator, kalaiSmorodinsky, nashPoint, paretoFrontier, UTILITY_TOLERANCE, type BargainingResult, type Party } from '@parley/core';
import { loadGeniusScenario } from '@parley/core/node';
import { describeTiming, formatDuration, formatRatio, heading, measure, verdict, type TargetRow } from './harness.js';

/** Issue 13's targets: the whole work in at most 2 ms, at least 30× the fair (numpy) brute force. */
const TARGET_MS = 2;
const TARGET_NUMPY_RATIO = 30;
/** GENIUS 10.4 BidSpace, warm JVM, same work (../shared/research/anchors.md). */
const GENIUS_MS = { low: 1100, high: 1700 };
const GENIUS_GOAL = 100;

const dir = fileURLToPath(new URL('../../shared/genius-domains/energy/', import.meta.url));

/**
 * The brute force compares utilities as the library does: within UTILITY_TOLERANCE (1e-9)
 * they are equal. `bucket` snaps a utility to that grid for sorting, so that nearly equal
 * first utilities sort together, best second utility first (as the engine's merge does).
 */
const bucket = (value: number) => Math.round(value / UTILITY_TOLERANCE);
const tieTolerance = (value: number) => UTILITY_TOLERANCE * Math.max(1, Math.abs(value));

/** The utilities of a search run with no limits: a cut-short result there is a bug. */
function utilitiesOf(result: BargainingResult, name: string): readonly number[] | null {
  if (result === null) return null;
  if (!result.found) throw new Error(`energy: the ${name} search was cut short with no limits: ${result.guarantee}`);
  return result.utilities;
}

interface Solved {
  /** Frontier points as [u0, u1], sorted by u0 descending. */
  readonly frontier: readonly (readonly [number, number])[];
  readonly nash: readonly number[] | null;
  readonly ks: readonly number[] | null;
}

/** The engine: frontier of the whole space, Nash and KS (the GENIUS view: acceptableOnly false). */
function engine(parties: readonly Party[]): Solved {
  // A fresh array each run: the compiled model is cached per array, so this run compiles too.
  const fresh = [...parties];
  const options = { acceptableOnly: false } as const;
  const frontier = paretoFrontier(fresh, options);
  const nash = nashPoint(fresh, options);
  const ks = kalaiSmorodinsky(fresh, options);
  if (!frontier.exact) throw new Error('energy: the frontier search stopped early');
  return {
    frontier: frontier.points.map((point) => [point.utilities[0]!, point.utilities[1]!] as const),
    nash: utilitiesOf(nash, 'Nash'),
    ks: utilitiesOf(ks, 'Kalai–Smorodinsky'),
  };
}

/** The brute force: enumerate, sort, sweep, pick. */
function bruteForce(parties: readonly Party[]): Solved {
  const evaluator = compileEvaluator([...parties]);
  const { optionCounts, issueCount } = evaluator.model;
  const total = parties[0]!.domain.outcomeCount;
  const u = new Float64Array(total * 2);
  const outcome = new Uint8Array(issueCount);
  const into = new Float64Array(2);
  for (let k = 0; k < total; k++) {
    evaluator.utilities(outcome, into);
    u[2 * k] = into[0]!;
    u[2 * k + 1] = into[1]!;
    for (let i = 0; i < issueCount; i++) {
      if (++outcome[i]! < optionCounts[i]!) break;
      outcome[i] = 0;
    }
  }
  const order = new Uint32Array(total).map((_, k) => k);
  order.sort((a, b) => bucket(u[2 * b]!) - bucket(u[2 * a]!) || u[2 * b + 1]! - u[2 * a + 1]!);
  const frontier: [number, number][] = [];
  let bestSecond = -Infinity;
  for (const k of order) {
    if (u[2 * k + 1]! > bestSecond + UTILITY_TOLERANCE) {
      frontier.push([u[2 * k]!, u[2 * k + 1]!]);
      bestSecond = u[2 * k + 1]!;
    }
  }
  const d = parties.map((party) => party.reservationValue);
  // Nash: the largest product of gains over the disagreement point, every gain positive
  // (beyond the tolerance); a product within the tie tolerance of the best is no better.
  let nash: [number, number] | null = null;
  let bestProduct = 0;
  for (const point of frontier) {
    const product = (point[0] - d[0]!) * (point[1] - d[1]!);
    const gains = point[0] - d[0]! > UTILITY_TOLERANCE && point[1] - d[1]! > UTILITY_TOLERANCE;
    if (gains && (nash === null || product > bestProduct + tieTolerance(bestProduct))) [nash, bestProduct] = [point, product];
  }
  // KS: the largest smallest normalised gain (ideal = each party's best over the space);
  // ties towards equal gains, then towards more total utility.
  const ideal = [frontier[0]![0], frontier[frontier.length - 1]![1]];
  const gain = (point: readonly number[], p: number) => (point[p]! - d[p]!) / (ideal[p]! - d[p]!);
  let ks: readonly number[] | null = null;
  for (const point of frontier) {
    if (ks === null) {
      ks = point;
      continue;
    }
    const smallest = Math.min(gain(point, 0), gain(point, 1));
    const best = Math.min(gain(ks, 0), gain(ks, 1));
    const tolerance = tieTolerance(best);
    const better =
      smallest > best + tolerance ||
      (Math.abs(smallest - best) <= tolerance &&
        (Math.abs(gain(point, 0) - gain(point, 1)) < Math.abs(gain(ks, 0) - gain(ks, 1)) ||
          (Math.abs(gain(point, 0) - gain(point, 1)) === Math.abs(gain(ks, 0) - gain(ks, 1)) && point[0] + point[1] > ks[0]! + ks[1]!)));
    if (better) ks = point;
  }
  return { frontier, nash, ks };
}

/** What the numpy brute force measured and found, or why it could not run. */
type NumpyRun = { readonly medianMs: number; readonly runs: number; readonly frontier: number; readonly nash: number[] | null; readonly ks: number[]; readonly numpy: string } | { readonly unavailable: string };

/** Runs bench/energy_numpy.py on the parties' utility tables (weight × value per option). */
function numpyBruteForce(parties: readonly Party[]): NumpyRun {
  const compiled = parties.map(compiledParty);
  const tables = compiled.map((party) => Array.from({ length: party.weights.length }, (_, issue) => Array.from(party.values[issue]!, (value) => party.weights[issue]! * value)));
  const script = fileURLToPath(new URL('./energy_numpy.py', import.meta.url));
  const run = spawnSync('python3', [script], { input: JSON.stringify({ tables, reservation: compiled.map((party) => party.reservation), runs: 21 }), encoding: 'utf8', timeout: 120_000 });
  if (run.error !== undefined || run.status !== 0) return { unavailable: run.error?.message ?? (run.stderr.trim().split('\n').pop() || `exit ${run.status}`) };
  return JSON.parse(run.stdout) as NumpyRun;
}

const sameVector = (a: readonly number[] | null, b: readonly number[] | null) =>
  a === null || b === null ? a === b : a.length === b.length && a.every((value, i) => Math.abs(value - b[i]!) <= 1e-9);

export async function runGeniusEnergy(): Promise<TargetRow[]> {
  heading('1. GENIUS energy: Pareto frontier + Nash + Kalai–Smorodinsky (2 parties, 390 625 outcomes)');
  const { scenario } = await loadGeniusScenario(`${dir}energy_domain.xml`, [`${dir}energy_consumer.xml`, `${dir}energy_distributor.xml`]);
  const parties = scenario.parties;
  console.log(`domain: ${scenario.domain.issues.length} issues, ${scenario.domain.outcomeCount.toLocaleString('en-US')} outcomes; parties ${parties.map((p) => `${p.id} (reservation ${p.reservationValue})`).join(', ')}`);

  const fast = measure(() => engine(parties), { warmup: 5, runs: 21 });
  const slow = measure(() => bruteForce(parties), { warmup: 2, runs: 5 });
  const a = fast.last;
  const b = slow.last;
  console.log(`engine      : ${describeTiming(fast)}`);
  const options = { acceptableOnly: false } as const;
  const part = (solve: (fresh: readonly Party[]) => unknown) => formatDuration(measure(() => solve([...parties]), { warmup: 3, runs: 15, maxMs: 2000 }).median);
  console.log(`  by part (medians, each alone): paretoFrontier ${part((p) => paretoFrontier(p, options))}, nashPoint ${part((p) => nashPoint(p, options))}, kalaiSmorodinsky ${part((p) => kalaiSmorodinsky(p, options))}`);
  console.log(`brute force : ${describeTiming(slow)}`);
  const speedUp = slow.median / fast.median;
  console.log(`speed-up over the brute force, same run: ${formatRatio(speedUp)}`);
  const numpy = numpyBruteForce(parties);
  const numpyAgrees = 'medianMs' in numpy && numpy.frontier === a.frontier.length && sameVector(numpy.nash, a.nash) && sameVector(numpy.ks, a.ks);
  if ('medianMs' in numpy) {
    console.log(`numpy brute force (vectorised, numpy ${numpy.numpy}, timed inside python, median of ${numpy.runs}): ${formatDuration(numpy.medianMs)}; frontier ${numpy.frontier} points, Nash [${numpy.nash?.join(', ')}], KS [${numpy.ks.join(', ')}]${numpyAgrees ? ' (same as the engine)' : ' (DIFFERS from the engine)'}`);
    console.log(`speed-up over the numpy brute force, same bench: ${formatRatio(numpy.medianMs / fast.median)}`);
  } else console.log(`numpy brute force: not run (${numpy.unavailable}); install python3 with numpy to measure the fair baseline`);
  console.log(`GENIUS 10.4 BidSpace: quoted, not run here (warm JVM, measured earlier on the same kind of machine: ../shared/research/anchors.md): ≈ ${GENIUS_MS.low / 1000}–${GENIUS_MS.high / 1000} s`);
  const geniusRatio = GENIUS_MS.low / fast.median;
  console.log(`ratio against GENIUS's 1.1 s: ${formatRatio(geniusRatio)} (goal ≥ ${GENIUS_GOAL}×: ${geniusRatio >= GENIUS_GOAL ? 'met' : 'MISSED'}); against 1.7 s: ${formatRatio(GENIUS_MS.high / fast.median)}`);

  console.log(`frontier points: engine ${a.frontier.length}, brute force ${b.frontier.length} (expected 204)`);
  console.log(`Nash: engine [${a.nash?.join(', ')}], brute force [${b.nash?.join(', ')}]`);
  console.log(`KS  : engine [${a.ks?.join(', ')}], brute force [${b.ks?.join(', ')}]`);
  const sameFrontier = a.frontier.length === b.frontier.length && a.frontier.every((point, i) => sameVector(point, b.frontier[i]!));
  const agree = sameFrontier && sameVector(a.nash, b.nash) && sameVector(a.ks, b.ks) && a.frontier.length === 204;
  if (!agree) {
    console.log('!!!!!!!!!! MISMATCH between the engine and the brute force (or frontier size ≠ 204) !!!!!!!!!!');
    if (!sameFrontier) console.log('!!!!!!!!!! the frontiers differ point by point');
  } else console.log('check: same frontier (point by point), same Nash and KS utilities, 204 points');
  const met = fast.median <= TARGET_MS;
  console.log(`${verdict(met)}: ${formatDuration(fast.median)} warm median vs target ≤ ${TARGET_MS} ms`);
  return [
    {
      workload: '1. energy frontier+Nash+KS',
      measured: formatDuration(fast.median),
      target: `≤ ${TARGET_MS} ms`,
      baseline: `brute ${formatDuration(slow.median)}`,
      ratio: formatRatio(speedUp),
      met: met && agree,
    },
    ...('medianMs' in numpy
      ? [
          {
            workload: '1. energy vs numpy brute force',
            measured: formatDuration(fast.median),
            target: `≥ ${TARGET_NUMPY_RATIO}× numpy`,
            baseline: `numpy ${formatDuration(numpy.medianMs)}`,
            ratio: formatRatio(numpy.medianMs / fast.median),
            met: numpyAgrees && numpy.medianMs / fast.median >= TARGET_NUMPY_RATIO,
          },
        ]
      : []),
    {
      workload: '1. energy vs GENIUS 10.4',
      measured: formatDuration(fast.median),
      target: `≥ ${GENIUS_GOAL}× vs 1.1 s`,
      baseline: 'GENIUS 1.1–1.7 s (quoted, anchors.md)',
      ratio: formatRatio(geniusRatio),
      met: geniusRatio >= GENIUS_GOAL,
    },
  ];
}
