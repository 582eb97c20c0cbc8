import { ParleyError } from '../model/errors.js';
import type { Scenario } from '../scenario/scenario.js';
import type { DomainSpec, PlanSpec } from '../model/specs.js';
import type { TalksSpec } from '../talks/timeline.js';
import { assumptionsOf, basePartiesOf, simParties, validatePerturbation, type Assumption, type PerturbationSpec } from './perturbation.js';
import { createRunVerdict } from './run-verdict.js';
import { canonical, fnv1a64 } from './shard-file.js';
import type { RunParty } from './run-party.js';
import type { ExploreMeta } from './summary.js';
import { timelineScript, type TimelineScript } from '../talks/timeline-script.js';

/** Options of `explore`: how many runs, from which seed, and what is uncertain. */
export interface ExploreOptions {
  /** How many runs (draws of the uncertain assumptions). */
  readonly runs: number;
  /** Seeds every draw; the same seed gives the same result, however the runs are split. Default 1. */
  readonly seed?: number;
  /** Which assumptions are uncertain and how. Default: nothing is (every run is the scenario as written). */
  readonly perturb?: PerturbationSpec;
  /** The scenario's talks (`loadTalks`): when given, every run simulates them and the result says how they end. */
  readonly talks?: TalksSpec;
  /** Free rounds after the timeline, as `runScenario`'s `continueRounds`. Default 0. */
  readonly rounds?: number;
  /** Rank the assumptions by how often each alone flips the verdict. Default true. */
  readonly sensitivity?: boolean;
}

/**
 * An exploration compiled to plain data: the scenario's parties and plans, the talks
 * program, the assumptions and the settings. Structured-clonable, so it is what worker
 * threads receive; its `meta.fingerprint` tells whether two results may be merged.
 */
export interface ExplorationModel {
  readonly meta: ExploreMeta;
  readonly domain: DomainSpec;
  readonly parties: readonly RunParty[];
  readonly plans: readonly PlanSpec[];
  /** The scenario's talks, when every run simulates them. */
  readonly script: TimelineScript | null;
  readonly assumptions: readonly Assumption[];
  readonly seed: number;
  readonly runs: number;
  readonly rounds: number;
  readonly sensitivity: boolean;
}

/**
 * Checks an exploration's options and compiles it to an {@link ExplorationModel}, with the
 * verdict of the scenario as written (its talks run with the exploration's seed) as the
 * baseline every run is compared with. Throws a `ParleyError`
 * (`INVALID_EXPLORATION`) naming the option and the fix, or a `ScenarioError` listing every
 * problem of `perturb` with its path.
 *
 * @example
 * ```ts
 * const model = compileExploration(scenario, { runs: 1000, seed: 7, perturb: { reservation: 0.05 }, talks });
 * model.assumptions.map((assumption) => assumption.id); // ['russia.reservation', 'ukraine.reservation', …]
 * ```
 */
export function compileExploration(scenario: Scenario, options: ExploreOptions): ExplorationModel {
  const { runs, seed = 1, rounds = 0, sensitivity = true, talks } = options;
  if (!Number.isSafeInteger(runs) || runs < 1) invalid(`runs must be a whole number ≥ 1 (got ${String(runs)})`);
  if (!Number.isSafeInteger(seed)) invalid(`seed must be a whole number (got ${String(seed)})`);
  if (!Number.isSafeInteger(rounds) || rounds < 0) invalid(`rounds must be a whole number ≥ 0 (got ${String(rounds)})`);
  if (rounds > 0 && talks === undefined) invalid('rounds needs talks to continue: pass talks (loadTalks) too, or leave rounds at 0');
  const parties = basePartiesOf(scenario, talks?.setup.strategies);
  const perturb = validatePerturbation(options.perturb ?? {}, parties);
  const assumptions = assumptionsOf(parties, perturb);
  const plans = scenario.plans.map((plan) => JSON.parse(JSON.stringify(plan)) as PlanSpec);
  const script = talks === undefined ? null : timelineScript(scenario, talks);
  const domain = scenario.domain.toJSON();
  // Everything a run depends on, except which runs: explorations with equal fingerprints
  // (and seeds and run counts) are slices of one another and may be merged.
  const verdictOf = createRunVerdict({ domain, parties, plans, script, rounds });
  const baseline = verdictOf(simParties(parties, assumptions, null), seed);
  const fingerprint = fnv1a64(canonical({ domain, parties: JSON.parse(JSON.stringify(scenario.parties)), plans, talks: talks ?? null, perturb, rounds, sensitivity }));
  return {
    meta: {
      scenario: scenario.id,
      seed,
      runs,
      rounds,
      talks: talks !== undefined,
      sensitivity,
      fingerprint,
      plans: scenario.plans.map((plan) => ({ id: plan.id, title: plan.title })),
      parties: scenario.parties.map((party) => ({ id: party.id, name: party.name })),
      assumptions: assumptions.map((assumption) => ({ id: assumption.id, label: assumption.label, kind: assumption.kind, party: parties[assumption.party]!.id })),
      baseline: { accepted: baseline.accepted, ending: baseline.ending },
    },
    domain,
    parties,
    plans,
    script,
    assumptions,
    seed,
    runs,
    rounds,
    sensitivity,
  };
}

function invalid(message: string): never {
  throw new ParleyError('INVALID_EXPLORATION', message);
}
