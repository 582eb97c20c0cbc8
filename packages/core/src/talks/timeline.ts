import { z } from 'zod';
import { ScenarioError } from '../model/errors.js';
import { likelyIntended, ProblemList, type PathSegment } from '../model/problems.js';
import { checkShape } from '../model/schema.js';
import { numberIn } from '../model/schema-parts.js';
import type { Scenario } from '../scenario/scenario.js';
import { mediatorStrategyNames, partyStrategyNames, type MediatorStrategyName, type PartyStrategyName } from './strategies.js';
import type { TalksSetup } from './talks-types.js';

/** One dated event of a scenario's timeline, with the sources that report it. */
export type TimelineEvent = {
  /** `YYYY-MM-DD`. Events are replayed in date order, and in file order within a date. */
  readonly date: string;
  /** What happened, in our own words. */
  readonly summary: string;
  readonly sources: readonly string[];
  /** Present when the event's effect is our reading rather than reported. */
  readonly assumption?: string;
} & (
  | { readonly kind: 'plan-presented'; readonly plan: string; readonly to: readonly string[] }
  | { readonly kind: 'meeting'; readonly place: string; readonly with: readonly string[] }
  | { readonly kind: 'revision'; readonly plan: string }
  | { readonly kind: 'counter-proposal'; readonly plan: string; readonly by: string }
  | { readonly kind: 'battlefield'; readonly effects: readonly { readonly party: string; readonly reservationShift?: number; readonly leverageShift?: number }[] }
  | { readonly kind: 'negotiator-change'; readonly party: string; readonly strategy: PartyStrategyName }
  | { readonly kind: 'deadline'; readonly hard: boolean }
);

/** A scenario's talks: how they are run, and the timeline they replay. */
export interface TalksSpec {
  readonly setup: TalksSetup;
  readonly timeline: readonly TimelineEvent[];
}

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');
const common = { date, summary: z.string().min(1), sources: z.array(z.string().min(1)).min(1, 'cite at least one source key'), assumption: z.string().min(1).optional() };
const partyStrategy = z.enum(partyStrategyNames as [PartyStrategyName, ...PartyStrategyName[]]);

// Bounded so that the shifts of a timeline, which add up, stay finite however many there are.
// A reservation value lives on the utility scale [0, 1], so no single shock moves it by more
// than the whole scale; leverage starts at 1 (an ordinary party), and one shock may change it
// by up to ten times that.
const reservationShift = numberIn(-1, 1, 'reservationShift must be a number in [-1, 1]: a change of the reservation value, whose scale is [0, 1]');
const leverageShift = numberIn(-10, 10, 'leverageShift must be a number in [-10, 10]: a change of the party\'s leverage, which starts at 1');

// A mediator is a party's id, or an object declaring one who is not a party. The object
// form is explicit on purpose: were any unknown id taken for a neutral mediator, a misspelt
// party id would silently become one.
const neutralMediator = z.strictObject({ id: z.string().min(1), name: z.string().min(1) });
const mediatorShape = 'must be a party id (a party that mediates), or { id, name } with both non-empty, declaring a mediator who is not a party (e.g. { id: un, name: United Nations })';

/** The schema of a {@link TalksSpec}. */
export const talksSchema = z.strictObject({
  setup: z.strictObject({
    protocol: z.literal('mediated-single-text'),
    mediator: z.union([z.string().min(1), neutralMediator], { error: mediatorShape }),
    strategies: z.record(z.string(), partyStrategy).optional(),
    mediatorStrategy: z.enum(mediatorStrategyNames as [MediatorStrategyName, ...MediatorStrategyName[]]),
    maxRounds: z.number().int().positive(),
    stallLimit: z.number().int().positive(),
    walkOutAfter: z.number().int().positive(),
  }),
  timeline: z.array(
    z.discriminatedUnion('kind', [
      z.strictObject({ ...common, kind: z.literal('plan-presented'), plan: z.string().min(1), to: z.array(z.string().min(1)).min(1) }),
      z.strictObject({ ...common, kind: z.literal('meeting'), place: z.string().min(1), with: z.array(z.string().min(1)).min(1) }),
      z.strictObject({ ...common, kind: z.literal('revision'), plan: z.string().min(1) }),
      z.strictObject({ ...common, kind: z.literal('counter-proposal'), plan: z.string().min(1), by: z.string().min(1) }),
      z.strictObject({
        ...common,
        kind: z.literal('battlefield'),
        effects: z.array(z.strictObject({ party: z.string().min(1), reservationShift: reservationShift.optional(), leverageShift: leverageShift.optional() })).min(1),
      }),
      z.strictObject({ ...common, kind: z.literal('negotiator-change'), party: z.string().min(1), strategy: partyStrategy }),
      z.strictObject({ ...common, kind: z.literal('deadline'), hard: z.boolean() }),
    ]),
  ),
});

/**
 * Validates a talks spec against a scenario: its shape, then every reference (parties,
 * plans, source keys, the mediator, strategy names), with suggestions for likely typos.
 * `setup.mediator` is a party's id, or `{ id, name }` for a mediator who is not a party
 * (neither the id nor the name of a party): an unknown id is an error, never taken for a
 * neutral mediator.
 * Throws a {@link ScenarioError} listing every problem; returns the spec otherwise.
 *
 * @example
 * ```ts
 * const talks = createTalks(scenario, YAML.parse(readFileSync('seeds/ukraine-2025/talks.yaml', 'utf8')));
 * talks.timeline.length;
 * // A mediator who is not a party:
 * createTalks(scenario, { ...spec, setup: { ...spec.setup, mediator: { id: 'un', name: 'United Nations' } } });
 * ```
 */
export function createTalks(scenario: Scenario, spec: unknown, file?: string): TalksSpec {
  const problems = new ProblemList();
  const talks = checkShape<TalksSpec>(talksSchema, spec, problems);
  if (talks !== undefined) {
    const parties = scenario.parties.map((party) => party.id);
    const plans = scenario.plans.map((plan) => plan.id);
    const sources = Object.keys(scenario.sources);
    const party = (id: string, path: readonly PathSegment[]) => parties.includes(id) || problems.unknown('unknown-party', path, 'party', id, parties);
    const plan = (id: string, path: readonly PathSegment[]) => plans.includes(id) || problems.unknown('unknown-plan', path, 'plan', id, plans);
    checkMediator(talks.setup.mediator, scenario, problems);
    for (const id of Object.keys(talks.setup.strategies ?? {})) {
      if (typeof talks.setup.mediator !== 'string' && id === talks.setup.mediator.id && !parties.includes(id)) {
        problems.add('unknown-party', ['setup', 'strategies', id], `"${id}" is the mediator, not a party: it answers no text, so it has no party strategy; mediatorStrategy says how it revises. Remove this entry`);
      } else {
        party(id, ['setup', 'strategies', id]);
      }
    }
    talks.timeline.forEach((event, index) => {
      const at: PathSegment[] = ['timeline', index];
      if (sources.length > 0) event.sources.forEach((key, k) => sources.includes(key) || problems.unknown('unknown-source', [...at, 'sources', k], 'source key', key, sources));
      switch (event.kind) {
        case 'plan-presented':
          plan(event.plan, [...at, 'plan']);
          event.to.forEach((id, k) => party(id, [...at, 'to', k]));
          break;
        case 'meeting':
          event.with.forEach((id, k) => party(id, [...at, 'with', k]));
          break;
        case 'revision':
          plan(event.plan, [...at, 'plan']);
          break;
        case 'counter-proposal':
          plan(event.plan, [...at, 'plan']);
          party(event.by, [...at, 'by']);
          break;
        case 'battlefield':
          event.effects.forEach((effect, k) => party(effect.party, [...at, 'effects', k, 'party']));
          break;
        case 'negotiator-change':
          party(event.party, [...at, 'party']);
          break;
        case 'deadline':
          break;
      }
    });
  }
  if (!problems.isEmpty) {
    throw new ScenarioError('The talks', file === undefined ? problems.items : problems.items.map((problem) => ({ ...problem, file })));
  }
  return structuredClone(talks!);
}

/**
 * Checks `setup.mediator`: a party id must be a party's (a typo gets a suggestion, never a
 * neutral mediator); a neutral mediator must not take the id or the name of a party, which
 * would make the transcript's `by` (a party id or a name) name that party instead.
 */
function checkMediator(mediator: TalksSetup['mediator'], scenario: Scenario, problems: ProblemList): void {
  const ids = scenario.parties.map((party) => party.id);
  if (typeof mediator === 'string') {
    if (ids.includes(mediator)) return;
    const suggestion = likelyIntended(mediator, ids);
    const message = `unknown party "${mediator}": the mediator is a party's id${suggestion === undefined && ids.length <= 8 ? ` (known: ${ids.map((id) => `"${id}"`).join(', ')})` : ''}, or { id, name } for a mediator who is not a party, e.g. mediator: { id: ${mediator}, name: … }`;
    problems.add('unknown-party', ['setup', 'mediator'], message, suggestion);
    return;
  }
  const byId = scenario.parties.find((party) => party.id === mediator.id);
  if (byId !== undefined) {
    problems.add('duplicate-id', ['setup', 'mediator', 'id'], `"${mediator.id}" is a party (${byId.name}); for a party that mediates, write mediator: ${mediator.id}; a mediator who is not a party needs an id of its own`);
  }
  const byName = scenario.parties.find((party) => party.name === mediator.name || party.id === mediator.name);
  if (byName !== undefined) {
    problems.add('duplicate-id', ['setup', 'mediator', 'name'], `"${mediator.name}" names the party ${byName.id}; for a party that mediates, write mediator: ${byName.id}; a mediator who is not a party needs a name of its own`);
  }
}
