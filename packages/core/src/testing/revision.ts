import fc from 'fast-check';
import type { RevisionEdit, RevisionSpec } from '../history/revision-spec.js';
import type { DomainSpec, PlanSpec, ProvisionSpec } from '../model/specs.js';
import { check } from './internal.js';

/** Options of {@link revisionArbitrary}. */
export interface RevisionConstraints {
  /** Most edits (default 4). */
  readonly maxEdits?: number;
  /** The revision's id, which is also the result plan's id (default `<plan id>-rev`). */
  readonly id?: string;
  /**
   * The domain of the plan. When given, edits may also settle open issues and re-settle
   * issues; without it they only remove, move, retitle and unsettle.
   */
  readonly domain?: DomainSpec;
}

/** What one edit is drawn as: its kind and two choices, made concrete against the points at that edit. */
interface EditIntent {
  readonly kind: number;
  readonly a: number;
  readonly b: number;
}

interface WorkingPoint {
  number: number;
  provisions: ProvisionSpec[];
}

/**
 * Revisions of `plan` whose edits always apply: point numbers are chosen among those that
 * exist at each edit (after earlier removals and renumberings), added points take free
 * numbers, at least one point is always left, and provisions never make two points settle
 * an issue differently. Every value passes `compileRevision(plan, spec, { domain })`.
 * Shrinks toward fewer edits.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { compileRevision, createDomain } from '@parley/core';
 * import { domainArbitrary, planArbitrary, revisionArbitrary } from '@parley/core/testing';
 *
 * const cases = domainArbitrary().chain((domain) =>
 *   planArbitrary(domain).chain((plan) => revisionArbitrary(plan, { domain }).map((revision) => ({ domain, plan, revision }))),
 * );
 * fc.assert(fc.property(cases, ({ domain, plan, revision }) => {
 *   compileRevision(plan, revision, { domain: createDomain(domain) }); // never throws
 * }));
 * ```
 */
export function revisionArbitrary(plan: PlanSpec, constraints: RevisionConstraints = {}): fc.Arbitrary<RevisionSpec> {
  const { maxEdits = 4, id = `${plan.id}-rev`, domain } = constraints;
  check(Number.isInteger(maxEdits) && maxEdits >= 0, 'revisionArbitrary', `maxEdits must be a whole number ≥ 0 (got ${maxEdits})`);
  check(plan.points.length > 0, 'revisionArbitrary', `plan "${plan.id}" has no point`);
  const intent = fc.record({ kind: fc.integer({ min: 0, max: 3 }), a: fc.nat({ max: 1000 }), b: fc.nat({ max: 1000 }) });
  return fc.array(intent, { maxLength: maxEdits }).map((intents) => ({
    id,
    base: plan.id,
    rationale: `A generated revision of ${plan.id}.`,
    author: 'Editor',
    date: '2025-12-01',
    sources: ['S1'],
    edits: concreteEdits(plan, intents, domain),
  }));
}

function concreteEdits(plan: PlanSpec, intents: readonly EditIntent[], domain: DomainSpec | undefined): RevisionEdit[] {
  const points: WorkingPoint[] = plan.points.map((point) => ({ number: point.number, provisions: point.provisions.map((p) => ({ ...p })) }));
  const edits: RevisionEdit[] = [];
  const settledIn = (issue: string) => points.filter((point) => point.provisions.some((provision) => provision.issue === issue));
  const openIssues = () => (domain?.issues ?? []).filter((issue) => settledIn(issue.id).length === 0);
  for (const { kind, a, b } of intents) {
    if (kind === 0) {
      // Update a point: a new summary, and by `b` drop a provision, settle an open issue or re-settle one it alone settles.
      const point = points[a % points.length]!;
      let provisions: ProvisionSpec[] | undefined;
      const open = openIssues();
      const own = (domain?.issues ?? []).filter((issue) => settledIn(issue.id).length === 1 && settledIn(issue.id)[0] === point);
      if (b % 4 === 1 && point.provisions.length > 0) {
        provisions = point.provisions.filter((_, index) => index !== b % point.provisions.length);
      } else if (b % 4 === 2 && open.length > 0) {
        const issue = open[b % open.length]!;
        provisions = [...point.provisions, { issue: issue.id, option: issue.options[a % issue.options.length]!.id }];
      } else if (b % 4 === 3 && own.length > 0) {
        const issue = own[b % own.length]!;
        const current = point.provisions.find((provision) => provision.issue === issue.id)!.option;
        const others = issue.options.filter((option) => option.id !== current);
        const option = others[a % others.length]!.id;
        provisions = point.provisions.map((provision) => (provision.issue === issue.id ? { issue: issue.id, option } : provision));
      }
      if (provisions !== undefined) point.provisions = provisions;
      edits.push({ updatePoint: point.number, set: { summary: `Point ${point.number}, revised.`, ...(provisions === undefined ? {} : { provisions }) } });
    } else if (kind === 1 && points.length > 1) {
      // Remove one or two points, never the last one.
      const count = 1 + (b % Math.min(2, points.length - 1));
      const doomed = Array.from({ length: count }, (_, k) => points[(a + k) % points.length]!.number);
      edits.push({ removePoints: doomed });
      for (const number of doomed) points.splice(points.findIndex((point) => point.number === number), 1);
    } else if (kind === 2) {
      // Add a point with a free number, after another one, first, or where its number puts it.
      const number = Math.max(...points.map((point) => point.number)) + 1;
      const open = openIssues();
      const provisions = open.length > 0 && b % 2 === 0 ? [{ issue: open[a % open.length]!.id, option: open[a % open.length]!.options[b % open[a % open.length]!.options.length]!.id }] : [];
      const where = a % (points.length + 2);
      const after = where === points.length + 1 ? undefined : where === points.length ? 0 : points[where]!.number;
      edits.push({ addPoint: { number, summary: `New point ${number}.`, category: 'other', sources: ['S1'], provisions }, ...(after === undefined ? {} : { after }) });
      const index = after === 0 ? 0 : after !== undefined ? points.findIndex((point) => point.number === after) + 1 : points.length;
      points.splice(index, 0, { number, provisions });
    } else if (kind === 3) {
      edits.push({ renumber: true });
      points.forEach((point, index) => {
        point.number = index + 1;
      });
    }
  }
  return edits;
}
