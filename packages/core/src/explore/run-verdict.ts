import { createDomain } from '../model/domain.js';
import type { DomainSpec, PlanSpec } from '../model/specs.js';
import type { TalksStatus } from '../talks/talks-types.js';
import { createJudge, verdictAt, type SimText, type TextView } from './judge.js';
import type { BaseParty, SimParty } from './sim-party.js';
import { simTextOf } from './sim-text.js';
import { createTalksKernel, type TalksProgram } from './talks-kernel.js';
import type { RunOutcome } from './tally-ops.js';

/** What one run of an exploration decides, and what makes the same run again. */
export interface RunVerdictInput {
  readonly domain: DomainSpec;
  readonly parties: readonly BaseParty[];
  readonly plans: readonly PlanSpec[];
  readonly program: TalksProgram | null;
  readonly rounds: number;
}

/**
 * The verdict of one run: which party accepts which plan version at its reservation value,
 * and, when talks are simulated, how they end. Built once per exploration (or per worker
 * thread); each call judges one run's parties.
 *
 * @example
 * ```ts
 * const verdictOf = createRunVerdict(model);
 * verdictOf(simParties(model.parties, model.assumptions, null), 1); // { accepted: [[true, false, …], …], ending: 'adjourned' }
 * ```
 */
export function createRunVerdict(input: RunVerdictInput): (parties: readonly SimParty[], talksSeed: number, shared?: readonly (Map<string, TextView> | undefined)[]) => RunOutcome {
  const domain = createDomain(input.domain);
  const judge = createJudge(
    domain.issues.map((issue) => issue.options.length),
    input.parties,
  );
  const texts: SimText[] = input.plans.map((plan) => simTextOf(domain, plan));
  const kernel = input.program === null ? null : createTalksKernel(domain, input.program, judge);
  return (parties, talksSeed, shared = []) => {
    // The talks put most of the plan texts to the parties again: share the views. A caller
    // may pass views it already has of some of these very parties (`shared[p]`).
    const views = parties.map((_, index) => shared[index] ?? new Map<string, TextView>());
    const viewOf = (index: number, text: SimText): TextView => {
      let view = views[index]!.get(text.textKey);
      if (view === undefined) views[index]!.set(text.textKey, (view = judge.view(index, parties[index]!, text)));
      return view;
    };
    return {
      accepted: texts.map((text) => parties.map((party, index) => verdictAt(viewOf(index, text), party.reservation).accepts)),
      ending: kernel === null ? null : kernel.simulate(parties, { seed: talksSeed, rounds: input.rounds, views }).status,
    };
  };
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
