import { ParleyError } from '../model/errors.js';
import { frequencyPareto } from '../negotiation/frequency-pareto.js';
import type { OfferStrategy } from '../negotiation/offer-strategy.js';
import { randomStrategy } from '../negotiation/random-strategy.js';
import { boulware, conceder, hardliner, linear, timeDependent } from '../negotiation/time-dependent.js';
import { titForTat } from '../negotiation/tit-for-tat.js';

/**
 * A built-in strategy written as data (a tournament file, a worker thread): its kind and
 * parameters. `time-dependent` takes the exponent `e`; `boulware`, `linear`, `conceder` and
 * `hardliner` are the time-dependent ones with e = 0.2, 1, 2 and 0; `frequency-pareto`
 * takes `e`, `window` and `learningRate` (see `frequencyPareto`).
 */
export type StrategySpec =
  | { readonly kind: 'boulware' | 'linear' | 'conceder' | 'hardliner' | 'tit-for-tat' | 'random' }
  | { readonly kind: 'time-dependent'; readonly e: number }
  | { readonly kind: 'frequency-pareto'; readonly e?: number; readonly window?: number; readonly learningRate?: number };

/** Every built-in strategy kind. */
export const strategyKinds: readonly StrategySpec['kind'][] = ['boulware', 'linear', 'conceder', 'hardliner', 'time-dependent', 'tit-for-tat', 'frequency-pareto', 'random'];

/**
 * The {@link OfferStrategy} a {@link StrategySpec} names.
 *
 * @example
 * ```ts
 * const strategy = strategyOf({ kind: 'time-dependent', e: 0.5 });
 * ```
 */
export function strategyOf(spec: StrategySpec): OfferStrategy {
  switch (spec.kind) {
    case 'boulware':
      return boulware;
    case 'linear':
      return linear;
    case 'conceder':
      return conceder;
    case 'hardliner':
      return hardliner;
    case 'time-dependent':
      if (!(Number.isFinite(spec.e) && spec.e >= 0)) throw new ParleyError('INVALID_TOURNAMENT', `a time-dependent strategy's exponent e must be a number ≥ 0 (e < 1 Boulware, 1 linear, > 1 conceder), not ${spec.e}`);
      return timeDependent(spec.e);
    case 'tit-for-tat':
      return titForTat;
    case 'random':
      return randomStrategy;
    case 'frequency-pareto':
      return frequencyPareto({
        ...(spec.e === undefined ? {} : { e: spec.e }),
        ...(spec.window === undefined ? {} : { window: spec.window }),
        ...(spec.learningRate === undefined ? {} : { learningRate: spec.learningRate }),
      });
    default:
      throw new ParleyError('INVALID_TOURNAMENT', `unknown strategy kind "${(spec as { kind: string }).kind}"; use one of ${strategyKinds.join(', ')}`);
  }
}
