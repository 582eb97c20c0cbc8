/**
 * Benchmark 5: the one engine on the Ukraine 2025 talks — replays, batch talks, explorations.
 *
 * Every path runs the same reducer (`reduceTalks`) and the same judgement (`viewOf`):
 * - 5a. A complete replay through `runScenario`, with the full transcript. Baseline in the
 *   same run: the same events sent to the talks statechart on an xstate actor
 *   (`createActor` + `send`), which calls the same reducer in its actions.
 * - 5b. The batch path: each simulation draws the parties from the bundled explore.yaml and
 *   plays the whole timeline at a table that records nothing (`playTalks`, `record: false`),
 *   as every run of an exploration does. Baseline: the same talks through the statechart's
 *   pure `transition` function. Target ≥ 20 000 complete talks per second on one core.
 * - 5c. Whole exploration runs per second with 12 free mediator rounds, on one thread
 *   (every plan judged by every party, the talks simulated; without the sensitivity ranking,
 *   which multiplies the simulations per run and is reported beside it). Baseline: the same
 *   runs written by hand with the public API (each run's scenario built, every plan assessed,
 *   the talks replayed). Target ≥ 2 000.
 * - 5d. A fast-check property over `runScenario` with 1 000 runs (drawn seeds, free rounds
 *   and strategies, each replayed with its transcript). Target < 5 s.
 * - 5e. Two worker threads against one, on warm pools (thread start-up excluded; the cold
 *   figures, start-up included, are printed beside it). Baseline: a warm pool of one worker,
 *   taking turns with the pool of two in the same run. Target ≥ 1.7×, identical results.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { createActor, initialTransition, transition } from 'xstate';
import {
  assessPlan,
  assumptionsOf,
  basePartiesOf,
  createScenario,
  createTalksMachine,
  drawRun,
  explore,
  partyStrategyNames,
  perturbedPartySpec,
  playTalks,
  reseated,
  runScenario,
  talksTable,
  timelineEvents,
  timelineScript,
  validatePerturbation,
  type ExploreOptions,
  type Scenario,
  type ScenarioSpec,
  type TalksEvent,
  type TalksSpec,
} from '@parley/core';
import { simParties } from '@parley/core/internal';
import { createExplorationPool, exploreInParallel, loadPerturbation, loadScenario, loadTalks } from '@parley/core/node';
import { perturbedScenarioArbitrary } from '@parley/core/testing';
import { formatDuration, formatRate, formatRatio, heading, measure, median, timeOnce, verdict, type TargetRow } from './harness.js';

const TARGET_REPLAY_MS = 2;
const TARGET_TALKS_PER_SECOND = 20_000;
const TARGET_ROUNDS_RUNS_PER_SECOND = 2_000;
const TARGET_PROPERTY_MS = 5_000;
const TARGET_SPEEDUP = 1.7;
const seeds = fileURLToPath(new URL('../seeds/ukraine-2025', import.meta.url));

export async function runExploreThroughput(): Promise<TargetRow[]> {
  heading('5. The one engine on the Ukraine 2025 talks: replays, batch talks, explorations');
  const scenario = await loadScenario(seeds);
  const talks = await loadTalks(seeds, scenario);
  const base = basePartiesOf(scenario, talks.setup.strategies);
  const perturb = validatePerturbation((await loadPerturbation(seeds, base))!.perturb, base);
  const assumptions = assumptionsOf(base, perturb);
  console.log(`${assumptions.length} uncertain assumptions; ${talks.timeline.length} timeline entries; mediator ${talks.setup.mediatorStrategy}`);
  const rows: TargetRow[] = [];

  // 5a. runScenario with its transcript, against the statechart on an actor.
  const replay = measure(() => runScenario(scenario, talks, { seed: 1 }).final.status, { warmup: 20, runs: 200, maxMs: 4000 });
  const actor = measure(() => replayOnActor(scenario, talks), { warmup: 5, runs: 50, maxMs: 4000 });
  console.log(`5a. runScenario, full transcript: ${formatDuration(replay.median)} a replay (median of ${replay.runs}); ended ${replay.last}`);
  console.log(`    baseline, the talks statechart on an xstate actor (createActor + send): ${formatDuration(actor.median)} a replay; ended ${actor.last}`);
  const replayMet = replay.median <= TARGET_REPLAY_MS;
  console.log(`    ${verdict(replayMet)}: ${formatDuration(replay.median)} vs target ≤ ${TARGET_REPLAY_MS} ms`);
  rows.push({ workload: '5a. Ukraine replay, runScenario', measured: formatDuration(replay.median), target: `≤ ${TARGET_REPLAY_MS} ms`, baseline: `actor ${formatDuration(actor.median)}`, ratio: formatRatio(actor.median / replay.median), met: replayMet });

  // 5b. The batch path: draw + the whole timeline at a table that records nothing.
  const script = timelineScript(scenario, talks);
  const BATCH = 5_000;
  const table = talksTable(scenario.domain, base, talks.setup, { record: false });
  let run = 0;
  const endings = new Map<string, number>();
  const batch = measure(
    () => {
      for (let k = 0; k < BATCH; k++, run++) {
        const parties = simParties(base, assumptions, drawRun(base, assumptions, 1, run));
        const status = playTalks(reseated(table, parties), script, { seed: run, rounds: 0, strategies: parties.map((party) => party.strategy) }).phase;
        endings.set(status, (endings.get(status) ?? 0) + 1);
      }
      return run;
    },
    { warmup: 1, runs: 5, maxMs: 8000 },
  );
  const batchRate = BATCH / (batch.median / 1000);
  // The same talks, and the same work (no transcript), through the statechart.
  const machine = createTalksMachine(scenario, talks.setup, { record: false });
  const viaTransition = measure(() => replayOnTransition(machine, script), { warmup: 5, runs: 50, maxMs: 4000 });
  const transitionRate = 1000 / viaTransition.median;
  console.log(`5b. batch path: ${BATCH} complete talks (draw + timeline) in ${formatDuration(batch.median)} median → ${formatRate(batchRate)} (one thread); endings ${[...endings].map(([status, count]) => `${status} ${count}`).join(', ')}`);
  console.log(`    baseline, the statechart's pure transition function on the same talks, recording nothing either (no draws): ${formatDuration(viaTransition.median)} a replay → ${formatRate(transitionRate)}`);
  const batchMet = batchRate >= TARGET_TALKS_PER_SECOND;
  console.log(`    ${verdict(batchMet)}: ${formatRate(batchRate)} vs target ≥ ${formatRate(TARGET_TALKS_PER_SECOND)}`);
  rows.push({ workload: '5b. Ukraine talks, batch / s / core', measured: formatRate(batchRate), target: `≥ ${formatRate(TARGET_TALKS_PER_SECOND)}`, baseline: `transition ${formatRate(transitionRate)}`, ratio: formatRatio(batchRate / transitionRate), met: batchMet });

  // 5c. Explorations with 12 free mediator rounds, one thread.
  const rounds: ExploreOptions = { runs: 1_000, seed: 1, talks, perturb, rounds: 12, sensitivity: false };
  explore(scenario, { ...rounds, runs: 200, seed: 99 });
  const roundsTiming = measure(() => explore(scenario, rounds), { warmup: 0, runs: 3, maxMs: 20_000 });
  const roundsRate = rounds.runs / (roundsTiming.median / 1000);
  const ranked = timeOnce(() => explore(scenario, { ...rounds, runs: 50, sensitivity: true }));
  // Baseline: the same runs written with the public API, as a user would without explore():
  // each run's parties written as party specs, the scenario built, every plan assessed, the
  // talks replayed with 12 free rounds and the run's strategies.
  const BY_HAND = 30;
  const byHand = timeOnce(() => {
    for (let r = 0; r < BY_HAND; r++) {
      const draw = drawRun(base, assumptions, 1, r);
      const drawn = simParties(base, assumptions, draw);
      const spec = scenarioSpecOf(scenario);
      const runScenarioOf = createScenario({ ...spec, parties: spec.parties.map((party, p) => perturbedPartySpec(scenario.domain, party, base[p]!, assumptions, draw, p)) });
      for (const plan of runScenarioOf.plans) for (const party of runScenarioOf.parties) assessPlan(party, plan);
      const strategies = Object.fromEntries(drawn.map((party) => [party.id, party.strategy]));
      runScenario(runScenarioOf, { ...talks, setup: { ...talks.setup, strategies } }, { seed: r, continueRounds: 12 });
    }
  });
  const byHandRate = BY_HAND / (byHand.ms / 1000);
  const noRounds = measure(() => explore(scenario, { ...rounds, rounds: 0, runs: 5_000 }), { warmup: 1, runs: 3, maxMs: 10_000 });
  console.log(`5c. explore, 12 free rounds: ${rounds.runs} runs in ${formatDuration(roundsTiming.median)} median → ${formatRate(roundsRate)} runs (one thread, no ranking)`);
  console.log(`    with the sensitivity ranking (${assumptions.length} assumptions, each run again alone and bisected): ${formatRate(50 / (ranked.ms / 1000))} runs`);
  console.log(`    baseline, the same runs by hand with the public API (perturbedPartySpec + createScenario + assessPlan + runScenario, ${BY_HAND} runs): ${formatRate(byHandRate)} runs`);
  console.log(`    for context, the same exploration without free rounds: ${formatRate(5_000 / (noRounds.median / 1000))} runs`);
  const roundsMet = roundsRate >= TARGET_ROUNDS_RUNS_PER_SECOND;
  console.log(`    ${verdict(roundsMet)}: ${formatRate(roundsRate)} vs target ≥ ${formatRate(TARGET_ROUNDS_RUNS_PER_SECOND)}`);
  rows.push({ workload: '5c. explore --rounds 12 / s / core', measured: formatRate(roundsRate), target: `≥ ${formatRate(TARGET_ROUNDS_RUNS_PER_SECOND)}`, baseline: `by hand ${formatRate(byHandRate)}`, ratio: formatRatio(roundsRate / byHandRate), met: roundsMet });

  // 5d. A fast-check property over runScenario, 1 000 runs: the talks replayed under drawn
  // seeds, free rounds and negotiator strategies, each with its transcript. Beside it, the
  // same count with a perturbed scenario validated and built in every run (createScenario),
  // which is what a property over perturbed parties pays on top (not a target).
  const strategyOf = fc.constantFrom(...partyStrategyNames);
  const property = timeOnce(() =>
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 2 }), fc.tuple(...scenario.parties.map(() => strategyOf)), (seed, free, strategies) => {
        const setup = { ...talks.setup, strategies: Object.fromEntries(scenario.parties.map((party, p) => [party.id, strategies[p]!])) };
        const transcript = runScenario(scenario, { ...talks, setup }, { seed, continueRounds: free });
        // Whoever the transcript says accepts the final version answered it with an acceptance.
        return transcript.final.acceptedBy.every((party) => transcript.assessments.some((response) => response.party === party && response.version === transcript.final.version && response.decision === 'accepts'));
      }),
      { numRuns: 1_000, seed: 2025 },
    ),
  );
  const built = timeOnce(() =>
    fc.assert(
      fc.property(perturbedScenarioArbitrary(scenario), ({ spec }) => runScenario(createScenario(spec), talks, { seed: 1 }).final.status !== 'agreed'),
      { numRuns: 1_000, seed: 2025 },
    ),
  );
  const propertyMet = property.ms < TARGET_PROPERTY_MS;
  console.log(`5d. a fast-check property over runScenario, 1 000 runs (drawn seeds, 0–2 free rounds, drawn strategies; full transcripts): ${formatDuration(property.ms)}`);
  console.log(`    the same count with a perturbed scenario validated and built each run (createScenario + runScenario, not a target): ${formatDuration(built.ms)}`);
  console.log(`    ${verdict(propertyMet)}: vs target < ${formatDuration(TARGET_PROPERTY_MS)}`);
  rows.push({ workload: '5d. fc property, runScenario × 1000', measured: formatDuration(property.ms), target: `< ${formatDuration(TARGET_PROPERTY_MS)}`, baseline: `none here (context: +createScenario ${formatDuration(built.ms)})`, ratio: '—', met: propertyMet });

  // 5e. Two workers against one. The target is on warm pools (threads started, the
  // exploration compiled and the engine's memos filled in each thread): the work shared out,
  // thread start-up excluded. Cold figures, start-up included, are printed beside it. The
  // pools take turns, so load from outside the bench falls on both alike; medians of them.
  const options: ExploreOptions = { runs: 2_000, seed: 1, talks, perturb };
  const TURNS = 5;
  const single = timeOnce(() => explore(scenario, options));
  console.log(`5e. explore (default, with the sensitivity ranking), 1 thread in-process: ${options.runs} runs in ${formatDuration(single.ms)} → ${formatRate(options.runs / (single.ms / 1000))} runs`);
  const startUp = await timeAsync(async () => {
    const pool = createExplorationPool(2);
    await pool.explore(scenario, { ...options, runs: 2, sensitivity: false });
    await pool.close();
  });
  const coldOne = await timeAsync(() => explorePooledOnce(1, scenario, options));
  const cold = await timeAsync(() => exploreInParallel(scenario, { ...options, workers: 2 }));
  console.log(`    cold, thread start-up included (pool started, first exploration, pool closed): 1 worker ${formatDuration(coldOne.ms)}, 2 workers ${formatDuration(cold.ms)} (exploreInParallel) → ${formatRatio(coldOne.ms / cold.ms)}; start-up alone (2 threads to a first result of 2 runs): ${formatDuration(startUp.ms)}`);
  const one = createExplorationPool(1);
  const two = createExplorationPool(2);
  const turns = { one: [] as number[], two: [] as number[], cores: [] as number[] };
  const results: unknown[] = [coldOne.value, cold.value];
  try {
    results.push(await one.explore(scenario, options), await two.explore(scenario, options));
    for (let turn = 0; turn < TURNS; turn++) {
      const a = await timeAsync(() => one.explore(scenario, options));
      const cpu = process.cpuUsage();
      const b = await timeAsync(() => two.explore(scenario, options));
      const used = process.cpuUsage(cpu);
      turns.one.push(a.ms);
      turns.two.push(b.ms);
      // CPU time of every thread of the process over the wall time: how many cores the two
      // workers got. Near 2 on an idle 2-core machine; lower, the machine was busy elsewhere.
      turns.cores.push((used.user + used.system) / 1000 / b.ms);
      results.push(a.value, b.value);
    }
  } finally {
    await Promise.all([one.close(), two.close()]);
  }
  const same = results.every((result) => JSON.stringify(result) === JSON.stringify(single.value));
  const oneMs = median(turns.one);
  const twoMs = median(turns.two);
  const cores = median(turns.cores);
  const speedUp = oneMs / twoMs;
  console.log(`    warm pools, thread start-up excluded (median of ${TURNS} turns each): 1 worker ${formatDuration(oneMs)}, 2 workers ${formatDuration(twoMs)} → ${formatRatio(speedUp)}; results identical to one thread: ${same}`);
  console.log(`    the 2 workers got ${cores.toFixed(2)} cores (CPU time / wall time, median) of ${availableParallelism()}${cores < 1.8 ? ': the machine was busy with other work, so this understates the speed-up' : ''}`);
  const speedMet = speedUp >= TARGET_SPEEDUP && same;
  console.log(`    ${verdict(speedMet)}: ${formatRatio(speedUp)} with two workers (warm) vs target ≥ ${TARGET_SPEEDUP}×`);
  rows.push({ workload: '5e. explore: 2 workers vs 1 (warm)', measured: formatRatio(speedUp), target: `≥ ${TARGET_SPEEDUP}×`, baseline: `1 worker ${formatDuration(oneMs)}`, ratio: formatRatio(speedUp), met: speedMet });
  return rows;
}

/** The timeline's events, as `runScenario` sends them, for the statechart baselines. */
function* eventsOf(script: ReturnType<typeof timelineScript>, text: () => Parameters<typeof timelineEvents>[2]): Generator<TalksEvent> {
  for (const entry of script.timeline) for (const event of timelineEvents(script, entry, text())) yield event;
  yield { type: 'END', reason: 'the timeline ended', date: script.timeline.at(-1)?.date ?? '1970-01-01' };
}

/** The timeline replayed on an xstate actor of the talks statechart. */
function replayOnActor(scenario: Scenario, talks: TalksSpec): string {
  const actor = createActor(createTalksMachine(scenario, talks.setup)).start();
  for (const event of eventsOf(timelineScript(scenario, talks), () => actor.getSnapshot().context.text)) if (actor.getSnapshot().status === 'active') actor.send(event);
  const status = actor.getSnapshot().context.phase;
  actor.stop();
  return status;
}

/** The timeline replayed through the statechart's pure `transition` function. */
function replayOnTransition(machine: ReturnType<typeof createTalksMachine>, script: ReturnType<typeof timelineScript>): string {
  let [snapshot] = initialTransition(machine);
  for (const event of eventsOf(script, () => snapshot.context.text)) if (snapshot.status === 'active' && snapshot.can(event)) [snapshot] = transition(machine, snapshot, event);
  return snapshot.context.phase;
}

/** A scenario's spec again, from the scenario (its parts as plain data; revisions already applied as plans). */
function scenarioSpecOf(scenario: Scenario): ScenarioSpec {
  return JSON.parse(JSON.stringify({ id: scenario.id, title: scenario.title, sources: scenario.sources, domain: scenario.domain, parties: scenario.parties, plans: scenario.plans })) as ScenarioSpec;
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** One exploration on a pool of `workers` threads started for it and closed after it. */
async function explorePooledOnce(workers: number, scenario: Scenario, options: ExploreOptions) {
  const pool = createExplorationPool(workers);
  try {
    return await pool.explore(scenario, options);
  } finally {
    await pool.close();
  }
}
