/**
 * Counts of outcomes, exact at any size. A domain of 60 issues of 10 options has 10^60
 * outcomes, far past 2^53, where a `number` stops holding every integer: its product of
 * option counts reads 1.0000000000000001e+60, and its digits printed in full are wrong. The
 * analyses count with `bigint` where a count can pass 2^53, and these helpers carry such
 * counts into JSON and into text.
 */

/**
 * A count as JSON: a number when it is at most `Number.MAX_SAFE_INTEGER` (2^53 − 1), else
 * the exact decimal digits as a string. `BigInt(value)` reads both forms back exactly.
 */
export type CountJson = number | string;

/** @internal A count being summed: a `number` while it is a safe integer, a `bigint` past that. */
export type ExactCount = number | bigint;

/**
 * A count as JSON data: a number up to 2^53 − 1, its exact digits as a string beyond (a JSON
 * number that large would be read back rounded by most parsers, JavaScript's included).
 *
 * @example
 * ```ts
 * countJson(816_293_376n); // 816293376
 * countJson(10n ** 60n);   // '1000000000000000000000000000000000000000000000000000000000000'
 * ```
 */
export function countJson(count: bigint): CountJson {
  return count <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(count) : count.toString();
}

/**
 * A count for people: grouped digits up to 2^53 − 1 (`816,293,376`), scientific notation with
 * two significant digits beyond (`1.0e60`), where a full number would be a line of digits no
 * one reads. Takes a count as a `bigint`, a safe `number`, or the JSON form of
 * {@link countJson}.
 *
 * @example
 * ```ts
 * formatCount(816_293_376);  // '816,293,376'
 * formatCount(10n ** 60n);   // '1.0e60'
 * formatCount('25' + '0'.repeat(59)); // '2.5e60'
 * ```
 */
export function formatCount(count: bigint | number | string): string {
  const exact = typeof count === 'bigint' ? count : typeof count === 'string' ? BigInt(count) : null;
  if (exact === null) {
    // A number: exact while safe; past that it is already rounded, so only its magnitude is shown.
    if (Number.isSafeInteger(count)) return grouped.format(count as number);
    return scientific(Number(count).toExponential(1));
  }
  if (exact < 0n) return `-${formatCount(-exact)}`;
  if (exact <= BigInt(Number.MAX_SAFE_INTEGER)) return grouped.format(Number(exact));
  // Round the digits themselves (not a double made from them) to two significant digits.
  const digits = exact.toString();
  let leading = Number(digits.slice(0, 2)) + (Number(digits[2]) >= 5 ? 1 : 0);
  let exponent = digits.length - 1;
  if (leading === 100) {
    leading = 10;
    exponent += 1;
  }
  return `${Math.floor(leading / 10)}.${leading % 10}e${exponent}`;
}

const grouped = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** `1.0e+60` → `1.0e60`. */
function scientific(text: string): string {
  return text.replace('e+', 'e');
}

/** @internal The exact product of `factors`, each a whole number. */
export function exactProduct(factors: Iterable<number>): bigint {
  let product = 1n;
  for (const factor of factors) product *= BigInt(factor);
  return product;
}

/** @internal `a × b`, exact: a `number` while the product stays safe, else a `bigint`. */
export function multiplyCounts(a: ExactCount, b: ExactCount): ExactCount {
  if (typeof a === 'number' && typeof b === 'number') {
    const product = a * b;
    if (product <= Number.MAX_SAFE_INTEGER) return product;
  }
  return BigInt(a) * BigInt(b);
}

/** @internal `a + b`, exact: a `number` while the sum stays safe, else a `bigint`. */
export function addCounts(a: ExactCount, b: ExactCount): ExactCount {
  if (typeof a === 'number' && typeof b === 'number') {
    const sum = a + b;
    if (sum <= Number.MAX_SAFE_INTEGER) return sum;
  }
  return BigInt(a) + BigInt(b);
}
