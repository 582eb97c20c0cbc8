/**
 * `record[key]` when `record` has `key` as its own property, else undefined. Ids come from
 * input files, and a plain lookup of an id such as `constructor` or `toString` finds
 * `Object.prototype`'s function instead of "not given": as a weight or an option value it
 * made every utility NaN.
 *
 * @example
 * ```ts
 * ownValue({ x: 1 }, 'constructor'); // undefined, not Object
 * ```
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
