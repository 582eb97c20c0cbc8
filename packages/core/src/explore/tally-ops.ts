import { ParleyError } from '../model/errors.js';
import type { TalksStatus } from '../talks/talks-types.js';
import type { ExploreTally } from './tally.js';

/** Every way talks can end, in the order tallies, results and shard files list them. */
export const talksStatuses: readonly TalksStatus[] = Object.freeze(['agreed', 'broken-off', 'stalled', 'expired', 'adjourned'] as const);

/** The size of an exploration's tally: how many plan versions, parties and assumptions it counts. */
export interface TallyShape {
  readonly plans: number;
  readonly parties: number;
  readonly assumptions: number;
}

/**
 * What one run decided: which party accepts which plan version at its reservation value,
 * and how the talks ended (null when the exploration simulates no talks).
 * Whether every party accepts a version is derived from `accepted`.
 */
export interface RunOutcome {
  /** `accepted[plan][party]`. */
  readonly accepted: readonly (readonly boolean[])[];
  readonly ending: TalksStatus | null;
}

const endingIndex: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(talksStatuses.map((status, index) => [status, index])),
);

/**
 * A tally of no runs, of the given shape: the identity of {@link addTallies}.
 *
 * @example
 * ```ts
 * const zero = emptyTally({ plans: 2, parties: 3, assumptions: 4 });
 * zero.accepted;                  // [[0, 0, 0], [0, 0, 0]]
 * addTallies(zero, tally);        // equal to tally, for any tally of that shape
 * ```
 */
export function emptyTally(shape: TallyShape): ExploreTally {
  checkShape(shape);
  return {
    runs: 0,
    simulations: 0,
    accepted: Array.from({ length: shape.plans }, () => new Array<number>(shape.parties).fill(0)),
    acceptedByAll: new Array<number>(shape.plans).fill(0),
    endings: endingsFrom(() => 0),
    flips: new Array<number>(shape.assumptions).fill(0),
    smallestFlip: new Array<number | null>(shape.assumptions).fill(null),
  };
}

/**
 * The tally of two disjoint sets of runs together: every count summed, and the smaller of
 * the two smallest flips (null meaning "none", so it loses to any number). Associative and
 * commutative, with {@link emptyTally} as identity, so tallies of ranges of runs can be
 * combined in any grouping and order. Never mutates its arguments.
 *
 * @throws ParleyError `TALLY_MISMATCH` when the tallies have different shapes (they come
 *   from different explorations).
 *
 * @example
 * ```ts
 * const whole = addTallies(tallyOfRuns0to499, tallyOfRuns500to999);
 * whole.runs; // 1000
 * ```
 */
export function addTallies(a: ExploreTally, b: ExploreTally): ExploreTally {
  const shapeA = describeShape(a);
  const shapeB = describeShape(b);
  if (shapeA !== shapeB) {
    throw new ParleyError('TALLY_MISMATCH', `cannot add tallies of different explorations: one counts ${shapeA}, the other ${shapeB}`);
  }
  return {
    runs: a.runs + b.runs,
    simulations: a.simulations + b.simulations,
    accepted: a.accepted.map((row, plan) => {
      const other = b.accepted[plan]!;
      return row.map((count, party) => count + other[party]!);
    }),
    acceptedByAll: a.acceptedByAll.map((count, plan) => count + b.acceptedByAll[plan]!),
    endings: endingsFrom((status) => a.endings[status] + b.endings[status]),
    flips: a.flips.map((count, assumption) => count + b.flips[assumption]!),
    smallestFlip: a.smallestFlip.map((x, assumption) => {
      const y = b.smallestFlip[assumption]!;
      if (x === null) return y;
      if (y === null) return x;
      return Math.min(x, y);
    }),
  };
}

/**
 * Counts runs as they are made, in flat typed arrays, allocating nothing per run: the
 * accumulator of the exploration's hot loop. {@link TallyBuilder.toTally} takes a snapshot
 * as a plain {@link ExploreTally}; counting can go on afterwards.
 *
 * Builders over disjoint runs give tallies that {@link addTallies} combines into exactly
 * the tally one builder over all of them would give.
 *
 * @example
 * ```ts
 * const builder = new TallyBuilder({ plans: 1, parties: 2, assumptions: 1 });
 * builder.countRun({ accepted: [[true, false]], ending: 'stalled' });
 * builder.countSensitivity(0, true, 0.15);
 * builder.countSimulations(2);
 * builder.toTally();
 * // { runs: 1, simulations: 2, accepted: [[1, 0]], acceptedByAll: [0],
 * //   endings: { agreed: 0, 'broken-off': 0, stalled: 1, expired: 0, adjourned: 0 },
 * //   flips: [1], smallestFlip: [0.15] }
 * ```
 */
export class TallyBuilder {
  readonly #plans: number;
  readonly #parties: number;
  readonly #assumptions: number;
  #runs = 0;
  #simulations = 0;
  /** `accepted[plan * parties + party]`. */
  readonly #accepted: Float64Array;
  readonly #acceptedByAll: Float64Array;
  /** Indexed as {@link talksStatuses}. */
  readonly #endings: Float64Array;
  readonly #flips: Float64Array;
  /** `Infinity` stands for "no flip with a known change yet". */
  readonly #smallestFlip: Float64Array;

  constructor(shape: TallyShape) {
    checkShape(shape);
    this.#plans = shape.plans;
    this.#parties = shape.parties;
    this.#assumptions = shape.assumptions;
    this.#accepted = new Float64Array(shape.plans * shape.parties);
    this.#acceptedByAll = new Float64Array(shape.plans);
    this.#endings = new Float64Array(talksStatuses.length);
    this.#flips = new Float64Array(shape.assumptions);
    this.#smallestFlip = new Float64Array(shape.assumptions).fill(Infinity);
  }

  /**
   * Counts one run: who accepted each plan version, whether everyone did, and how the
   * talks ended (nothing when `ending` is null). Does not count simulations: report
   * those with {@link TallyBuilder.countSimulations}. Checks the outcome's shape before
   * counting anything, so a bad outcome leaves the builder unchanged.
   *
   * @throws ParleyError `TALLY_MISMATCH` when the outcome is not `plans × parties` or the
   *   ending is not a talks status.
   *
   * @example
   * ```ts
   * builder.countRun({ accepted: [[true, true], [true, false]], ending: 'agreed' });
   * ```
   */
  countRun(outcome: RunOutcome): void {
    const accepted = outcome.accepted;
    const plans = this.#plans;
    const parties = this.#parties;
    if (accepted.length !== plans) {
      throw new ParleyError('TALLY_MISMATCH', `a run outcome must say who accepts each of the ${plans} plan versions; it has ${accepted.length}`);
    }
    for (let plan = 0; plan < plans; plan++) {
      const row = accepted[plan]!;
      if (row.length !== parties) {
        throw new ParleyError('TALLY_MISMATCH', `a run outcome must say whether each of the ${parties} parties accepts plan version ${plan}; it has ${row.length}`);
      }
    }
    let ending = -1;
    if (outcome.ending !== null) {
      const index = endingIndex[outcome.ending];
      if (index === undefined) {
        throw new ParleyError('TALLY_MISMATCH', `"${String(outcome.ending)}" is not a way talks end (${talksStatuses.join(', ')})`);
      }
      ending = index;
    }
    for (let plan = 0; plan < plans; plan++) {
      const row = accepted[plan]!;
      const base = plan * parties;
      let all = true;
      for (let party = 0; party < parties; party++) {
        if (row[party] === true) this.#accepted[base + party]! += 1;
        else all = false;
      }
      if (all) this.#acceptedByAll[plan]! += 1;
    }
    if (ending >= 0) this.#endings[ending]! += 1;
    this.#runs += 1;
  }

  /**
   * Counts one run's sensitivity check of one assumption: whether changing that
   * assumption's draw alone changed the verdict, and by how much it was changed (a
   * non-negative size, e.g. 1 for a dropped red line or a changed strategy; null when
   * unknown). The
   * magnitude only matters when `flipped`. Call it at most once per assumption per run.
   *
   * @throws ParleyError `TALLY_MISMATCH` for an assumption index out of range, or a
   *   flipping magnitude that is negative or not finite.
   *
   * @example
   * ```ts
   * builder.countSensitivity(3, true, 0.08);  // assumption 3's change of 0.08 flipped it
   * builder.countSensitivity(4, false, 0.2);   // assumption 4 did not
   * ```
   */
  countSensitivity(assumption: number, flipped: boolean, magnitude: number | null): void {
    if (!Number.isInteger(assumption) || assumption < 0 || assumption >= this.#assumptions) {
      throw new ParleyError('TALLY_MISMATCH', `assumption ${assumption} is out of range: this tally counts ${this.#assumptions} assumptions (0 to ${this.#assumptions - 1})`);
    }
    if (!flipped) return;
    if (magnitude !== null) {
      if (!(magnitude >= 0 && magnitude < Infinity)) {
        throw new ParleyError('TALLY_MISMATCH', `the change of assumption ${assumption} that flipped the verdict must be a finite non-negative number; got ${magnitude}`);
      }
      if (magnitude < this.#smallestFlip[assumption]!) this.#smallestFlip[assumption] = magnitude;
    }
    this.#flips[assumption]! += 1;
  }

  /**
   * Counts `n` complete talks simulations (each run's own and its sensitivity re-runs).
   *
   * @example
   * ```ts
   * builder.countSimulations(1 + assumptionsChecked);
   * ```
   */
  countSimulations(n: number): void {
    if (!Number.isInteger(n) || n < 0) {
      throw new ParleyError('TALLY_MISMATCH', `a number of simulations must be a whole number ≥ 0; got ${n}`);
    }
    this.#simulations += n;
  }

  /**
   * A snapshot of the counts so far as a plain, JSON-serialisable {@link ExploreTally}
   * (sharing nothing with the builder).
   *
   * @example
   * ```ts
   * const tally = builder.toTally();
   * tally.runs; // how many runs were counted
   * ```
   */
  toTally(): ExploreTally {
    const parties = this.#parties;
    const accepted: number[][] = [];
    for (let plan = 0; plan < this.#plans; plan++) {
      accepted.push(Array.from(this.#accepted.subarray(plan * parties, (plan + 1) * parties)));
    }
    return {
      runs: this.#runs,
      simulations: this.#simulations,
      accepted,
      acceptedByAll: Array.from(this.#acceptedByAll),
      endings: endingsFrom((_, index) => this.#endings[index]!),
      flips: Array.from(this.#flips),
      smallestFlip: Array.from(this.#smallestFlip, (x) => (x === Infinity ? null : x)),
    };
  }
}

/**
 * The shape of a tally. A tally of no plan versions cannot say how many parties it
 * counts; its shape says 0.
 *
 * @example
 * ```ts
 * shapeOfTally(emptyTally({ plans: 2, parties: 3, assumptions: 1 })); // { plans: 2, parties: 3, assumptions: 1 }
 * ```
 */
export function shapeOfTally(tally: ExploreTally): TallyShape {
  return { plans: tally.accepted.length, parties: tally.accepted[0]?.length ?? 0, assumptions: tally.flips.length };
}

/** @internal A tally's shape in words, or a description of how it is ragged. */
function describeShape(tally: ExploreTally): string {
  const { plans, parties, assumptions } = shapeOfTally(tally);
  const ragged = tally.accepted.findIndex((row) => row.length !== parties);
  const raggedText = ragged < 0 ? '' : ` (but plan version ${ragged} has ${tally.accepted[ragged]!.length} parties)`;
  const byAll = tally.acceptedByAll.length === plans ? '' : ` (but ${tally.acceptedByAll.length} plan versions accepted by all)`;
  const smallest = tally.smallestFlip.length === assumptions ? '' : ` (but ${tally.smallestFlip.length} smallest flips)`;
  return `${plans} plan versions × ${parties} parties${raggedText}${byAll}, ${assumptions} assumptions${smallest}`;
}

function endingsFrom(count: (status: TalksStatus, index: number) => number): Record<TalksStatus, number> {
  const endings = {} as Record<TalksStatus, number>;
  talksStatuses.forEach((status, index) => {
    endings[status] = count(status, index);
  });
  return endings;
}

function checkShape(shape: TallyShape): void {
  for (const key of ['plans', 'parties', 'assumptions'] as const) {
    const value = shape[key];
    if (!Number.isInteger(value) || value < 0) {
      throw new ParleyError('TALLY_MISMATCH', `a tally's number of ${key} must be a whole number ≥ 0; got ${value}`);
    }
  }
}
