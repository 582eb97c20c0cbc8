/**
 * Benchmark 7: alternating-offers negotiations and tournaments on the GENIUS energy domain
 * (390 625 outcomes, 2 parties), 100-round deadline.
 * - 7a. Complete two-party negotiations per second on one core: `negotiate` on the protocol's
 *   pure reducer, the strategies' offer table built once. Baseline in the same run: the same
 *   strategies and table driven through the alternating-offers statechart on an xstate actor
 *   (createActor + send per event), checked to end the same way. Target ≥ 5 000/s.
 * - 7b. The complete work of `parley tournament` on one thread: `runTournament` with the offer
 *   table, the exact Pareto frontier and Nash point (the scores' reference points), every
 *   negotiation and the summary; reported as negotiations per second, not a target.
 * - 7c. Two worker threads against one (`runTournamentInParallel`): one worker runs in the
 *   calling thread with no pool; two start their threads in each call, so thread start-up and
 *   each thread's own offer table are counted against them. Target ≥ 1.7×.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createActor } from 'xstate';
import { alternatingOffersMachine, boulware, conceder, linear, negotiate, offerTable, runTournament, seededUniform, type OfferStrategy, type OfferTable } from '@parley/core';
import { loadGeniusScenario, runTournamentInParallel, tournamentOptionsOf, type TournamentConfig } from '@parley/core/node';
import { formatDuration, formatRate, formatRatio, heading, measure, median, timeOnce, verdict, type TargetRow } from './harness.js';

const TARGET_NEGOTIATIONS_PER_SECOND = 5_000;
const TARGET_SPEEDUP = 1.7;
const DEADLINE = 100;
const energy = fileURLToPath(new URL('../../shared/genius-domains/energy/', import.meta.url));
const domain = { domain: `${energy}energy_domain.xml`, profiles: [`${energy}energy_consumer.xml`, `${energy}energy_distributor.xml`] };
const pairs: readonly (readonly [OfferStrategy, OfferStrategy])[] = [[boulware, conceder], [conceder, boulware], [boulware, linear], [linear, boulware]];

/** One negotiation through the statechart on an actor: what a user of the machine alone would write. */
function onActor(table: OfferTable, strategies: readonly OfferStrategy[], seed: number): string {
  const random = seededUniform(seed);
  const n = table.ids.length;
  const negotiators = strategies.map((strategy, party) => strategy({ party, parties: n, space: table.spaces[party]!, deadline: DEADLINE, discount: 1, random, decode: table.decode, optionCounts: table.optionCounts }));
  const actor = createActor(alternatingOffersMachine, { input: { order: table.ids, deadline: DEADLINE } }).start();
  for (;;) {
    const snapshot = actor.getSnapshot();
    if (snapshot.status === 'done') return snapshot.context.phase;
    const { round } = snapshot.context;
    const time = Math.min(1, round / DEADLINE);
    const proposer = round % n;
    const offer = negotiators[proposer]!.propose(round, time)!;
    actor.send({ type: 'OFFER', party: table.ids[proposer]!, outcome: table.decode(offer), keepsRedLines: true });
    const responder = 1 - proposer;
    actor.send({ type: 'RESPOND', party: table.ids[responder]!, accept: negotiators[responder]!.respond(offer, proposer, round, time), keepsRedLines: true });
  }
}

export async function runTournamentThroughput(): Promise<TargetRow[]> {
  heading('7. Alternating offers and tournaments on the GENIUS energy domain, 100-round deadline');
  const { scenario } = await loadGeniusScenario(domain.domain, domain.profiles);
  const built = timeOnce(() => offerTable(scenario.parties));
  const table = built.value;
  console.log(`offer table (every outcome's utilities and each party's ranking, once per domain): ${formatDuration(built.ms)}`);
  const batch = (k: number) => negotiate(table, pairs[k % pairs.length]!, { deadline: DEADLINE, random: seededUniform(k) });
  for (let k = 0; k < 8; k++) if (batch(k).status !== onActor(table, pairs[k % pairs.length]!, k)) throw new Error(`negotiation ${k}: the reducer and the actor disagree`);
  const rounds = [0, 1, 2, 3].map((k) => batch(k).round);

  // 7a.
  const BATCH = 2_000;
  const ACTOR = 200;
  const fast = measure(() => { for (let k = 0; k < BATCH; k++) batch(k); }, { warmup: 1, runs: 7, maxMs: 6000 });
  const slow = measure(() => { for (let k = 0; k < ACTOR; k++) onActor(table, pairs[k % pairs.length]!, k); }, { warmup: 1, runs: 5, maxMs: 6000 });
  const rate = BATCH / (fast.median / 1000);
  const actorRate = ACTOR / (slow.median / 1000);
  const rateMet = rate >= TARGET_NEGOTIATIONS_PER_SECOND;
  console.log(`7a. negotiate on the reducer: ${formatRate(rate)} negotiations (median of ${fast.runs} × ${BATCH}; rounds used ${rounds.join(', ')} for the four pairings)`);
  console.log(`    baseline, the statechart on an xstate actor, same strategies and table: ${formatRate(actorRate)} negotiations`);
  console.log(`    ${verdict(rateMet)}: ${formatRate(rate)} vs target ≥ ${formatRate(TARGET_NEGOTIATIONS_PER_SECOND)}`);
  const rows: TargetRow[] = [{ workload: '7a. energy negotiations / s / core', measured: formatRate(rate), target: `≥ ${formatRate(TARGET_NEGOTIATIONS_PER_SECOND)}`, baseline: `actor ${formatRate(actorRate)}`, ratio: formatRatio(rate / actorRate), met: rateMet }];

  // 7b and 7c: a tournament of four strategies in both roles, repeated.
  const config: TournamentConfig = {
    deadline: DEADLINE, repetitions: 5_000, seed: 7, selfPlay: false, discount: false, trace: false,
    strategies: [{ name: 'boulware', kind: 'boulware' }, { name: 'linear', kind: 'linear' }, { name: 'conceder', kind: 'conceder' }, { name: 'tit-for-tat', kind: 'tit-for-tat' }],
    domains: [{ id: 'energy', genius: domain }],
  };
  const options = await tournamentOptionsOf(config);
  const whole = timeOnce(() => runTournament(options));
  const negotiations = whole.value.meta.negotiations;
  console.log(`7b. runTournament, one thread, the complete work (offer table, exact frontier and Nash point, ${negotiations} negotiations, summary): ${formatDuration(whole.ms)} → ${formatRate(negotiations / (whole.ms / 1000))} negotiations`);

  const one = [] as number[];
  const two = [] as number[];
  let same = true;
  for (let k = 0; k < 3; k++) {
    const a = await timeAsync(() => runTournamentInParallel(config, { workers: 1 }));
    const b = await timeAsync(() => runTournamentInParallel(config, { workers: 2 }));
    one.push(a.ms);
    two.push(b.ms);
    same &&= JSON.stringify(a.value.rows) === JSON.stringify(b.value.rows);
  }
  const speedUp = median(one) / median(two);
  const speedMet = speedUp >= TARGET_SPEEDUP && same;
  console.log(`7c. runTournamentInParallel, ${negotiations} negotiations, 1 worker (in the calling thread, no pool) ${formatDuration(median(one))} vs 2 worker threads started in the call (start-up and each thread's offer table counted): ${formatDuration(median(two))} → ${formatRatio(speedUp)} (medians of 3, taking turns); same rows: ${same}; cores: ${availableParallelism()}`);
  console.log(`    ${verdict(speedMet)}: ${formatRatio(speedUp)} with two workers vs target ≥ ${TARGET_SPEEDUP}×`);
  rows.push({ workload: '7c. tournament: 2 workers vs 1', measured: formatRatio(speedUp), target: `≥ ${TARGET_SPEEDUP}×`, baseline: `1 worker ${formatDuration(median(one))}`, ratio: formatRatio(speedUp), met: speedMet });
  return rows;
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<{ readonly ms: number; readonly value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}
