import type { RevisionSpec } from '../history/revision-spec.js';
import type { DomainSpec, PartySpec, PlanSpec } from '../model/specs.js';
import type { ControlSpec } from './control-spec.js';

/** A whole scenario: the domain, the parties, the plan versions (written out or as revisions) and the sources they cite. */
export interface ScenarioSpec {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  /** The date up to which positions are modelled (`YYYY-MM-DD`). */
  readonly asOf?: string;
  /**
   * Source keys → citations. When given, every cited key must be listed here. A source is
   * its citation alone, or a {@link SourceEntry} that can mark it `reliability: 'low'`.
   */
  readonly sources?: Readonly<Record<string, SourceCitation>>;
  readonly domain: DomainSpec;
  readonly parties: readonly PartySpec[];
  readonly plans: readonly PlanSpec[];
  /**
   * Revisions applied in order after `plans`: each starts from a plan (or an earlier
   * revision's result) and adds its result to the scenario's plans.
   */
  readonly revisions?: readonly RevisionSpec[];
  /**
   * Who controls which moves (and named outcomes such as the status quo), for the stability
   * analysis (`stabilityAnalysis`). Optional: the other analyses do not need it.
   */
  readonly control?: ControlSpec;
}

/**
 * A source written out as an object: its citation, and optionally a `reliability: 'low'`
 * mark with a note saying why (a forum post, a mirror or aggregator site, an unverifiable
 * relay). Renderers say when a verdict rests only on sources marked low.
 *
 * @example
 * ```ts
 * const s12: SourceEntry = { citation: 'forum.example/thread/520', reliability: 'low', note: 'An anonymous forum post.' };
 * ```
 */
export interface SourceEntry {
  readonly citation: string;
  /** `'low'` for a source that should not carry a fact alone; left out for an ordinary source. */
  readonly reliability?: 'low';
  /** Why the source is marked, or what corroborates it. */
  readonly note?: string;
}

/** A source as a scenario lists it: the citation alone, or a {@link SourceEntry}. */
export type SourceCitation = string | SourceEntry;
