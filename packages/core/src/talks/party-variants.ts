import { allActive, decompose } from '../analysis/decomposition.js';
import { compileModel } from '../analysis/compiled-model.js';
import { bindParty, type Party } from '../model/party.js';

/**
 * The same party with its reservation value moved to `threshold`: assessing a text with it
 * says whether the party accepts at the threshold its strategy holds out for now.
 * Cached per party and threshold, since talks assess the same pair many times.
 *
 * @example
 * ```ts
 * assessPlan(atThreshold(ukraine, 0.52), plan).accepts;
 * ```
 */
export function atThreshold(party: Party, threshold: number): Party {
  let byThreshold = variants.get(party);
  if (byThreshold === undefined) {
    byThreshold = new Map();
    variants.set(party, byThreshold);
  }
  let variant = byThreshold.get(threshold);
  if (variant === undefined) {
    variant = bindParty(party.domain, { ...(JSON.parse(JSON.stringify(party)) as Omit<Party, 'domain'>), reservationValue: threshold });
    byThreshold.set(threshold, variant);
  }
  return variant;
}

const variants = new WeakMap<Party, Map<number, Party>>();

/**
 * The best utility the party can reach in its domain, red lines aside: where its
 * strategies start from.
 *
 * @example
 * ```ts
 * bestUtility(russia); // ≈ 0.95
 * ```
 */
export function bestUtility(party: Party): number {
  const model = compileModel([party]);
  return decompose(model, allActive(model)).maxFrom[0]!;
}
