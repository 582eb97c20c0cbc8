import type { Domain } from './domain.js';
import { ParleyError, ScenarioError } from './errors.js';
import { deepFreeze } from './freeze.js';
import { compilePartySpec, type CompiledParty } from './compiled-party.js';
import { validatePreferences } from './preferences.js';
import type { PathSegment } from './problems.js';
import { ProblemList } from './problems.js';
import { validateRule } from './rule.js';
import { markSources } from './source-reliability.js';
import { checkShape, partySchema } from './schema.js';
import type { PartySpec } from './specs.js';

/**
 * A validated, immutable party bound to a domain. Serialises (`JSON.stringify`) to its
 * spec: the domain and compiled tables are kept off the enumerable properties.
 */
export interface Party extends PartySpec {
  /** The domain the party's red lines and preferences refer to. */
  readonly domain: Domain;
}

const compiled = new WeakMap<Party, CompiledParty>();

/**
 * Validates a party spec against `domain` and returns an immutable {@link Party}.
 * Throws a {@link ScenarioError} listing every problem (unknown issues or options,
 * repeated ids, weights that are not finite and non-negative, missing option values).
 *
 * @example
 * ```ts
 * const ukraine = createParty(domain, {
 *   id: 'ukraine', name: 'Ukraine', reservationValue: 0.4,
 *   redLines: [{ id: 'no-600k-cap', text: 'No cap that shrinks the army.', sources: ['S68'],
 *                rule: { kind: 'atMost', issue: 'army.cap', option: '800k' } }],
 *   preferences: { weights: { 'army.cap': 1 }, values: { 'army.cap': { none: 1, '800k': 0.7, '600k': 0 } } },
 * });
 * ```
 */
export function createParty(domain: Domain, spec: PartySpec): Party {
  const problems = new ProblemList();
  validatePartySpec(spec, domain, problems, []);
  if (!problems.isEmpty) throw new ScenarioError(`Party "${describeId(spec)}"`, problems.items);
  return bindParty(domain, spec);
}

/**
 * @internal Builds a party from a spec that has already been validated. `lowReliability`:
 * the source keys its scenario marks `reliability: low`, which its assessments' notes and
 * `restsOnLowReliabilitySources` are judged with (none for a party made alone).
 */
export function bindParty(domain: Domain, spec: PartySpec, lowReliability: ReadonlySet<string> = new Set()): Party {
  const party = deepFreeze(structuredClone(spec)) as PartySpec;
  const bound = Object.freeze(Object.defineProperty({ ...party }, 'domain', { value: domain, enumerable: false })) as Party;
  compiled.set(bound, compilePartySpec(party, domain));
  markSources(bound, lowReliability);
  return bound;
}

/**
 * The engine's form of a party made by {@link createParty} or a scenario loader: compiled
 * once, when the party is made.
 *
 * @example
 * ```ts
 * compiledParty(partyOf(scenario, 'russia')).weights; // normalised, in issue order
 * ```
 */
export function compiledParty(party: Party): CompiledParty {
  const found = compiled.get(party);
  if (found === undefined) {
    throw new ParleyError('UNBOUND_PARTY', `party "${party.id}" is a plain object; create it with createParty(domain, spec) or load it with a scenario`);
  }
  return found;
}

/** Adds every problem of a party spec (shape, references, ranges) to `problems`. */
export function validatePartySpec(spec: unknown, domain: Domain, problems: ProblemList, path: readonly PathSegment[]): spec is PartySpec {
  const party = checkShape<PartySpec>(partySchema, spec, problems, path);
  if (party === undefined) return false;
  problems.duplicates([...path, 'redLines'], 'red line id', party.redLines.map((redLine) => redLine.id));
  party.redLines.forEach((redLine, index) => validateRule(redLine.rule, domain, problems, [...path, 'redLines', index, 'rule']));
  party.redLines.forEach((redLine, index) => redLine.price === undefined || validateRule(redLine.price.rule, domain, problems, [...path, 'redLines', index, 'price', 'rule']));
  validatePreferences(party.preferences, domain, problems, [...path, 'preferences']);
  return true;
}

function describeId(spec: unknown): string {
  const id = (spec as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : '?';
}
