/**
 * Benchmark 2: the Ukraine 2025 seeds (4 parties, ~8 × 10^8 outcomes). Agreement space with
 * its conflict proof + Pareto frontier + Nash point + minimal relaxations, warm. The brute
 * force cannot enumerate the space in a bench run; its time is extrapolated from a fixed
 * sample evaluated with the compiled evaluator.
 */
import { fileURLToPath } from 'node:url';
import { agreementSpace, compileEvaluator, meetsThreshold, minimalRelaxations, nashPoint, paretoFrontier, type BargainingResult, type Party } from '@parley/core';
import { loadScenario } from '@parley/core/node';
import { describeTiming, formatDuration, formatRatio, formatRate, heading, measure, randomOutcomes, verdict, type TargetRow } from './harness.js';

const TARGET_MS = 100;
const SAMPLE = 1_000_000;
const seeds = fileURLToPath(new URL('../seeds/ukraine-2025', import.meta.url));

function engine(parties: readonly Party[]) {
  const fresh = [...parties];
  const space = agreementSpace(fresh);
  const frontier = paretoFrontier(fresh);
  const nash = nashPoint(fresh);
  const relaxations = minimalRelaxations(fresh);
  return { space, frontier, nash, relaxations };
}

/** The Nash point as printed: utilities, none (proven), or cut short (never, with no limits). */
function describeNash(nash: BargainingResult): string {
  if (nash === null) return 'none (no agreement where every party gains)';
  if (!nash.found) return `NOT FOUND: the search was cut short (${nash.guarantee})`;
  return `[${nash.utilities.join(', ')}]${nash.exact ? '' : ` (NOT EXACT: ${nash.guarantee})`}`;
}

/** Times each part alone, to show where the time goes. */
function parts(parties: readonly Party[]) {
  const time = (fn: (fresh: readonly Party[]) => unknown) => measure(() => fn([...parties]), { warmup: 3, runs: 11, maxMs: 2000 }).median;
  return {
    agreementSpace: time((p) => agreementSpace(p)),
    paretoFrontier: time((p) => paretoFrontier(p)),
    nashPoint: time((p) => nashPoint(p)),
    minimalRelaxations: time((p) => minimalRelaxations(p)),
  };
}

/**
 * The least work a brute force does per outcome: every party's utility and red lines (what
 * the agreement space, frontier and Nash point need). Relaxations would need more passes.
 */
function bruteForceSample(parties: readonly Party[], outcomes: readonly Uint8Array[]): number {
  const evaluator = compileEvaluator([...parties]);
  const n = parties.length;
  const into = new Float64Array(n);
  let accepted = 0;
  for (const outcome of outcomes) {
    evaluator.utilities(outcome, into);
    let all = true;
    for (let p = 0; p < n; p++) if (!evaluator.keepsRedLines(p, outcome) || !meetsThreshold(into[p]!, evaluator.model.reservationValues[p]!)) all = false;
    if (all) accepted++;
  }
  return accepted;
}

export async function runUkraine(): Promise<TargetRow[]> {
  heading('2. Ukraine 2025 seeds: agreement space + frontier + Nash + minimal relaxations (4 parties)');
  const scenario = await loadScenario(seeds);
  const parties = scenario.parties;
  const total = scenario.domain.outcomeCount;
  console.log(`domain: ${scenario.domain.issues.length} issues, ${total.toLocaleString('en-US')} outcomes; parties ${parties.map((p) => p.id).join(', ')}`);

  const fast = measure(() => engine(parties), { warmup: 3, runs: 11, maxMs: 5000 });
  const { space, frontier, nash, relaxations } = fast.last;
  console.log(`agreements: ${space.agreements} of ${space.outcomes.toLocaleString('en-US')} (${space.exact ? 'exact' : 'lower bound'}); empty: ${space.empty}`);
  space.conflicts.forEach((conflict, k) => console.log(`  conflict ${k + 1}: ${conflict.map((c) => `${c.partyName}: ${c.text}`).join(' ⟂ ')}`));
  console.log(`frontier points: ${frontier.points.length} (exact: ${frontier.exact}); Nash point: ${describeNash(nash)}`);
  console.log(`minimal relaxations: ${relaxations.length}`);
  for (const way of relaxations.slice(0, 5)) {
    console.log(`  relax ${way.relax.map((c) => `${c.ref.party}/${c.ref.kind === 'red-line' ? c.ref.redLine : 'reservation'}`).join(' + ')} → ${way.opens.agreements.toLocaleString('en-US')} agreements${way.opens.exact ? '' : ' (lower bound)'}`);
  }
  console.log(`engine (all four): ${describeTiming(fast)}`);
  const split = parts(parties);
  console.log(`  by part (medians, each alone): ${Object.entries(split).map(([name, ms]) => `${name} ${formatDuration(ms)}`).join(', ')}`);

  const sample = randomOutcomes(2025, SAMPLE, scenario.domain.issues.map((issue) => issue.options.length));
  const brute = measure(() => bruteForceSample(parties, sample), { warmup: 1, runs: 3, maxMs: 3000 });
  const perOutcome = brute.median / SAMPLE;
  const estimated = perOutcome * total;
  console.log(`brute force sample: ${SAMPLE.toLocaleString('en-US')} outcomes (utilities + red lines of 4 parties) in ${formatDuration(brute.median)} median (${formatRate(SAMPLE / (brute.median / 1000))} outcomes); ${brute.last} of them accepted by all`);
  console.log(`brute force, whole space: estimated ${formatDuration(estimated)} (${total.toLocaleString('en-US')} × ${(perOutcome * 1e6).toFixed(0)} ns; one pass, a lower bound: relaxations need more); not run`);
  const ratio = estimated / fast.median;
  console.log(`speed-up over the estimated brute force: ${formatRatio(ratio)}`);
  const met = fast.median < TARGET_MS;
  console.log(`${verdict(met)}: ${formatDuration(fast.median)} warm median vs target < ${TARGET_MS} ms`);
  return [
    {
      workload: '2. Ukraine space+frontier+Nash+relax',
      measured: formatDuration(fast.median),
      target: `< ${TARGET_MS} ms`,
      baseline: `brute ≈ ${formatDuration(estimated)} (est.)`,
      ratio: formatRatio(ratio),
      met,
    },
  ];
}
