import type { Domain } from '../model/domain.js';
import { validatePlanSpec } from '../model/plan.js';
import { likelyIntended, type PathSegment, ProblemList } from '../model/problems.js';
import { checkShape, planSchema } from '../model/schema.js';
import type { PlanSpec, ProvisionSpec } from '../model/specs.js';
import { revisionRecipe } from './edits.js';
import { historyImmer } from './immer.js';
import { editKinds, editSchemas, revisionSchema } from './revision-schema.js';
import type { RevisionEdit, RevisionSpec } from './revision-spec.js';

/** @internal What a revision is checked against. */
export interface RevisionContext {
  /** The plans a revision may start from, by id (in a scenario: its plans and the results of earlier revisions). */
  readonly plans: ReadonlyMap<string, PlanSpec>;
  /** When given, provisions must name its issues and options, and the result must be a valid plan over it. */
  readonly domain?: Domain;
  /** When given, every cited source key must be one of these. */
  readonly sourceKeys?: readonly string[];
  /** When given, the result's signatories must be among these party ids. */
  readonly partyIds?: readonly string[];
}

/**
 * @internal Adds every problem of a revision spec to `problems`: its shape, an unknown base
 * plan, point numbers that do not exist at the edit that names them (saying what became of
 * them), unknown issues, options, sources and parties, a result id that is taken, and any
 * problem of the plan the edits produce. Returns the revision's result when there is none.
 */
export function checkRevisionSpec(spec: unknown, context: RevisionContext, problems: ProblemList, path: readonly PathSegment[]): PlanSpec | undefined {
  const before = problems.items.length;
  const revision = checkRevisionShape(spec, problems, path);
  if (revision === undefined) return undefined;
  const base = context.plans.get(revision.base);
  if (base === undefined) {
    problems.unknown('unknown-plan', [...path, 'base'], 'plan', revision.base, context.plans.keys());
  }
  const resultId = revision.set?.id ?? revision.id;
  if (context.plans.has(resultId)) {
    problems.add(
      'duplicate-id',
      [...path, ...(revision.set?.id === undefined ? ['id'] : ['set', 'id'])],
      `the revision would produce plan "${resultId}", but a plan with that id exists already; give the result an id of its own${revision.set?.id === undefined ? ' (set.id)' : ''}`,
    );
  }
  checkReferences(revision, context, problems, path);
  if (base !== undefined) checkPointNumbers(revision, base, problems, path);
  if (problems.items.length > before || base === undefined) return undefined;

  const result = historyImmer().produce(base, revisionRecipe(revision));
  const found = new ProblemList();
  if (context.domain === undefined) checkShape(planSchema, result, found);
  else validatePlanSpec(result, context.domain, found, []);
  for (const problem of found.items) {
    // The result exists only in memory; point at the revision and say where in the result.
    const where = problem.path === '' ? '' : ` at ${problem.path}`;
    problems.add(problem.code, path, `the plan this revision produces ("${resultId}") is invalid${where}: ${problem.message}`, problem.suggestion);
  }
  return found.isEmpty ? result : undefined;
}

/** @internal Adds the shape problems of a revision spec (header and each edit) to `problems`. */
export function checkRevisionShape(spec: unknown, problems: ProblemList, path: readonly PathSegment[]): RevisionSpec | undefined {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    problems.add('invalid-shape', path, 'a revision must be an object with id, base, rationale, author, date, sources and edits');
    return undefined;
  }
  const { edits, ...header } = spec as Record<string, unknown>;
  let ok = checkShape(revisionSchema.omit({ edits: true }), header, problems, path) !== undefined;
  if (!Array.isArray(edits)) {
    problems.add('invalid-shape', [...path, 'edits'], 'is missing: a revision needs a list of edits (it may be empty)');
    return undefined;
  }
  edits.forEach((edit: unknown, index) => {
    ok = checkEditShape(edit, problems, [...path, 'edits', index]) && ok;
  });
  return ok ? (spec as RevisionSpec) : undefined;
}

function checkEditShape(edit: unknown, problems: ProblemList, path: readonly PathSegment[]): boolean {
  const kinds = `one of ${editKinds.join(', ')}`;
  if (edit === null || typeof edit !== 'object' || Array.isArray(edit)) {
    problems.add('invalid-shape', path, `an edit must be an object with ${kinds}`);
    return false;
  }
  const keys = Object.keys(edit);
  const named = editKinds.filter((kind) => keys.includes(kind));
  if (named.length !== 1) {
    // A misspelt kind ("removePoint") is the likely cause when no kind is named.
    const guess = named.length === 0 ? keys.map((key) => likelyIntended(key, editKinds)).find((kind) => kind !== undefined) : undefined;
    const what = named.length === 0 ? `names no kind of edit (keys: ${keys.map((key) => `"${key}"`).join(', ') || 'none'})` : `names ${named.join(' and ')}; split it into one edit each`;
    problems.add('invalid-shape', path, `an edit needs exactly ${kinds}, but this one ${what}`, guess);
    return false;
  }
  return checkShape(editSchemas[named[0]!], edit, problems, path) !== undefined;
}

function checkReferences(revision: RevisionSpec, context: RevisionContext, problems: ProblemList, path: readonly PathSegment[]): void {
  const { sourceKeys, partyIds, domain } = context;
  const sources = (keys: readonly string[] | null | undefined, at: readonly PathSegment[]) => {
    if (sourceKeys === undefined) return;
    (keys ?? []).forEach((key, index) => {
      if (!sourceKeys.includes(key)) problems.unknown('unknown-source', [...at, index], 'source key', key, sourceKeys);
    });
  };
  const provisions = (list: readonly ProvisionSpec[] | undefined, at: readonly PathSegment[]) => {
    if (domain === undefined) return;
    (list ?? []).forEach((provision, index) => {
      const issueIndex = domain.issueIndex(provision.issue);
      if (issueIndex < 0) {
        problems.unknown('unknown-issue', [...at, index, 'issue'], 'issue', provision.issue, domain.issues.map((issue) => issue.id));
        return;
      }
      const issue = domain.issues[issueIndex]!;
      if (domain.optionIndex(issueIndex, provision.option) < 0) {
        problems.unknown('unknown-option', [...at, index, 'option'], `option of "${issue.id}"`, provision.option, issue.options.map((option) => option.id));
      }
    });
  };
  sources(revision.sources, [...path, 'sources']);
  sources(revision.set?.sources, [...path, 'set', 'sources']);
  if (partyIds !== undefined) {
    (revision.set?.signatories ?? []).forEach((party, index) => {
      if (!partyIds.includes(party)) problems.unknown('unknown-party', [...path, 'set', 'signatories', index], 'party', party, partyIds);
    });
  }
  revision.edits.forEach((edit, index) => {
    const at = [...path, 'edits', index];
    if ('updatePoint' in edit) {
      sources(edit.set.sources, [...at, 'set', 'sources']);
      provisions(edit.set.provisions, [...at, 'set', 'provisions']);
    } else if ('addPoint' in edit) {
      sources(edit.addPoint.sources, [...at, 'addPoint', 'sources']);
      provisions(edit.addPoint.provisions, [...at, 'addPoint', 'provisions']);
    }
  });
}

/** A point during the dry run: its number now, and its number in the base (undefined if added). */
interface Tracked {
  number: number;
  readonly origin: number | undefined;
}

/**
 * Runs the edits on point numbers alone and reports each number that does not exist at the
 * edit that names it. Knowing what happened to the number (removed by an earlier edit, or
 * renumbered) turns "no point 21" into something the author can act on.
 */
function checkPointNumbers(revision: RevisionSpec, base: PlanSpec, problems: ProblemList, path: readonly PathSegment[]): void {
  let points: Tracked[] = base.points.map((point) => ({ number: point.number, origin: point.number }));
  const baseNumbers = base.points.map((point) => point.number);
  // The number a point had when it was removed → the edit that removed it.
  const removedBy = new Map<number, number>();
  let renumberedBy: number | undefined;
  const missing = (number: number, at: readonly PathSegment[]) => {
    if (points.some((point) => point.number === number)) return false;
    const moved = points.find((point) => point.origin === number);
    if (renumberedBy !== undefined && moved !== undefined) {
      problems.add('unknown-point', at, `there is no point ${number} at this edit: edits[${renumberedBy}] renumbered the points, and point ${number} of "${base.id}" is now point ${moved.number}`, String(moved.number));
    } else if (removedBy.has(number) && (renumberedBy === undefined || renumberedBy < removedBy.get(number)!)) {
      problems.add('unknown-point', at, `point ${number} was removed by edits[${removedBy.get(number)!}]`);
    } else {
      problems.add('unknown-point', at, `there is no point ${number} at this edit; the points are ${describeNumbers(points.map((point) => point.number))}`);
    }
    return true;
  };
  revision.edits.forEach((edit: RevisionEdit, index) => {
    const at = [...path, 'edits', index];
    if ('removePoints' in edit) {
      problems.duplicates([...at, 'removePoints'], 'point number', edit.removePoints);
      edit.removePoints.forEach((number, k) => missing(number, [...at, 'removePoints', k]));
      for (const point of points) if (edit.removePoints.includes(point.number)) removedBy.set(point.number, index);
      points = points.filter((point) => !edit.removePoints.includes(point.number));
    } else if ('updatePoint' in edit) {
      missing(edit.updatePoint, [...at, 'updatePoint']);
    } else if ('addPoint' in edit) {
      const { number, basedOn } = edit.addPoint;
      if (edit.after !== undefined && edit.after !== 0 && missing(edit.after, [...at, 'after'])) return;
      if (points.some((point) => point.number === number)) {
        problems.add('duplicate-id', [...at, 'addPoint', 'number'], `there is a point ${number} already at this edit; give the new point a free number (the highest is ${Math.max(...points.map((p) => p.number))}) or renumber afterwards`);
      }
      if (basedOn !== undefined && !baseNumbers.includes(basedOn)) {
        problems.add('unknown-point', [...at, 'addPoint', 'basedOn'], `plan "${base.id}" has no point ${basedOn}; it has points ${describeNumbers(baseNumbers)}`);
      }
      const position = edit.after === 0 ? 0 : edit.after !== undefined ? points.findIndex((point) => point.number === edit.after) + 1 : points.findIndex((point) => point.number > number);
      points.splice(position < 0 ? points.length : position, 0, { number, origin: undefined });
    } else {
      points.forEach((point, position) => {
        point.number = position + 1;
      });
      renumberedBy = index;
    }
  });
}

/** `1, 2, 5` for a few numbers, `1–28 (27 points)` for many. */
function describeNumbers(numbers: readonly number[]): string {
  if (numbers.length === 0) return 'none (every point was removed)';
  const sorted = [...numbers].sort((a, b) => a - b);
  if (sorted.length <= 8) return sorted.join(', ');
  return `${sorted[0]}–${sorted[sorted.length - 1]} (${sorted.length} points)`;
}
