import type { RevisionSpec } from '../history/revision-spec.js';
import type { DomainSpec, PartySpec, PlanSpec } from '../model/specs.js';

/** A whole scenario: the domain, the parties, the plan versions (written out or as revisions) and the sources they cite. */
export interface ScenarioSpec {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  /** The date up to which positions are modelled (`YYYY-MM-DD`). */
  readonly asOf?: string;
  /** Source keys → citations. When given, every cited key must be listed here. */
  readonly sources?: Readonly<Record<string, string>>;
  readonly domain: DomainSpec;
  readonly parties: readonly PartySpec[];
  readonly plans: readonly PlanSpec[];
  /**
   * Revisions applied in order after `plans`: each starts from a plan (or an earlier
   * revision's result) and adds its result to the scenario's plans.
   */
  readonly revisions?: readonly RevisionSpec[];
}
