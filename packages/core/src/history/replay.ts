import type { Patch } from 'immer';
import { ParleyError } from '../model/errors.js';
import type { PlanSpec } from '../model/specs.js';
import { historyImmer } from './immer.js';
import type { Revision } from './revision.js';

/**
 * Replays `revision` on its base plan: the plan the revision produced, rebuilt from the
 * base and the patches alone. Throws a `ParleyError` (`REVISION_MISMATCH`) when `base` is
 * not the revision's base, and (`REVISION_DOES_NOT_APPLY`) when the patches do not fit it
 * (the base was changed since the revision was recorded). `base` is not mutated.
 *
 * @example
 * ```ts
 * const nineteen = applyRevision(planOf(scenario, 'us-28'), scenario.revisions[0]!);
 * nineteen.points.length; // 19
 * ```
 */
export function applyRevision(base: PlanSpec, revision: Revision): PlanSpec {
  if (base.id !== revision.base) {
    throw new ParleyError('REVISION_MISMATCH', `revision "${revision.id}" revises plan "${revision.base}", not "${base.id}"`);
  }
  return patched(base, revision.patches, revision, revision.result);
}

/**
 * Undoes `revision` on the plan it produced, giving back its base plan. Throws a
 * `ParleyError` (`REVISION_MISMATCH`) when `revised` is not the revision's result, and
 * (`REVISION_DOES_NOT_APPLY`) when the inverse patches do not fit it. `revised` is not mutated.
 *
 * @example
 * ```ts
 * const us28 = revertRevision(planOf(scenario, 'us-ukraine-19'), scenario.revisions[0]!);
 * us28.points.length; // 28
 * ```
 */
export function revertRevision(revised: PlanSpec, revision: Revision): PlanSpec {
  if (revised.id !== revision.result) {
    throw new ParleyError('REVISION_MISMATCH', `revision "${revision.id}" produces plan "${revision.result}", not "${revised.id}"`);
  }
  return patched(revised, revision.inversePatches, revision, revision.base);
}

function patched(plan: PlanSpec, patches: readonly Patch[], revision: Revision, expectedId: string): PlanSpec {
  let result: PlanSpec;
  try {
    result = historyImmer().applyPatches(plan, patches);
  } catch (error) {
    // immer reports a patch that does not fit in its own words; say which revision and plan.
    throw new ParleyError('REVISION_DOES_NOT_APPLY', `revision "${revision.id}" does not apply to plan "${plan.id}": ${(error as Error).message}`);
  }
  if (result.id !== expectedId) {
    throw new ParleyError('REVISION_DOES_NOT_APPLY', `revision "${revision.id}" applied to plan "${plan.id}" gives plan "${result.id}", not "${expectedId}"`);
  }
  // immer replaces whatever is at a patch's path without checking what was there, so a base
  // that changed since the revision was recorded (a point fewer, say) would be "revised" into
  // something nobody wrote. Undoing the step must give back the plan we started from.
  const undo = patches === revision.patches ? revision.inversePatches : revision.patches;
  if (!sameData(historyImmer().applyPatches(result, undo), plan)) {
    throw new ParleyError('REVISION_DOES_NOT_APPLY', `revision "${revision.id}" does not fit plan "${plan.id}": the plan differs from the one the revision was recorded on`);
  }
  return result;
}

/** Deep equality of JSON-like data, ignoring key order. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const bKeys = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  return aKeys.length === bKeys.length && aKeys.every((key) => sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
