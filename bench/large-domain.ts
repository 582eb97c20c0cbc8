/**
 * Benchmark 3: generated 4-party domains of at least 10^12 outcomes with red lines (see
 * generated-domain.ts). Nash point + Kalai–Smorodinsky point + maximum welfare, each exact,
 * in under 1 s in total. The brute force cannot finish; its time is extrapolated from the
 * compiled evaluator's throughput on the same domain.
 *
 * Several shapes and seeds are tried and every one is reported: the engine's speed on
 * branch and bound depends a lot on how the parties' preferences relate. The opposed and
 * independent domains are the target; the zero-sum domain is a stress case beyond it (two
 * blocs wanting exactly opposite things on every issue is not the shape of a negotiation
 * with room for trade-offs), reported with its figures but not counted as a target.
 */
import { compileEvaluator, kalaiSmorodinsky, maxWelfare, meetsThreshold, nashPoint, type AnalysisOptions, type BargainingResult, type Party } from '@parley/core';
import { generateScenario, type GeneratorOptions, type PreferenceShape } from './generated-domain.js';
import { formatDuration, formatRatio, formatRate, heading, measure, printTable, randomOutcomes, rowVerdict, timeOnce, type TargetRow } from './harness.js';

const TARGET_MS = 1000;
/**
 * Time allowed per solution, so that a domain the engine cannot solve quickly stops (and is
 * reported as not exact) instead of stalling the bench for minutes.
 */
const DEADLINE_MS = 2000;
const SAMPLE = 200_000;

interface Trial {
  readonly label: string;
  readonly shape: PreferenceShape;
  readonly issues: number;
  readonly options: number;
  readonly seed: number;
  /** Set on a stress case beyond the target: its label in place of a verdict. */
  readonly stress?: string;
}

/**
 * The first is the domain the target was first set on; every trial without `stress` is a
 * target domain, the zero-sum one a stress case beyond the target.
 */
const TRIALS: readonly Trial[] = [
  { label: 'opposed 12×10 #1', shape: 'opposed', issues: 12, options: 10, seed: 1 },
  { label: 'opposed 12×10 #2', shape: 'opposed', issues: 12, options: 10, seed: 2 },
  { label: 'opposed 12×10 #3', shape: 'opposed', issues: 12, options: 10, seed: 3 },
  { label: 'opposed 20×4 #1', shape: 'opposed', issues: 20, options: 4, seed: 1 },
  { label: 'opposed 20×4 #2', shape: 'opposed', issues: 20, options: 4, seed: 2 },
  { label: 'independent 12×10 #1', shape: 'independent', issues: 12, options: 10, seed: 1 },
  { label: 'independent 12×10 #2', shape: 'independent', issues: 12, options: 10, seed: 2 },
  { label: 'independent 20×4 #1', shape: 'independent', issues: 20, options: 4, seed: 1 },
  { label: 'zero-sum 12×10 #1', shape: 'zero-sum', issues: 12, options: 10, seed: 1, stress: 'stress: zero-sum, not the target shape' },
];

interface Solved {
  readonly solution: BargainingResult;
  readonly ms: number;
  /** The engine's own `exact`: a solution found and proven best (never the case when cut by the deadline). */
  readonly exact: boolean;
}

interface Solutions {
  readonly nash: Solved;
  readonly ks: Solved;
  readonly welfare: Solved;
}

/**
 * A signal that reads as aborted once `ms` have passed. The engine polls `signal.aborted`
 * every 4096 search steps (search-budget.ts); a timer cannot abort a signal while a
 * synchronous search runs, so the flag reads the clock instead.
 */
function deadlineSignal(ms: number): AbortSignal {
  const deadline = performance.now() + ms;
  const signal = new AbortController().signal;
  Object.defineProperty(signal, 'aborted', { get: () => performance.now() > deadline });
  return signal;
}

function solveOne(solve: (parties: readonly Party[], options: AnalysisOptions) => BargainingResult, parties: readonly Party[]): Solved {
  const { ms, value } = timeOnce(() => solve([...parties], { signal: deadlineSignal(DEADLINE_MS) }));
  // The engine's `exact` is trusted: a search the deadline cuts (kalaiSmorodinsky's
  // ideal-point searches included) says exact: false. A search may still finish exactly
  // just after the deadline, between two polls of the signal.
  return { solution: value, ms, exact: value !== null && value.found && value.exact };
}

function solveAll(parties: readonly Party[]): Solutions {
  return { nash: solveOne(nashPoint, parties), ks: solveOne(kalaiSmorodinsky, parties), welfare: solveOne(maxWelfare, parties) };
}

const allExact = (s: Solutions) => s.nash.exact && s.ks.exact && s.welfare.exact;
const totalMs = (s: Solutions) => s.nash.ms + s.ks.ms + s.welfare.ms;
const show = ({ solution, exact, ms }: Solved) => {
  let text: string;
  if (solution === null) {
    // Every generated domain has a compromise outcome that every party accepts with a gain,
    // so null ("proven: no outcome qualifies") is wrong here. kalaiSmorodinsky still returns
    // null when an ideal-point search is cut before its first outcome (a known bug).
    text = `none: null, "no outcome qualifies", yet the compromise outcome does: NOT EXACT${ms >= DEADLINE_MS ? ` (the call reached the ${formatDuration(DEADLINE_MS)} deadline)` : ''}`;
  } else if (!solution.found) {
    text = `none found: NOT EXACT (stopped: ${solution.stoppedBy}; ${solution.guarantee}; upper bound ${solution.upperBound.toPrecision(6)})`;
  } else {
    const found = `[${solution.utilities.map((u) => u.toFixed(4)).join(', ')}]`;
    text = exact ? `${found} exact` : `${found} NOT EXACT (stopped: ${solution.stoppedBy}; best found ${solution.value.toPrecision(6)}, upper bound ${solution.upperBound.toPrecision(6)})`;
  }
  return `${text} (${formatDuration(ms)})`;
};

/** Brute-force cost per outcome on this domain: every party's utility and red lines. */
function bruteForcePerOutcome(parties: readonly Party[]): number {
  const evaluator = compileEvaluator([...parties]);
  const n = parties.length;
  const sample = randomOutcomes(7, SAMPLE, evaluator.model.optionCounts);
  const into = new Float64Array(n);
  const run = () => {
    let accepted = 0;
    for (const outcome of sample) {
      evaluator.utilities(outcome, into);
      let all = true;
      for (let p = 0; p < n; p++) if (!evaluator.keepsRedLines(p, outcome) || !meetsThreshold(into[p]!, evaluator.model.reservationValues[p]!)) all = false;
      if (all) accepted++;
    }
    return accepted;
  };
  return measure(run, { warmup: 2, runs: 5, maxMs: 2000 }).median / SAMPLE;
}

export async function runLargeDomain(): Promise<TargetRow[]> {
  heading('3. Generated 4-party domains ≥ 10^12 outcomes with red lines: Nash + KS + max welfare, exact');
  console.log(`every solution gets ${formatDuration(DEADLINE_MS)}; one that runs out is reported as not exact (with the best found, if any, and the upper bound)`);
  console.log(`target: the opposed and independent domains; ${TRIALS.filter((trial) => trial.stress !== undefined).map((trial) => `${trial.label} (${trial.stress})`).join(', ')}: beyond the target, figures reported, not counted`);
  const rows: TargetRow[] = [];
  const table: string[][] = [];
  for (const trial of TRIALS) {
    const options: GeneratorOptions = { seed: trial.seed, issues: trial.issues, options: trial.options, parties: 4, shape: trial.shape, singleIssueRedLines: 3, reservationFraction: 0.9 };
    const generated = generateScenario(options);
    const { parties, domain } = generated;
    const redLines = parties.reduce((sum, party) => sum + party.redLines.length, 0);
    console.log(`\n-- ${trial.label}${trial.stress === undefined ? '' : ` [${trial.stress}]`}: ${trial.shape} preferences, seed ${trial.seed}, ${trial.issues} issues × ${trial.options} options = ${domain.outcomeCount.toExponential(3)} outcomes, ${redLines} red lines (${parties.length} two-issue)`);
    console.log(`   reservation values ${parties.map((p) => p.reservationValue).join(', ')}; compromise outcome (accepted by all: ${compileEvaluator(parties).acceptedByAll(generated.compromise)}) gives ${generated.compromiseUtilities.map((u) => u.toFixed(3)).join(', ')}`);

    // A first run; repeat for a warm median only when it was quick and exact.
    let solutions = solveAll(parties);
    let total = totalMs(solutions);
    let how = 'single run';
    if (total < 1500 && allExact(solutions)) {
      const warm = measure(() => solveAll(parties), { warmup: 1, runs: 5, maxMs: 3000 });
      solutions = warm.last;
      total = warm.median;
      how = `warm median of ${warm.runs} runs`;
    }
    const exact = allExact(solutions);
    console.log(`   Nash    ${show(solutions.nash)}`);
    console.log(`   KS      ${show(solutions.ks)}`);
    console.log(`   welfare ${show(solutions.welfare)}`);
    const perOutcome = bruteForcePerOutcome(parties);
    const bruteMs = perOutcome * domain.outcomeCount;
    console.log(`   brute force: ${formatRate(1 / (perOutcome / 1000))} outcomes (4 parties: utilities + red lines) → would take ~${formatDuration(bruteMs)} for ${domain.outcomeCount.toExponential(3)} outcomes; not run`);
    const met = exact && total < TARGET_MS;
    const row: TargetRow = {
      workload: `3. 10^12 ${trial.label}`,
      measured: `${formatDuration(total)}${exact ? '' : ' (not exact)'}`,
      target: trial.stress === undefined ? '< 1 s, exact' : '— (beyond the target)',
      baseline: `brute ~${formatDuration(bruteMs)} (est.)`,
      ratio: exact ? formatRatio(bruteMs / total) : '— (not exact)',
      met,
      ...(trial.stress === undefined ? {} : { stress: trial.stress }),
    };
    const against = trial.stress === undefined ? 'target < 1 s, exact' : `not a target (the target, < 1 s and exact, would be ${met ? 'met' : 'missed'})`;
    console.log(`   ${rowVerdict(row)}: ${formatDuration(total)} (${how}) for all three, ${exact ? 'all exact' : 'NOT all exact'}; ${against}`);
    table.push([trial.label, formatDuration(total), exact ? 'yes' : 'NO', `~${formatDuration(bruteMs)}`, row.ratio, rowVerdict(row)]);
    rows.push(row);
  }
  console.log('');
  printTable(['domain', 'Nash+KS+welfare', 'exact', 'brute force (est.)', 'ratio', 'verdict'], table);
  return rows;
}
