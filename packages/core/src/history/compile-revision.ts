import type { Domain } from '../model/domain.js';
import { ScenarioError } from '../model/errors.js';
import { ProblemList } from '../model/problems.js';
import type { PlanSpec } from '../model/specs.js';
import { revisionRecipe } from './edits.js';
import { revisePlan, type RevisedPlan } from './revision.js';
import type { RevisionSpec } from './revision-spec.js';
import { checkRevisionSpec } from './validate-revision.js';

/** Options of {@link compileRevision}. */
export interface CompileRevisionOptions {
  /** Check provisions against this domain and the result as a plan over it. */
  readonly domain?: Domain;
}

/**
 * Turns a declarative {@link RevisionSpec} into patches: validates it against `base`, runs
 * its edits on an immer draft of `base` and returns the result plan with the recorded
 * {@link Revision}. Throws a `ScenarioError` listing every problem (unknown base, point
 * numbers that do not exist at the edit naming them, with what became of them, and so on).
 * Neither `base` nor `spec` is mutated.
 *
 * @example
 * ```ts
 * const { plan, revision } = compileRevision(us28, {
 *   id: 'e3-cut', base: 'us-28', author: 'E3', date: '2025-11-23', sources: ['S37'],
 *   rationale: 'The E3 delete the clause on NATO not expanding.',
 *   set: { id: 'e3-draft', title: 'E3 draft' },
 *   edits: [{ removePoints: [3] }, { updatePoint: 6, set: { provisions: [{ issue: 'military.army-cap', option: '800k' }] } }],
 * });
 * plan.points.length; // 27
 * plan.points[4];     // { number: 6, basedOn: 6, …, provisions: [{ issue: 'military.army-cap', option: '800k' }] }
 * ```
 */
export function compileRevision(base: PlanSpec, spec: RevisionSpec, options: CompileRevisionOptions = {}): RevisedPlan {
  const problems = new ProblemList();
  const context = options.domain === undefined ? { plans: new Map([[base.id, base]]) } : { plans: new Map([[base.id, base]]), domain: options.domain };
  checkRevisionSpec(spec, context, problems, []);
  if (!problems.isEmpty) throw new ScenarioError(`Revision "${String((spec as { id?: unknown } | null)?.id ?? '?')}"`, problems.items);
  return compileCheckedRevision(base, spec);
}

/** @internal Compiles a revision that has already been validated against `base`. */
export function compileCheckedRevision(base: PlanSpec, spec: RevisionSpec): RevisedPlan {
  const meta = {
    id: spec.id,
    author: spec.author,
    date: spec.date,
    rationale: spec.rationale,
    sources: spec.sources,
    ...(spec.assumption === undefined ? {} : { assumption: spec.assumption }),
  };
  return revisePlan(base, revisionRecipe(spec), meta);
}
