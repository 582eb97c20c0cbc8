import type { PointSpec, ProvisionSpec } from '../model/specs.js';

/**
 * A revision as authored in JSON or YAML: which plan it revises, who made it, why, and the
 * edits that turn the base plan into the result. `compileRevision` (and the scenario loader)
 * runs the edits inside immer's `produceWithPatches`, so every revision ends up as patches
 * that can be replayed and inverted.
 *
 * Edits run in order, and each names points by the numbers they have *at that moment*:
 * after a `renumber`, later edits use the new numbers. The result is `basedOn` the base plan,
 * and every point carried over from the base records its number there in `basedOn`, so the
 * result says where each point came from without further bookkeeping.
 */
export interface RevisionSpec {
  /** Unique among the scenario's revisions, e.g. `geneva-cut`. */
  readonly id: string;
  /** The id of the plan this revision starts from. */
  readonly base: string;
  /** Why the text changed, as sentences. */
  readonly rationale: string;
  /** Who made the revision. */
  readonly author: string;
  /** When, as `YYYY-MM-DD`. */
  readonly date: string;
  /** Source keys of the reports the revision rests on. */
  readonly sources: readonly string[];
  /** Present when the edits are inferred rather than reported: what was assumed and why. */
  readonly assumption?: string;
  /**
   * The result plan's header. `id`, `date` and `author` default to the revision's own;
   * every other field not given (title, summary, sources, signatories) carries over from
   * the base; `null` removes an optional field.
   */
  readonly set?: PlanHeaderChanges;
  readonly edits: readonly RevisionEdit[];
}

/** The header of the plan a revision produces (see {@link RevisionSpec.set}). */
export interface PlanHeaderChanges {
  readonly id?: string;
  readonly title?: string;
  readonly date?: string;
  readonly author?: string;
  readonly summary?: string | null;
  readonly sources?: readonly string[] | null;
  readonly signatories?: readonly string[] | null;
}

/** New values for some fields of one point; `assumption: null` removes the assumption. */
export interface PointChanges {
  readonly summary?: string;
  readonly category?: string;
  readonly sources?: readonly string[];
  readonly assumption?: string | null;
  /** Replaces the point's provisions (the whole list, in order). */
  readonly provisions?: readonly ProvisionSpec[];
}

/**
 * One step of a revision:
 * - `{ removePoints: [3, 21] }` removes these points;
 * - `{ updatePoint: 6, set: { … } }` changes fields of one point;
 * - `{ addPoint: { number, summary, … }, after?: 5 }` inserts a new point after point 5
 *   (`after: 0` puts it first); without `after`, before the first point with a higher number;
 * - `{ renumber: true }` numbers the points 1..k in their order.
 */
export type RevisionEdit = RemovePointsEdit | UpdatePointEdit | AddPointEdit | RenumberEdit;

/** Removes the points with these numbers. */
export interface RemovePointsEdit {
  readonly removePoints: readonly number[];
}

/** Changes some fields of the point with this number. */
export interface UpdatePointEdit {
  readonly updatePoint: number;
  readonly set: PointChanges;
}

/** Inserts a new point. */
export interface AddPointEdit {
  readonly addPoint: PointSpec;
  /** The number of the point to insert after; `0` inserts first. */
  readonly after?: number;
}

/** Numbers the points 1..k in their current order. */
export interface RenumberEdit {
  readonly renumber: true;
}
