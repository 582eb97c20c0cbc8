import { ParleyError } from '../model/errors.js';

/** Limits on a long analysis. A search that hits one stops and says what it guarantees. */
export interface SearchLimits {
  /** Stop when this signal aborts (checked every few thousand steps). */
  readonly signal?: AbortSignal;
  /** Stop after this many search steps (nodes visited or candidates merged). */
  readonly budget?: number;
}

/** Why a search stopped before finishing, if it did. */
export type StopReason = 'budget' | 'aborted';

/** Counts search steps against the limits; `spend` returns false once a limit is hit. */
export class StepCounter {
  steps = 0;
  stopped: StopReason | null = null;
  readonly #limits: SearchLimits;

  constructor(limits: SearchLimits = {}) {
    if (limits.budget !== undefined && !(limits.budget > 0)) throw new ParleyError('INVALID_BUDGET', 'budget must be a positive number of steps');
    this.#limits = limits;
  }

  spend(steps = 1): boolean {
    if (this.stopped !== null) return false;
    const before = this.steps;
    this.steps += steps;
    if (this.#limits.budget !== undefined && this.steps > this.#limits.budget) this.stopped = 'budget';
    else if ((before >>> 12) !== (this.steps >>> 12) && this.#limits.signal?.aborted === true) this.stopped = 'aborted';
    return this.stopped === null;
  }
}
