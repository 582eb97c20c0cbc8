import type { Scenario } from '../scenario/scenario.js';
import type { TalksSetup } from './talks-types.js';

// The mediator of a set-up is a party's id or a neutral mediator ({ id, name }); these are
// the one place that tells the two apart, so that the reducer, the transcript and the
// renderers name the mediator alike.

/**
 * The id of the set-up's mediator: the party's id, or the neutral mediator's own id.
 *
 * @example
 * ```ts
 * mediatorId({ ...setup, mediator: 'united-states' });                      // 'united-states'
 * mediatorId({ ...setup, mediator: { id: 'un', name: 'United Nations' } }); // 'un'
 * ```
 */
export function mediatorId(setup: Pick<TalksSetup, 'mediator'>): string {
  return typeof setup.mediator === 'string' ? setup.mediator : setup.mediator.id;
}

/**
 * The name of the set-up's mediator, for people: the party's name when a party mediates
 * (its id when the scenario has no such party), or the neutral mediator's name.
 *
 * @example
 * ```ts
 * mediatorName(scenario, talks.setup); // 'United States' (ukraine-2025), 'United Nations' for { id: un, name: United Nations }
 * ```
 */
export function mediatorName(scenario: Pick<Scenario, 'parties'>, setup: Pick<TalksSetup, 'mediator'>): string {
  if (typeof setup.mediator !== 'string') return setup.mediator.name;
  const id = setup.mediator;
  return scenario.parties.find((party) => party.id === id)?.name ?? id;
}

/**
 * @internal What a transcript records as the author (`by`) of the mediator's revisions: a
 * party mediator's id, which renderers turn into its name as they do for every party, or a
 * neutral mediator's name, which no party list could turn an id into.
 */
export function mediatorAuthor(setup: Pick<TalksSetup, 'mediator'>): string {
  return typeof setup.mediator === 'string' ? setup.mediator : setup.mediator.name;
}
