/**
 * Benchmark 5: exploring the Ukraine 2025 talks under uncertainty.
 *
 * - Complete simulated talks per second on one thread, on the batch path: each simulation
 *   draws the parties from the bundled explore.yaml and replays the whole timeline (the same
 *   talks `parley run` replays) on the talks kernel. Target: at least 2 000 per second.
 * - The same talks on xstate in the same run: the pure `transition` function (`runScenario`)
 *   and the actor path (`createActor` + `send`), as baselines.
 * - Whole exploration runs per second (every plan judged by every party + the talks), and the
 *   speed-up with two worker threads over one, on warm pools (`createExplorationPool`), and
 *   `exploreInParallel` cold. Target: at least 1.7× on two cores, with identical results.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createActor } from 'xstate';
import {
  assumptionsOf,
  basePartiesOf,
  compileTalksProgram,
  createJudge,
  createTalksKernel,
  createTalksMachine,
  drawRun,
  explore,
  runScenario,
  simParties,
  validatePerturbation,
  type ExploreOptions,
} from '@parley/core';
import { createExplorationPool, exploreInParallel, loadPerturbation, loadScenario, loadTalks } from '@parley/core/node';
import { eventsFor, inDateOrder } from '../packages/core/src/talks/runner.js';
import { formatDuration, formatRate, formatRatio, heading, measure, timeOnce, verdict, type TargetRow } from './harness.js';

const TARGET_SIMS_PER_SECOND = 2000;
const TARGET_SPEEDUP = 1.7;
const seeds = fileURLToPath(new URL('../seeds/ukraine-2025', import.meta.url));

export async function runExploreThroughput(): Promise<TargetRow[]> {
  heading('5. Exploring the Ukraine 2025 talks under uncertainty (bundled explore.yaml)');
  const scenario = await loadScenario(seeds);
  const talks = await loadTalks(seeds, scenario);
  const base = basePartiesOf(scenario, talks.setup.strategies);
  const perturb = validatePerturbation((await loadPerturbation(seeds, base))!.perturb, base);
  const assumptions = assumptionsOf(base, perturb);
  console.log(`${assumptions.length} uncertain assumptions; ${talks.timeline.length} timeline entries; mediator ${talks.setup.mediatorStrategy}`);

  // Batch path: draw + the whole timeline on the kernel, one thread.
  const kernel = createTalksKernel(scenario.domain, compileTalksProgram(scenario, talks), createJudge(scenario.domain.issues.map((issue) => issue.options.length), base));
  const BATCH = 5000;
  let run = 0;
  const endings = new Map<string, number>();
  const batch = measure(
    () => {
      for (let k = 0; k < BATCH; k++, run++) {
        const outcome = kernel.simulate(simParties(base, assumptions, drawRun(base, assumptions, 1, run)), { seed: run, rounds: 0 });
        endings.set(outcome.status, (endings.get(outcome.status) ?? 0) + 1);
      }
      return run;
    },
    { warmup: 1, runs: 5, maxMs: 8000 },
  );
  const batchRate = BATCH / (batch.median / 1000);
  console.log(`batch path: ${BATCH} complete talks in ${formatDuration(batch.median)} median → ${formatRate(batchRate)} simulations (one thread); endings ${[...endings].map(([status, count]) => `${status} ${count}`).join(', ')}`);

  // The xstate machine on the same talks: the pure transition function, then the actor.
  const XSTATE = 8;
  const viaTransition = measure(() => runScenario(scenario, talks, { seed: 1 }).final.status, { warmup: 1, runs: XSTATE, maxMs: 6000 });
  const transitionRate = 1000 / viaTransition.median;
  const viaActor = measure(() => replayOnActor(scenario, talks), { warmup: 1, runs: XSTATE, maxMs: 6000 });
  const actorRate = 1000 / viaActor.median;
  console.log(`xstate transition (runScenario, explained): ${formatDuration(viaTransition.median)} a replay → ${formatRate(transitionRate)} simulations`);
  console.log(`xstate actor (createActor + send, explained): ${formatDuration(viaActor.median)} a replay → ${formatRate(actorRate)} simulations; ended ${viaActor.last}`);
  console.log(`batch path vs actor path: ${formatRatio(batchRate / actorRate)}; vs transition path: ${formatRatio(batchRate / transitionRate)}`);
  const batchMet = batchRate >= TARGET_SIMS_PER_SECOND;
  console.log(`${verdict(batchMet)}: ${formatRate(batchRate)} complete talks per core vs target ≥ ${formatRate(TARGET_SIMS_PER_SECOND)}`);

  // Whole explorations: one thread in-process, then worker threads. The speed-up is
  // measured on warm pools (threads started, the exploration compiled in each), so that it
  // measures the work shared out, not thread start-up, which is printed on its own; on the
  // exploration `parley explore` runs by default (with the sensitivity ranking), and, for
  // comparison, without the ranking (cheaper runs: more allocation per unit of work).
  const options: ExploreOptions = { runs: 2_000, seed: 1, talks, perturb };
  const single = timeOnce(() => explore(scenario, options));
  const perRun = single.ms / options.runs;
  console.log(`explore (default, with the sensitivity ranking), 1 thread in-process: ${options.runs} runs in ${formatDuration(single.ms)} → ${formatRate(options.runs / (single.ms / 1000))} runs`);
  const cold = await timeAsync(() => exploreInParallel(scenario, { ...options, workers: 2 }));
  console.log(`exploreInParallel, 2 workers, cold (thread start-up included): ${formatDuration(cold.ms)}`);
  // Each pool runs the whole exploration once to warm up (every thread's JIT and caches),
  // then the best of two more is kept: the figure is the pool's throughput, not its warm-up.
  const warm = async (workers: number, settings: ExploreOptions) => {
    const pool = createExplorationPool(workers);
    try {
      await pool.explore(scenario, settings);
      const first = await timeAsync(() => pool.explore(scenario, settings));
      const second = await timeAsync(() => pool.explore(scenario, settings));
      return first.ms <= second.ms ? first : second;
    } finally {
      await pool.close();
    }
  };
  const one = await warm(1, options);
  const two = await warm(2, options);
  const same = [one.value, two.value, cold.value].every((result) => JSON.stringify(result) === JSON.stringify(single.value));
  const speedUp = one.ms / two.ms;
  console.log(`warm pools: 1 worker ${formatDuration(one.ms)}, 2 workers ${formatDuration(two.ms)} → ${formatRatio(speedUp)}; results identical to one thread: ${same}; cores: ${availableParallelism()}`);
  const cheap: ExploreOptions = { ...options, runs: 20_000, sensitivity: false };
  const cheapOne = await warm(1, cheap);
  const cheapTwo = await warm(2, cheap);
  console.log(`without the ranking (${cheap.runs} runs): 1 worker ${formatDuration(cheapOne.ms)}, 2 workers ${formatDuration(cheapTwo.ms)} → ${formatRatio(cheapOne.ms / cheapTwo.ms)} (not a target)`);
  const speedMet = speedUp >= TARGET_SPEEDUP && same;
  console.log(`${verdict(speedMet)}: ${formatRatio(speedUp)} with two workers vs target ≥ ${TARGET_SPEEDUP}× (${formatDuration(perRun)} a run on one thread)`);
  return [
    {
      workload: '5a. Ukraine talks simulated / s / core',
      measured: formatRate(batchRate),
      target: `≥ ${formatRate(TARGET_SIMS_PER_SECOND)}`,
      baseline: `actor ${formatRate(actorRate)}`,
      ratio: formatRatio(batchRate / actorRate),
      met: batchMet,
    },
    {
      workload: '5b. explore: 2 workers vs 1',
      measured: formatRatio(speedUp),
      target: `≥ ${TARGET_SPEEDUP}×`,
      baseline: `1 worker ${formatDuration(one.ms)}`,
      ratio: formatRatio(speedUp),
      met: speedMet,
    },
  ];
}

/** The timeline replayed on an xstate actor: the same events `runScenario` sends, through `actor.send`. */
function replayOnActor(scenario: Awaited<ReturnType<typeof loadScenario>>, talks: Awaited<ReturnType<typeof loadTalks>>): string {
  const actor = createActor(createTalksMachine(scenario, talks.setup)).start();
  let lastDate = '';
  for (const { event } of inDateOrder(talks.timeline)) {
    lastDate = event.date;
    for (const talksEvent of eventsFor(scenario, event, actor.getSnapshot().context.text)) actor.send(talksEvent);
  }
  if (actor.getSnapshot().status === 'active') actor.send({ type: 'END', reason: 'the timeline ended', date: lastDate });
  const status = actor.getSnapshot().context.ending?.status ?? 'adjourned';
  actor.stop();
  return status;
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}
