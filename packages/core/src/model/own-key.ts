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

/**
 * Sets `record[key] = value` as an own property of `record`. For every key but one this is
 * the assignment; for an id `__proto__` the assignment would set the record's prototype
 * instead (or do nothing, for a value that is not an object), so the property is defined.
 *
 * @example
 * ```ts
 * const choices: Record<string, string> = {};
 * setOwnValue(choices, '__proto__', 'open-door');
 * Object.keys(choices); // ['__proto__']
 * ```
 */
export function setOwnValue<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
  else record[key] = value;
}
