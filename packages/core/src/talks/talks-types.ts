import type { PlanSpec } from '../model/specs.js';
import type { PartyMachineContext } from './party-machine.js';
import type { MediatorStrategyName, PartyStrategyName } from './strategies.js';

/**
 * A mediator who is not a party (the UN, a neutral state's envoy): it keeps and revises the
 * text but never answers it, so it has no red lines, preferences or strategy of its own.
 * Declared as an object in `talks.yaml` so that a misspelt party id is still an error, not
 * a new mediator.
 */
export interface NeutralMediator {
  /** Its id: not the id of a party. */
  readonly id: string;
  /** Its name, as transcripts and reports show it (`United Nations`). */
  readonly name: string;
}

/** How the talks are run. */
export interface TalksSetup {
  /** The protocol: the mediator keeps one text and revises it from the parties' objections. */
  readonly protocol: 'mediated-single-text';
  /**
   * Who mediates and revises the text: a party's id (a party that mediates and also answers
   * the text, as the United States did in 2025), or a {@link NeutralMediator} that is not a
   * party at the table.
   */
  readonly mediator: string | NeutralMediator;
  /** Each party's strategy (default `linear`). */
  readonly strategies?: Readonly<Record<string, PartyStrategyName>>;
  readonly mediatorStrategy: MediatorStrategyName;
  /**
   * The horizon of the party strategies: a party's progress is the round (how many times the
   * text was revised) ÷ `maxRounds`, at most 1. It does not end the talks; the free rounds
   * after the timeline are `runScenario`'s `continueRounds`.
   */
  readonly maxRounds: number;
  /** How many times in a row the mediator may find nothing to change before the talks stall. */
  readonly stallLimit: number;
  /** How many texts in a row may cross a party's red line before it walks out. */
  readonly walkOutAfter: number;
}

/** A sub-machine's state kept as plain data: its state value and context. */
export interface SubState<TContext> {
  readonly value: string;
  readonly context: TContext;
}

/** Where one party stands in the talks. */
export interface PartyStanding {
  readonly machine: SubState<PartyMachineContext>;
  readonly strategy: PartyStrategyName;
  /**
   * Added to the party's reservation value by shocks (a battlefield gain raises it): the sum
   * of every shift so far, as written. The shifted reservation value the party judges with is
   * clamped to the utility scale [0, 1] (see {@link PartyResponse.reservationValue}); this
   * sum is not, so a shock back towards the scale starts from the sum.
   */
  readonly reservationShift: number;
  /**
   * The party's weight at the table: 1 plus the sum of its shifts so far, as written. The
   * mediator weighs, and the transcript records, this clamped at 0; the sum is not clamped.
   */
  readonly leverage: number;
  /** The threshold it used last. */
  readonly threshold: number;
  /** Its utility for the last text it was shown (null before the first). */
  readonly lastUtility: number | null;
}

/** A party's response to a text, as the transcript records it. */
export interface PartyResponse {
  readonly party: string;
  readonly version: string;
  readonly decision: 'accepts' | 'objects' | 'walks out';
  readonly stance: 'accepts' | 'rejects' | 'undecided';
  readonly utility: number;
  /** The least its strategy settled for at that moment: the bar of the talks, never below `reservationValue`. */
  readonly threshold: number;
  /**
   * Its reservation value at that moment (what walking away is worth): the scenario's plus
   * the shifts of the shocks so far, clamped to [0, 1]. The threshold was drawn from it.
   */
  readonly reservationValue: number;
  readonly margin: number;
  readonly redLinesCrossed: readonly string[];
  readonly pointsObjected: readonly number[];
  readonly blockingIssues: readonly string[];
  /** Why, in one sentence. */
  readonly reason: string;
}

/** What the last event did, for the transcript. */
export type TalksEffect =
  | { readonly kind: 'opened'; readonly version: string }
  | { readonly kind: 'response'; readonly response: PartyResponse }
  | {
      readonly kind: 'revised';
      readonly from: string;
      readonly to: string;
      /**
       * Who revised: the mediator's party id when a party mediates; otherwise a name, as
       * written (a neutral mediator's `name`, a scripted revision's `author`). Renderers show
       * a party id as the party's name and anything else as it is.
       */
      readonly by: string;
      readonly rationale: string;
      readonly patches: readonly unknown[];
      readonly inversePatches: readonly unknown[];
    }
  | { readonly kind: 'no-revision'; readonly reason: string }
  | { readonly kind: 'counter-proposal'; readonly plan: string; readonly by: string; readonly responses: readonly PartyResponse[] }
  | {
      readonly kind: 'shock';
      readonly summary: string;
      /**
       * For a battlefield event: each party it moved, with its reservation value (clamped to
       * [0, 1], as the party judges with it) and its leverage after the event (never below 0,
       * as the mediator weighs it).
       */
      readonly moved?: readonly { readonly party: string; readonly reservationValue: number; readonly leverage: number }[];
    }
  | { readonly kind: 'ended'; readonly status: TalksStatus; readonly reason: string };

/** How talks end. */
export type TalksStatus = 'agreed' | 'broken-off' | 'stalled' | 'expired' | 'adjourned';

/** Where the talks are: not yet opened, in session, or ended (and how). */
export type TalksPhase = 'idle' | 'inSession' | TalksStatus;

/**
 * The state of mediated single-text talks: the reducer's state and the talks machine's
 * context. Plain data, JSON-serialisable, so snapshots can be saved and compared. Who
 * accepts the text is kept once, in each party's standing (see `acceptedBy`).
 */
export interface TalksContext {
  readonly phase: TalksPhase;
  /** The date of the last dated event (null before any): an event of a free round has none and leaves it. */
  readonly date: string | null;
  readonly round: number;
  readonly text: PlanSpec | null;
  readonly version: string | null;
  readonly parties: Readonly<Record<string, PartyStanding>>;
  readonly stall: number;
  /** Fingerprints of every text the talks have seen, so the mediator never goes back to one. */
  readonly seen: readonly string[];
  /** What the last event that did something did (an event that changes nothing leaves it). */
  readonly lastEffect: TalksEffect | null;
  readonly ending: { readonly status: TalksStatus; readonly reason: string; readonly unresolvedIssues: readonly string[] } | null;
}

/** A revision the talks receive from outside (a scripted one from the timeline). */
export interface IncomingRevision {
  readonly id: string;
  readonly author: string;
  readonly rationale: string;
  readonly patches: readonly unknown[];
  /** The patches that undo it, when recorded (a scenario's revision carries them). */
  readonly inversePatches?: readonly unknown[];
}

/** A battlefield event's effect on one party. */
export interface ShockEffect {
  readonly party: string;
  readonly reservationShift?: number;
  readonly leverageShift?: number;
}

/**
 * When an event of the talks happens: on a `date` (`YYYY-MM-DD`), as the timeline's events
 * do, or in a free round after the timeline, numbered from 1 (`freeRound`), which is
 * simulated and has no date of its own. A free round's events leave the talks' `date` as it
 * was, the date of the last dated event.
 */
export type TalksWhen = { readonly date: string; readonly freeRound?: undefined } | { readonly freeRound: number; readonly date?: undefined };

/**
 * Every event the talks machine understands. `PRESENT`, `MEDIATE` and `END` can come in a
 * free round ({@link TalksWhen}); an `END` in free round k ends the talks after k free
 * rounds, and its reason says so instead of naming a day.
 */
export type TalksEvent =
  | { readonly type: 'START'; readonly text: PlanSpec; readonly date: string }
  | ({ readonly type: 'PRESENT'; readonly party: string } & TalksWhen)
  | { readonly type: 'REVISE'; readonly revision: IncomingRevision; readonly date: string }
  | ({ readonly type: 'MEDIATE' } & TalksWhen)
  | { readonly type: 'COUNTER_PROPOSAL'; readonly plan: PlanSpec; readonly by: string; readonly date: string }
  | { readonly type: 'BATTLEFIELD'; readonly summary: string; readonly effects: readonly ShockEffect[]; readonly date: string }
  | { readonly type: 'NEGOTIATOR_CHANGE'; readonly party: string; readonly strategy: PartyStrategyName; readonly summary: string; readonly date: string }
  | { readonly type: 'DEADLINE'; readonly hard: boolean; readonly summary: string; readonly date: string }
  | { readonly type: 'WALK_OUT'; readonly party: string; readonly reason: string; readonly date: string }
  | ({ readonly type: 'END'; readonly reason: string } & TalksWhen);
