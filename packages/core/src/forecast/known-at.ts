import { ParleyError } from '../model/errors.js';
import { bindParty } from '../model/party.js';
import type { PartySpec } from '../model/specs.js';
import type { Scenario } from '../scenario/scenario.js';
import type { TalksSpec } from '../talks/timeline.js';

/** When a fact first became public: `<party>/<red-line>` or `plan:<plan-id>`, with its sources. */
export interface KnownFact {
  readonly fact: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly sources: readonly string[];
}

/** A scenario cut down to what was public at a date, and what was left out. */
export interface KnownAt {
  readonly scenario: Scenario;
  /** The talks with the events dated up to `asOf`; null when no talks were given or no text was on the table yet. */
  readonly talks: TalksSpec | null;
  readonly hiddenPlans: readonly string[];
  readonly hiddenRedLines: readonly string[];
  readonly hiddenEvents: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** @internal Throws unless `value` is a `YYYY-MM-DD` date. */
export function checkDate(value: string, what: string): void {
  if (!DATE.test(value)) throw new ParleyError('INVALID_FORECAST', `${what} must be a date written YYYY-MM-DD (got "${value}")`);
}

/**
 * The scenario as it could be known on `asOf`: timeline events dated after it are dropped;
 * a plan is on the table only once an event up to `asOf` presents, revises or counters it
 * (when talks are given) and no `known` fact dates it later; a red line whose `known` date is
 * after `asOf` is removed from its party. Nothing else of the scenario is dated, so the rest
 * counts as known before the first snapshot (the case author's claim, `case.yaml`'s `known`).
 * Dates compare as `YYYY-MM-DD` strings, so the order of `known` and of the timeline does not matter.
 *
 * @example
 * ```ts
 * const early = knownAt(scenario, talks, '2025-11-20', []);
 * early.scenario.plans.map((plan) => plan.id); // ['us-28']
 * ```
 */
export function knownAt(scenario: Scenario, talks: TalksSpec | undefined, asOf: string, known: readonly KnownFact[]): KnownAt {
  checkDate(asOf, 'asOf');
  const later = new Set(known.filter((fact) => fact.date > asOf).map((fact) => fact.fact));
  const events = talks?.timeline.filter((event) => event.date <= asOf) ?? null;
  const presented = new Set<string>();
  for (const event of events ?? []) {
    if (event.kind === 'plan-presented' || event.kind === 'counter-proposal' || event.kind === 'revision') presented.add(event.plan);
  }
  const planKnown = (id: string) => !later.has(`plan:${id}`) && (events === null || presented.has(id));
  const plans = scenario.plans.filter((plan) => planKnown(plan.id));
  const hiddenRedLines: string[] = [];
  const parties = scenario.parties.map((party) => {
    const kept = party.redLines.filter((redLine) => !later.has(`${party.id}/${redLine.id}`));
    if (kept.length === party.redLines.length) return party;
    for (const redLine of party.redLines) if (!kept.includes(redLine)) hiddenRedLines.push(`${party.id}/${redLine.id}`);
    const spec = JSON.parse(JSON.stringify(party)) as PartySpec;
    return bindParty(party.domain, { ...spec, redLines: spec.redLines.filter((redLine) => !later.has(`${party.id}/${redLine.id}`)) });
  });
  const cut = { ...scenario, plans, parties } as Scenario;
  return {
    scenario: cut,
    talks: talks === undefined || events === null || plans.length === 0 ? null : { setup: talks.setup, timeline: events },
    hiddenPlans: scenario.plans.filter((plan) => !planKnown(plan.id)).map((plan) => plan.id),
    hiddenRedLines,
    hiddenEvents: (talks?.timeline.length ?? 0) - (events?.length ?? 0),
  };
}
