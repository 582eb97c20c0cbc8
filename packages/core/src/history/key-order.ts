import { setOwnValue } from '../model/own-key.js';
import type { PlanSpec, PointSpec } from '../model/specs.js';

// Immer appends a key that a revision adds (a point's `basedOn`, the plan's `basedOn`) after
// the keys already there. Key order means nothing to Parley, but plans are printed as JSON
// (`parley assess --json`), and a revised plan should print like the same plan written out
// in a file. So results are rebuilt with the keys in the order the plan files use.

const PLAN_KEYS = ['id', 'title', 'date', 'author', 'basedOn', 'summary', 'sources', 'signatories', 'points'] as const;
const POINT_KEYS = ['number', 'basedOn', 'summary', 'category', 'sources', 'assumption', 'provisions'] as const;

/** @internal `plan` with its keys and its points' keys in the order plan files use; unknown keys keep their place at the end. */
export function inFileKeyOrder(plan: PlanSpec): PlanSpec {
  const ordered = reorder(plan, PLAN_KEYS) as { points: readonly PointSpec[] };
  return { ...ordered, points: plan.points.map((point) => reorder(point, POINT_KEYS) as unknown as PointSpec) } as unknown as PlanSpec;
}

function reorder(value: object, keys: readonly string[]): Record<string, unknown> {
  const source = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of keys) if (Object.hasOwn(source, key)) result[key] = source[key];
  for (const key of Object.keys(source)) if (!Object.hasOwn(result, key)) setOwnValue(result, key, source[key]);
  return result;
}
