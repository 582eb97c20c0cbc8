import { createDomain } from '../model/domain.js';
import { planTextOf } from '../model/plan-text.js';
import type { DomainSpec, PlanSpec } from '../model/specs.js';
import { verdictAt, viewOf } from '../model/text-view.js';
import { reseated, talksTable } from '../talks/mediated-text.js';
import { playTalks } from '../talks/runner.js';
import type { TimelineScript } from '../talks/timeline-script.js';
import type { TalksStatus } from '../talks/talks-types.js';
import type { RunParty } from './run-party.js';
import type { RunOutcome } from './tally-ops.js';

/** What one run of an exploration decides, and what makes the same run again. */
export interface RunVerdictInput {
  readonly domain: DomainSpec;
  /** The parties as written (every run's parties sit in the same seats). */
  readonly parties: readonly RunParty[];
  readonly plans: readonly PlanSpec[];
  /** The scenario's talks, when every run simulates them. */
  readonly script: TimelineScript | null;
  readonly rounds: number;
}

/**
 * The verdict of one run: which party accepts which plan version at its reservation value,
 * and, when talks are simulated, how they end — on the one engine: each party's view of
 * each text, and the talks' reducer played at a table of this run's parties. Built once per
 * exploration (or per worker thread); each call judges one run's parties. Views are
 * remembered per party object, so parties shared by many runs (the scenario as written, in
 * the sensitivity ranking) are judged once.
 *
 * @example
 * ```ts
 * const verdictOf = createRunVerdict(model);
 * verdictOf(simParties(model.parties, model.assumptions, null), 1); // { accepted: [[true, false, …], …], ending: 'adjourned' }
 * ```
 */
export function createRunVerdict(input: RunVerdictInput): (parties: readonly RunParty[], talksSeed: number) => RunOutcome {
  const domain = createDomain(input.domain);
  const texts = input.plans.map((plan) => planTextOf(domain, plan));
  const { script, rounds } = input;
  const table = script === null ? null : talksTable(domain, input.parties, script.setup, { record: false });
  return (parties, talksSeed) => ({
    accepted: texts.map((text) => parties.map((party) => verdictAt(viewOf(party, text), party.reservation).accepts)),
    ending:
      table === null || script === null
        ? null
        : (playTalks(reseated(table, parties), script, { seed: talksSeed, rounds, strategies: parties.map((party) => party.strategy) }).phase as TalksStatus),
  });
}

/** Whether two runs reached the same verdict: every acceptance and the ending. */
export function sameVerdict(a: RunOutcome, b: RunOutcome): boolean {
  if (a.ending !== b.ending) return false;
  return a.accepted.every((row, plan) => row.every((accepts, party) => accepts === b.accepted[plan]![party]));
}

/** The seed of one run's talks (the order parties are seen in free rounds): a mix of the exploration's seed and the run. */
export function talksSeedOf(seed: number, run: number): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(run + 1, 0x85ebca6b)) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) | 0;
}
