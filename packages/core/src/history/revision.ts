import type { Draft, Patch } from 'immer';
import { ScenarioError } from '../model/errors.js';
import { deepFreeze } from '../model/freeze.js';
import { ProblemList } from '../model/problems.js';
import { checkShape } from '../model/schema.js';
import type { PlanSpec } from '../model/specs.js';
import { historyImmer } from './immer.js';
import { revisionMetaSchema } from './revision-schema.js';

export type { Patch } from 'immer';

/**
 * One step in a plan's history: the plan `base` became the plan `result`, for a reason, on
 * someone's authority. The change itself is recorded as immer patches, so it can be replayed
 * on the base ({@link applyRevision}), inverted on the result ({@link revertRevision}), shown,
 * or stored: a revision is plain JSON.
 */
export interface Revision {
  readonly id: string;
  /** The id of the plan the revision starts from. */
  readonly base: string;
  /** The id of the plan it produces. */
  readonly result: string;
  readonly author: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly rationale: string;
  readonly sources: readonly string[];
  /** Present when the change is inferred rather than reported. */
  readonly assumption?: string;
  /** The patches that turn the base into the result, in the order they apply. */
  readonly patches: readonly Patch[];
  /** The patches that turn the result back into the base. */
  readonly inversePatches: readonly Patch[];
}

/** Who made a revision, when, why and on what evidence: a {@link Revision} without its plans and patches. */
export interface RevisionMeta {
  readonly id: string;
  readonly author: string;
  readonly date: string;
  readonly rationale: string;
  readonly sources: readonly string[];
  readonly assumption?: string;
}

/** A revised plan together with the revision that produced it. */
export interface RevisedPlan {
  readonly plan: PlanSpec;
  readonly revision: Revision;
}

/**
 * Revises `base` by running `recipe` on an immer draft of it, and records the change as a
 * {@link Revision}. `base` is never mutated; the new plan shares the unchanged parts with it
 * and is frozen. The recipe should give the result a new `id` (and usually `basedOn: base.id`):
 * the revision names both plans.
 *
 * The result is a spec, not a validated plan: pass it to `createPlan` to check it against a
 * domain.
 *
 * @example
 * ```ts
 * const { plan, revision } = revisePlan(us28, (draft) => {
 *   draft.id = 'us-27';
 *   draft.basedOn = 'us-28';
 *   draft.points.splice(2, 1); // drop point 3
 * }, { id: 'drop-3', author: 'E3', date: '2025-11-23', rationale: 'No NATO expansion clause.', sources: ['S37'] });
 * plan.points.length;          // 27
 * revision.patches.length > 0; // true
 * ```
 */
export function revisePlan(base: PlanSpec, recipe: (draft: Draft<PlanSpec>) => void, meta: RevisionMeta): RevisedPlan {
  const problems = new ProblemList();
  checkShape(revisionMetaSchema, meta, problems);
  if (!problems.isEmpty) throw new ScenarioError(`Revision "${String((meta as { id?: unknown }).id ?? '?')}"`, problems.items);
  const [plan, patches, inversePatches] = historyImmer().produceWithPatches(base, (draft) => {
    recipe(draft);
  });
  return { plan, revision: makeRevision(meta, base.id, plan.id, patches, inversePatches) };
}

/** @internal Assembles a frozen revision. */
export function makeRevision(meta: RevisionMeta, base: string, result: string, patches: Patch[], inversePatches: Patch[]): Revision {
  // Patch values can share objects with the plans (immer reuses unchanged subtrees), which
  // are frozen already; the patch objects themselves are frozen here so that a revision,
  // like a plan, cannot be changed after the fact.
  return deepFreeze({
    id: meta.id,
    base,
    result,
    author: meta.author,
    date: meta.date,
    rationale: meta.rationale,
    sources: [...meta.sources],
    ...(meta.assumption === undefined ? {} : { assumption: meta.assumption }),
    patches,
    inversePatches,
  });
}
