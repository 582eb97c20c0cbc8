import { ParleyError } from '../model/errors.js';
import type { TalksStatus } from '../talks/talks-types.js';
import type { ExploreTally } from './tally.js';
import { shapeOfTally, talksStatuses } from './tally-ops.js';

/** The normal quantile for a two-sided 95 % interval. */
const Z95 = 1.959963984540054;

/**
 * The Wilson score interval for a proportion: `count` successes in `runs` trials, at the
 * confidence that `z` stands for (1.96 → 95 %).
 *
 * Wilson rather than the textbook normal ("Wald") interval because the proportions here
 * are often exactly 0 or 1 — a plan no sampled world accepts, a red line that never
 * flips — and there the Wald interval collapses to a single point ([0, 0] after 500
 * runs), claiming certainty it does not have. Wilson's stays honest at the edges
 * ([0, 0.0076] after 0 of 500), never leaves [0, 1], and keeps close to its nominal
 * coverage for small counts.
 *
 * With no runs it is the whole of [0, 1]. The interval always contains `count / runs`.
 *
 * @example
 * ```ts
 * wilsonInterval(0, 500);   // { low: 0, high: 0.00762… }
 * wilsonInterval(50, 100);  // { low: 0.4038…, high: 0.5961… }
 * wilsonInterval(0, 0);     // { low: 0, high: 1 }
 * ```
 */
export function wilsonInterval(count: number, runs: number, z: number = Z95): { low: number; high: number } {
  if (!Number.isInteger(runs) || runs < 0 || !Number.isInteger(count) || count < 0 || count > runs) {
    throw new ParleyError('INVALID_ESTIMATE', `a proportion needs whole numbers 0 ≤ count ≤ runs; got ${count} of ${runs}`);
  }
  if (!(z > 0 && z < Infinity)) {
    throw new ParleyError('INVALID_ESTIMATE', `the normal quantile z must be a positive number; got ${z}`);
  }
  if (runs === 0) return { low: 0, high: 1 };
  const p = count / runs;
  const z2 = z * z;
  const denominator = 1 + z2 / runs;
  const centre = (p + z2 / (2 * runs)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / runs + z2 / (4 * runs * runs));
  // Exact at the edges, and never excluding p through rounding.
  const low = count === 0 ? 0 : Math.min(p, Math.max(0, centre - half));
  const high = count === runs ? 1 : Math.max(p, Math.min(1, centre + half));
  return { low, high };
}

/** An estimated probability: the observed proportion and its 95 % Wilson interval. */
export interface Estimate {
  /** `count / runs` (0 when there were no runs). */
  readonly probability: number;
  readonly low: number;
  readonly high: number;
  readonly count: number;
  readonly runs: number;
}

/**
 * What an exploration was run on, and the unperturbed scenario's verdict: everything a
 * result needs besides the tally. Plain JSON, so it travels in shard files.
 */
export interface ExploreMeta {
  /** The scenario's id. */
  readonly scenario: string;
  readonly seed: number;
  /** How many runs the whole exploration makes (all shards together). */
  readonly runs: number;
  /** The most rounds of talks per run. */
  readonly rounds: number;
  /** Whether talks are simulated in each run (if not, the tally's endings are all zero). */
  readonly talks: boolean;
  /** Whether each assumption's draw was also tried alone, for the sensitivity ranking. */
  readonly sensitivity: boolean;
  /** Identifies the scenario, talks and perturbation settings: runs with equal fingerprints can be merged. */
  readonly fingerprint: string;
  readonly plans: readonly { readonly id: string; readonly title: string }[];
  readonly parties: readonly { readonly id: string; readonly name: string }[];
  readonly assumptions: readonly { readonly id: string; readonly label: string; readonly kind: string; readonly party: string }[];
  /** The verdict without perturbation: `accepted[plan][party]`, and how the talks ended. */
  readonly baseline: { readonly accepted: readonly (readonly boolean[])[]; readonly ending: TalksStatus | null };
}

/** What an exploration found about one plan version. */
export interface ExplorePlanResult {
  readonly plan: string;
  readonly title: string;
  /** By party id, in the scenario's party order. */
  readonly acceptedBy: Readonly<Record<string, Estimate>>;
  readonly acceptedByAll: Estimate;
  /** The parties that accept it without perturbation. */
  readonly baseline: { readonly acceptedBy: readonly string[] };
}

/** How the simulated talks ended across the runs. */
export interface ExploreTalksResult {
  /** How often the talks reached an agreement (the same as `endings.agreed`). */
  readonly agreement: Estimate;
  readonly endings: Readonly<Record<TalksStatus, Estimate>>;
  /** How the talks end without perturbation. */
  readonly baseline: TalksStatus | null;
}

/** How much the verdict depends on one assumption. */
export interface ExploreSensitivity {
  readonly assumption: string;
  readonly label: string;
  readonly kind: string;
  readonly party: string;
  /** How often changing this assumption alone changed the verdict. */
  readonly flips: Estimate;
  /** The smallest change of it alone that changed the verdict, or null if none did (or none had a size). */
  readonly smallestChange: number | null;
}

/** The summary of an exploration: plain, JSON-serialisable, with a fixed key order. */
export interface ExploreResult {
  readonly scenario: string;
  readonly seed: number;
  readonly runs: number;
  readonly rounds: number;
  /** The confidence of every interval in the result. */
  readonly confidence: 0.95;
  readonly fingerprint: string;
  readonly plans: readonly ExplorePlanResult[];
  /** Null when no talks were simulated. */
  readonly talks: ExploreTalksResult | null;
  /** Most often flipping first, then the smallest change that flipped it (none last), then by id. Empty when sensitivity was off. */
  readonly sensitivity: readonly ExploreSensitivity[];
}

/**
 * Turns the tally of all of an exploration's runs into its result: for each plan version
 * the probability that each party, and every party, accepts it; how the talks ended; and
 * the assumptions ranked by how often they alone flip the verdict. Every probability
 * comes with its 95 % Wilson interval. Pure and deterministic: equal inputs give
 * results that serialise to the same bytes.
 *
 * @throws ParleyError `TALLY_MISMATCH` when the tally counts a different number of runs
 *   than the exploration makes (an incomplete merge must never pass for a result), or does
 *   not fit `meta` (plans × parties, assumptions, endings).
 *
 * @example
 * ```ts
 * const result = summarizeExploration(meta, mergeShards(shards).tally);
 * result.plans[0].acceptedByAll; // { probability: 0.031, low: 0.0219…, high: 0.0437…, count: 31, runs: 1000 }
 * result.sensitivity[0].label;   // the assumption the verdict hangs on most
 * ```
 */
export function summarizeExploration(meta: ExploreMeta, tally: ExploreTally): ExploreResult {
  checkTallyFitsMeta(meta, tally);
  const runs = tally.runs;
  const estimate = (count: number): Estimate => {
    const { low, high } = wilsonInterval(count, runs);
    return { probability: runs === 0 ? 0 : count / runs, low, high, count, runs };
  };

  const plans = meta.plans.map((plan, p): ExplorePlanResult => {
    const row = tally.accepted[p]!;
    const baseline = meta.baseline.accepted[p]!;
    return {
      plan: plan.id,
      title: plan.title,
      acceptedBy: Object.fromEntries(meta.parties.map((party, q) => [party.id, estimate(row[q]!)])),
      acceptedByAll: estimate(tally.acceptedByAll[p]!),
      baseline: { acceptedBy: meta.parties.filter((_, q) => baseline[q] === true).map((party) => party.id) },
    };
  });

  const talks: ExploreTalksResult | null = meta.talks
    ? {
        agreement: estimate(tally.endings.agreed),
        endings: Object.fromEntries(talksStatuses.map((status) => [status, estimate(tally.endings[status])])) as Record<TalksStatus, Estimate>,
        baseline: meta.baseline.ending,
      }
    : null;

  // Without sensitivity runs nothing was tried alone: an empty ranking, not a list of zeros.
  const sensitivity = (meta.sensitivity ? meta.assumptions : [])
    .map((assumption, a): ExploreSensitivity => ({
      assumption: assumption.id,
      label: assumption.label,
      kind: assumption.kind,
      party: assumption.party,
      flips: estimate(tally.flips[a]!),
      smallestChange: tally.smallestFlip[a]!,
    }))
    .sort(bySensitivity);

  return {
    scenario: meta.scenario,
    seed: meta.seed,
    runs: meta.runs,
    rounds: meta.rounds,
    confidence: 0.95,
    fingerprint: meta.fingerprint,
    plans,
    talks,
    sensitivity,
  };
}

function bySensitivity(a: ExploreSensitivity, b: ExploreSensitivity): number {
  if (a.flips.count !== b.flips.count) return b.flips.count - a.flips.count;
  if (a.smallestChange !== b.smallestChange) {
    if (a.smallestChange === null) return 1;
    if (b.smallestChange === null) return -1;
    return a.smallestChange - b.smallestChange;
  }
  return a.assumption < b.assumption ? -1 : a.assumption > b.assumption ? 1 : 0;
}

/**
 * @internal Throws `TALLY_MISMATCH` unless `tally` is the complete tally of the exploration
 * `meta` describes: all its runs, its plans × parties, its assumptions, and endings that
 * add up to the runs when talks are simulated (and are all zero when not).
 */
export function checkTallyFitsMeta(meta: ExploreMeta, tally: ExploreTally): void {
  if (tally.runs !== meta.runs) {
    throw new ParleyError(
      'TALLY_MISMATCH',
      `the tally counts ${tally.runs} runs but the exploration makes ${meta.runs}: it is incomplete (a shard or worker's runs are missing) or from another exploration`,
    );
  }
  const shape = shapeOfTally(tally);
  const fits =
    shape.plans === meta.plans.length &&
    tally.acceptedByAll.length === meta.plans.length &&
    tally.accepted.every((row) => row.length === meta.parties.length) &&
    shape.assumptions === meta.assumptions.length &&
    tally.smallestFlip.length === meta.assumptions.length;
  if (!fits) {
    throw new ParleyError(
      'TALLY_MISMATCH',
      `the tally counts ${shape.plans} plan versions × ${shape.parties} parties and ${shape.assumptions} assumptions, but the exploration has ${meta.plans.length} × ${meta.parties.length} and ${meta.assumptions.length}: it is from another exploration`,
    );
  }
  const ended = talksStatuses.reduce((sum, status) => sum + tally.endings[status], 0);
  const expected = meta.talks ? tally.runs : 0;
  if (ended !== expected) {
    throw new ParleyError(
      'TALLY_MISMATCH',
      meta.talks
        ? `the tally records how the talks ended in ${ended} runs but counts ${tally.runs}: every run's talks must end one way`
        : `the tally records how talks ended in ${ended} runs, but this exploration simulates no talks`,
    );
  }
}
