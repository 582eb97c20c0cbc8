/**
 * How close two utilities must be to count as equal, everywhere in Parley: acceptance
 * (utility against the reservation value), ties, and Pareto dominance. Utilities are sums
 * of products of decimals, and the same utility reached by two different sums can differ
 * in the last bits; without a tolerance, one path would accept what another rejects.
 */
export const UTILITY_TOLERANCE = 1e-9;

/**
 * Whether `utility` meets `threshold`, allowing for rounding.
 *
 * @example
 * ```ts
 * meetsThreshold(0.49999999999999994, 0.5); // true
 * meetsThreshold(0.4999, 0.5);              // false
 * ```
 */
export function meetsThreshold(utility: number, threshold: number): boolean {
  return utility >= threshold - UTILITY_TOLERANCE;
}
