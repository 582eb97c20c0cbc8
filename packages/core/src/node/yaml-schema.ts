import { CORE_SCHEMA, defineMappingTag } from 'js-yaml';

/**
 * The property name a map key becomes: its value as text, with null (`~`, `null`, an empty key)
 * as the empty string. So `1`, `1.0`, `0x1` and `"1"` all become `"1"`, and are one key.
 *
 * @example
 * ```ts
 * propertyName(1); // "1"
 * propertyName(null); // ""
 * ```
 */
export function propertyName(key: unknown): string {
  return key === null ? '' : String(key);
}

/** What a key that is itself a list or a map is told: a property is named by text. */
export const COMPLEX_KEY_MESSAGE = 'a key that is a list or a map cannot name a property: write the key as text';

/**
 * YAML maps as plain objects whose property names are {@link propertyName}'s: js-yaml's own
 * map writes a null key as `"null"`, where the yaml library, which Parley read YAML with
 * before, wrote `""`; and a key that is a list or a map is refused with
 * {@link COMPLEX_KEY_MESSAGE} (yaml turned it into text). `__proto__` is an own property,
 * never the prototype.
 */
const propertyMapTag = defineMappingTag<Record<string, unknown>>('tag:yaml.org,2002:map', {
  create: () => ({}),
  identify: (data) => typeof data === 'object' && data !== null && Object.getPrototypeOf(data) === Object.prototype,
  addPair: (map, key, value) => {
    if (typeof key === 'object' && key !== null) return COMPLEX_KEY_MESSAGE;
    const name = propertyName(key);
    if (name === '__proto__') Object.defineProperty(map, name, { value, enumerable: true, configurable: true, writable: true });
    else map[name] = value;
    return '';
  },
  has: (map, key) => (typeof key !== 'object' || key === null) && Object.hasOwn(map, propertyName(key)),
  keys: (map) => Object.keys(map),
  get: (map, key) => map[propertyName(key)],
});

/**
 * The schema every YAML file of Parley is read with: YAML 1.2's core schema (no timestamps, so
 * `2025-11-20` stays text; no `<<` merge keys; `yes`/`no` are text) with maps as
 * {@link propertyMapTag} builds them.
 */
export const PARLEY_YAML_SCHEMA = CORE_SCHEMA.withTags(propertyMapTag);
