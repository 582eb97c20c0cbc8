import { ParleyError } from '../model/errors.js';

/**
 * The work budget of one analysis when none is given: the most work units (search nodes
 * visited, candidates merged or outcomes counted) it may spend before it stops and says what
 * it still guarantees. Large enough that every bundled scenario and GENIUS benchmark domain
 * is analysed exactly, and the bargaining points of the benchmarks' generated 10^12-outcome
 * domains too (the Ukraine seeds' relaxations, once the largest at about 830 000 units, need
 * about 42 000 since the agreement count meets in the middle); small
 * enough that a search that cannot finish (60 issues of 10 options: 10^60 outcomes) stops
 * within a second or two. Pass `budget: Infinity` for no limit.
 */
export const DEFAULT_BUDGET = 2_000_000;

/**
 * Limits on a long analysis. A search that hits one stops and says what it guarantees.
 *
 * Determinism: the work budget is the primary cut-off, and it depends on the input alone,
 * so the same input and options give the same result on every machine. The library never
 * reads a clock of its own (no `Date.now`, no `performance.now`): a time limit is measured
 * only on the `clock` the caller passes, and only read every few thousand work units. A
 * result cut by the time limit says so (`stoppedBy: 'time'`); it is the one result that may
 * differ between runs, which is why the time limit is a backstop and not the default.
 */
export interface SearchLimits {
  /** Stop when this signal aborts (checked every few thousand work units). */
  readonly signal?: AbortSignal;
  /**
   * The most work units this analysis may spend: search nodes visited, frontier candidates
   * merged (and 16 nodes of a frontier's dominance index tested), outcomes or sub-trees counted. Default {@link DEFAULT_BUDGET}; `Infinity` for none.
   * A call that runs several searches (minimal relaxations, plan repairs) spends one budget
   * across them; `analyzeParties` gives each of its analyses a budget of its own.
   */
  readonly budget?: number;
  /**
   * The most wall-clock time, in milliseconds, the whole call may take, as measured by
   * `clock`. No default: the library has no clock of its own, so a time limit needs `clock`.
   */
  readonly timeLimitMs?: number;
  /** The clock `timeLimitMs` is measured on, in milliseconds, e.g. `() => performance.now()`. */
  readonly clock?: () => number;
  /**
   * Called now and then while a search runs (every 4096 work units), with the work spent so
   * far and the budget: what a progress display shows. Never changes the result.
   */
  readonly onWork?: (spent: number, budget: number) => void;
}

/** Why a search stopped before finishing, if it did: its work budget, its time limit, or its signal. */
export type StopReason = 'budget' | 'time' | 'aborted';

/** How often (in work units, a power of two) the signal, the clock and `onWork` are consulted. */
const CHECK_EVERY_BITS = 12;

/**
 * @internal Counts work units against the limits; `spend` returns false once a limit is hit.
 * The deadline is fixed when the counter is made, or passed in so that the searches inside one
 * call share the call's deadline.
 */
export class StepCounter {
  steps = 0;
  stopped: StopReason | null = null;
  readonly budget: number;
  readonly #limits: SearchLimits;
  readonly #deadline: number;
  /** The counter this one is a {@link StepCounter.slice} of: progress is reported as the whole's. */
  readonly #whole: StepCounter | null;
  #nextCheck = 2 ** CHECK_EVERY_BITS;

  constructor(limits: SearchLimits = {}, deadline: number = deadlineOf(limits), budget: number = limits.budget ?? DEFAULT_BUDGET, whole: StepCounter | null = null) {
    if (!(budget > 0)) throw new ParleyError('INVALID_BUDGET', 'budget must be a positive number of work units (or Infinity for no limit)');
    this.budget = budget;
    this.#limits = limits;
    this.#deadline = deadline;
    this.#whole = whole;
  }

  spend(steps = 1): boolean {
    if (this.stopped !== null) return false;
    this.steps += steps;
    if (this.steps > this.budget) this.stopped = 'budget';
    else if (this.steps >= this.#nextCheck) {
      this.#nextCheck = this.steps + 2 ** CHECK_EVERY_BITS;
      this.#check();
    }
    return this.stopped === null;
  }

  /**
   * Spends `units` at once if they fit in what is left, else spends nothing and stops (budget):
   * for work done in batches (a stage of a frontier merge), which is either done whole or not
   * at all, so that the work reported is the work done.
   */
  spendBatch(units: number): boolean {
    if (this.stopped !== null) return false;
    if (this.steps + units > this.budget) {
      this.stopped = 'budget';
      return false;
    }
    return this.spend(units);
  }

  /**
   * A counter for one part of this counter's work: at most `share` units (and no more than
   * are left), the same deadline and signal. {@link StepCounter.absorb} it back when done.
   */
  slice(share: number): StepCounter {
    const left = this.budget - this.steps;
    return new StepCounter(this.#limits, this.#deadline, Math.max(1, Math.min(share, left)), this);
  }

  /** Adds the work of a {@link StepCounter.slice} to this counter; a time limit or abort it hit stops this one too. */
  absorb(part: StepCounter): void {
    this.steps += part.steps;
    if (this.stopped === null && (part.stopped === 'time' || part.stopped === 'aborted')) this.stopped = part.stopped;
    if (this.stopped === null && this.steps > this.budget) this.stopped = 'budget';
  }

  /** How many work units are left. */
  get left(): number {
    return Math.max(0, this.budget - this.steps);
  }

  #check(): void {
    const { signal, clock, onWork } = this.#limits;
    if (signal?.aborted === true) this.stopped = 'aborted';
    else if (clock !== undefined && this.#deadline !== Infinity && clock() > this.#deadline) this.stopped = 'time';
    if (onWork !== undefined) {
      // A slice reports the whole call's progress, not its own share's (which would restart at 0).
      let spent = this.steps;
      let root: StepCounter = this;
      while (root.#whole !== null) {
        root = root.#whole;
        spent += root.steps;
      }
      onWork(spent, root.budget);
    }
  }
}

/**
 * @internal The time on `limits.clock` by which a call must stop (Infinity when it has no time
 * limit). Validates the time limit and its clock.
 */
export function deadlineOf(limits: SearchLimits): number {
  const { timeLimitMs, clock } = limits;
  if (timeLimitMs === undefined) return Infinity;
  if (!(timeLimitMs > 0)) throw new ParleyError('INVALID_BUDGET', 'timeLimitMs must be a positive number of milliseconds (or Infinity for no limit)');
  if (timeLimitMs === Infinity) return Infinity;
  if (clock === undefined) {
    throw new ParleyError('INVALID_BUDGET', 'timeLimitMs needs a clock: pass { clock: () => performance.now() } (the library reads no clock of its own, to stay deterministic)');
  }
  return clock() + timeLimitMs;
}
