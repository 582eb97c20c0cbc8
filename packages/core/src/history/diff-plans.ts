import type { Domain } from '../model/domain.js';
import { ParleyError } from '../model/errors.js';
import { OPEN } from '../model/outcome.js';
import type { Plan } from '../model/plan.js';
import type { PointSpec } from '../model/specs.js';

/** A field of a point that a diff compares (`basedOn` is what matches points, so it is not one). */
export type PointField = 'number' | 'summary' | 'category' | 'sources' | 'assumption' | 'provisions';

/** A point named in a diff, with enough to recognise it. */
export interface PointRef {
  readonly number: number;
  readonly category: string;
  readonly summary: string;
}

/** A point present in both plans whose content differs. */
export interface PointChange {
  /** Its number in the first plan. */
  readonly from: number;
  /** Its number in the second plan. */
  readonly to: number;
  /** Its category and summary in the second plan. */
  readonly category: string;
  readonly summary: string;
  /** What differs, in a fixed order: number, summary, category, sources, assumption, provisions. */
  readonly fields: readonly PointField[];
}

/**
 * How an issue moved between two plans:
 * - `settled`: open in the first, decided in the second;
 * - `opened`: decided in the first, open in the second ("bracketed");
 * - `changed`: decided differently.
 */
export type IssueMoveKind = 'settled' | 'opened' | 'changed';

/** One issue that moved, with the points responsible on each side and labels for people. */
export interface IssueMove {
  readonly issue: string;
  readonly label: string;
  readonly kind: IssueMoveKind;
  /** The option in the first plan, or null when it leaves the issue open. */
  readonly from: { readonly option: string; readonly label: string } | null;
  /** The option in the second plan, or null when it leaves the issue open. */
  readonly to: { readonly option: string; readonly label: string } | null;
  /** The points of the first plan that settle the issue (empty when open). */
  readonly fromPoints: readonly number[];
  /** The points of the second plan that settle the issue (empty when open). */
  readonly toPoints: readonly number[];
}

/**
 * How the points of two plans were paired:
 * - `basedOn`: the second plan is based on the first; its points name their origin;
 * - `basedOn-reversed`: the first plan is based on the second;
 * - `common-base`: both are based on the same plan; points with the same origin pair up;
 * - `number`: the plans are unrelated; points with the same number pair up.
 */
export type PointMatching = 'basedOn' | 'basedOn-reversed' | 'common-base' | 'number';

/** What changed from one plan to another: points and issues. JSON-serialisable. */
export interface PlanDiff {
  readonly from: { readonly id: string; readonly title: string; readonly date: string };
  readonly to: { readonly id: string; readonly title: string; readonly date: string };
  readonly matchedBy: PointMatching;
  /** Points of the second plan with no counterpart in the first. */
  readonly added: readonly PointRef[];
  /** Points of the first plan with no counterpart in the second. */
  readonly removed: readonly PointRef[];
  /** Points in both whose content differs. */
  readonly changed: readonly PointChange[];
  /** Numbers (in the second plan) of the points that are the same in both. */
  readonly unchanged: readonly number[];
  /** The issues that moved, in domain order. */
  readonly issues: readonly IssueMove[];
}

/**
 * Compares two plan versions over the same domain: which points were added, removed or
 * changed (and in which fields), and how each issue moved — `settled`, `opened` or
 * `changed` — with the points responsible on each side.
 *
 * Points are paired by `basedOn` when one plan is based on the other (or both on the same
 * plan), and by number otherwise, so a renumbered point counts as changed in its `number`,
 * not as removed and added. Throws a `ParleyError` (`DOMAIN_MISMATCH`) when the plans are
 * over different domains.
 *
 * @example
 * ```ts
 * const diff = diffPlans(planOf(scenario, 'us-28'), planOf(scenario, 'us-ukraine-19'));
 * diff.removed.map((point) => point.number); // [3, 4, 6, 7, 8, 14, 21, 22, 26]
 * diff.issues.find((move) => move.issue === 'eu.path');
 * // { kind: 'changed', from: { option: 'eligible-with-market-access', … }, to: { option: 'eligible', … }, fromPoints: [11], toPoints: [6], … }
 * ```
 */
export function diffPlans(a: Plan, b: Plan): PlanDiff {
  checkSameDomain(a.domain, b.domain, a.id, b.id);
  const { matchedBy, pairs } = pairPoints(a, b);
  const paired = new Set(pairs.map(([from]) => from));
  const pairedTo = new Set(pairs.map(([, to]) => to));
  const changed: PointChange[] = [];
  const unchanged: number[] = [];
  for (const [from, to] of pairs) {
    const fields = changedFields(from, to);
    if (fields.length === 0) unchanged.push(to.number);
    else changed.push({ from: from.number, to: to.number, category: to.category, summary: to.summary, fields });
  }
  return {
    from: { id: a.id, title: a.title, date: a.date },
    to: { id: b.id, title: b.title, date: b.date },
    matchedBy,
    added: b.points.filter((point) => !pairedTo.has(point)).map(pointRef),
    removed: a.points.filter((point) => !paired.has(point)).map(pointRef),
    changed,
    unchanged,
    issues: issueMoves(a, b),
  };
}

function pairPoints(a: Plan, b: Plan): { matchedBy: PointMatching; pairs: [PointSpec, PointSpec][] } {
  const byNumber = (points: readonly PointSpec[], number: number | undefined) => (number === undefined ? undefined : points.find((point) => point.number === number));
  const pairsBy = (pick: (to: PointSpec) => PointSpec | undefined) =>
    b.points.flatMap((to): [PointSpec, PointSpec][] => {
      const from = pick(to);
      return from === undefined ? [] : [[from, to]];
    });
  if (b.basedOn !== undefined && b.basedOn === a.id) {
    return { matchedBy: 'basedOn', pairs: pairsBy((to) => byNumber(a.points, to.basedOn)) };
  }
  if (a.basedOn !== undefined && a.basedOn === b.id) {
    return { matchedBy: 'basedOn-reversed', pairs: pairsBy((to) => a.points.find((from) => from.basedOn !== undefined && from.basedOn === to.number)) };
  }
  if (a.basedOn !== undefined && a.basedOn === b.basedOn) {
    return { matchedBy: 'common-base', pairs: pairsBy((to) => a.points.find((from) => from.basedOn !== undefined && from.basedOn === to.basedOn)) };
  }
  return { matchedBy: 'number', pairs: pairsBy((to) => byNumber(a.points, to.number)) };
}

function changedFields(from: PointSpec, to: PointSpec): PointField[] {
  const fields: PointField[] = [];
  if (from.number !== to.number) fields.push('number');
  if (from.summary !== to.summary) fields.push('summary');
  if (from.category !== to.category) fields.push('category');
  if (!sameList(from.sources, to.sources)) fields.push('sources');
  if (from.assumption !== to.assumption) fields.push('assumption');
  const provisions = (point: PointSpec) => point.provisions.map((provision) => `${provision.issue}=${provision.option}`);
  if (!sameList(provisions(from), provisions(to))) fields.push('provisions');
  return fields;
}

function issueMoves(a: Plan, b: Plan): IssueMove[] {
  // `settlement` is a fresh copy on every read: read each once.
  const before = a.settlement;
  const after = b.settlement;
  const moves: IssueMove[] = [];
  for (const issue of a.domain.issues) {
    const from = before[issue.index]!;
    const to = after[issue.index]!;
    if (from === to) continue;
    const option = (index: number) => (index === OPEN ? null : { option: issue.options[index]!.id, label: issue.options[index]!.label });
    moves.push({
      issue: issue.id,
      label: issue.label,
      kind: from === OPEN ? 'settled' : to === OPEN ? 'opened' : 'changed',
      from: option(from),
      to: option(to),
      fromPoints: [...a.settledBy[issue.index]!],
      toPoints: [...b.settledBy[issue.index]!],
    });
  }
  return moves;
}

function checkSameDomain(a: Domain, b: Domain, aId: string, bId: string): void {
  if (a === b) return;
  const shape = (domain: Domain) => domain.issues.map((issue) => `${issue.id}:${issue.options.map((option) => option.id).join(',')}`).join(';');
  if (shape(a) !== shape(b)) throw new ParleyError('DOMAIN_MISMATCH', `plans "${aId}" and "${bId}" are over different domains; a diff compares versions of one negotiation`);
}

function pointRef(point: PointSpec): PointRef {
  return { number: point.number, category: point.category, summary: point.summary };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
