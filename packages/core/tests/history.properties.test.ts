import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  OPEN,
  applyRevision,
  compileRevision,
  createDomain,
  createPlan,
  diffPlans,
  revertRevision,
  type DomainSpec,
  type PlanSpec,
  type ProvisionSpec,
  type RevisionEdit,
  type RevisionSpec,
} from '@parley/core';
import { domainArbitrary, planArbitrary } from './support/arbitraries.js';

// Generated plans and generated edit scripts: every script is compiled to patches, which
// must replay on the base, invert on the result, survive JSON, and leave the (deep-frozen)
// base and the script untouched. Failures print fast-check's seed and path; replay one with
// test.prop([...], { seed: <seed>, path: '<path>' }).

/** An edit before it is resolved against the plan: picks are reduced modulo the points there are. */
type Step =
  | { readonly kind: 'remove'; readonly picks: readonly number[] }
  | { readonly kind: 'update'; readonly pick: number; readonly summary: string | undefined; readonly category: string | undefined; readonly sources: readonly string[] | undefined; readonly assumption: string | null | undefined; readonly provision: readonly [number, number] | null | undefined }
  | { readonly kind: 'add'; readonly after: 'number-order' | 'start' | number; readonly provision: readonly [number, number] | null }
  | { readonly kind: 'renumber' };

const word = fc.constantFrom('Revised.', 'Cut.', 'Bracketed for the leaders.', 'Moved to a separate track.');
const provisionPick = fc.tuple(fc.nat(), fc.nat());

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('remove' as const), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) }),
  fc.record({
    kind: fc.constant('update' as const),
    pick: fc.nat(),
    summary: fc.option(word, { nil: undefined }),
    category: fc.option(fc.constantFrom('territory', 'economy'), { nil: undefined }),
    sources: fc.option(fc.subarray(['S1', 'S2', 'S3'], { minLength: 1 }), { nil: undefined }),
    assumption: fc.option(fc.option(word, { nil: null }), { nil: undefined }),
    provision: fc.option(fc.option(provisionPick, { nil: null }), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('add' as const), after: fc.oneof(fc.constant('number-order' as const), fc.constant('start' as const), fc.nat()), provision: fc.option(provisionPick, { nil: null }) }),
  fc.constant({ kind: 'renumber' as const }),
);

/** A point during resolution: its number, its number in the base (if carried), and the issue it settles. */
interface Tracked {
  number: number;
  readonly origin: number | undefined;
  settles: readonly string[];
}

/**
 * Turns abstract steps into a valid edit script for `base`: numbers that exist at each edit,
 * at least one point left, fresh numbers for new points, and provisions that never settle an
 * issue two ways (each new provision takes an issue no other point settles), so the result
 * is a valid plan over `domain`. Also returns what the script should do to the points.
 */
function resolve(domain: DomainSpec, base: PlanSpec, steps: readonly Step[]) {
  let points: Tracked[] = base.points.map((point) => ({ number: point.number, origin: point.number, settles: point.provisions.map((p) => p.issue) }));
  const edits: RevisionEdit[] = [];
  const freeProvision = (pick: readonly [number, number], except: Tracked | undefined): ProvisionSpec[] => {
    const taken = new Set(points.filter((point) => point !== except).flatMap((point) => point.settles));
    const free = domain.issues.filter((issue) => !taken.has(issue.id));
    if (free.length === 0) return [];
    const issue = free[pick[0] % free.length]!;
    return [{ issue: issue.id, option: issue.options[pick[1] % issue.options.length]!.id }];
  };
  for (const step of steps) {
    if (step.kind === 'remove') {
      if (points.length <= 1) continue;
      const numbers = [...new Set(step.picks.map((pick) => points[pick % points.length]!.number))].slice(0, points.length - 1);
      edits.push({ removePoints: numbers });
      points = points.filter((point) => !numbers.includes(point.number));
    } else if (step.kind === 'update') {
      const point = points[step.pick % points.length]!;
      const set: Record<string, unknown> = {};
      if (step.summary !== undefined) set['summary'] = step.summary;
      if (step.category !== undefined) set['category'] = step.category;
      if (step.sources !== undefined) set['sources'] = step.sources;
      if (step.assumption !== undefined) set['assumption'] = step.assumption;
      if (step.provision !== undefined) {
        const provisions = step.provision === null ? [] : freeProvision(step.provision, point);
        set['provisions'] = provisions;
        point.settles = provisions.map((p) => p.issue);
      }
      edits.push({ updatePoint: point.number, set });
    } else if (step.kind === 'add') {
      const number = Math.max(...points.map((point) => point.number)) + 1;
      const provisions = step.provision === null ? [] : freeProvision(step.provision, undefined);
      const addPoint = { number, summary: 'A new point.', category: 'new', sources: ['S9'], provisions };
      const tracked: Tracked = { number, origin: undefined, settles: provisions.map((p) => p.issue) };
      if (step.after === 'number-order') {
        edits.push({ addPoint });
        points.push(tracked);
      } else if (step.after === 'start') {
        edits.push({ addPoint, after: 0 });
        points.unshift(tracked);
      } else {
        const index = step.after % points.length;
        edits.push({ addPoint, after: points[index]!.number });
        points.splice(index + 1, 0, tracked);
      }
    } else {
      edits.push({ renumber: true });
      points.forEach((point, index) => (point.number = index + 1));
    }
  }
  return { edits, points };
}

/** Generated plans get assumptions on some points, so that `assumption: null` has something to remove. */
const scenarioArbitrary = domainArbitrary.chain((domain) =>
  fc.record({
    domain: fc.constant(domain),
    base: planArbitrary(domain).chain((plan) =>
      fc.array(fc.boolean(), { minLength: plan.points.length, maxLength: plan.points.length }).map((flags): PlanSpec => ({
        ...plan,
        points: plan.points.map((point, index) => (flags[index] ? { ...point, assumption: 'Inferred.' } : point)),
      })),
    ),
    steps: fc.array(stepArbitrary, { maxLength: 8 }),
  }),
);

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function anythingFrozen(value: unknown): boolean {
  return value !== null && typeof value === 'object' && (Object.isFrozen(value) || Object.values(value).some(anythingFrozen));
}

function revisionOf(base: PlanSpec, edits: readonly RevisionEdit[]): RevisionSpec {
  return { id: 'generated', base: base.id, author: 'A mediator', date: '2025-11-25', rationale: 'Generated.', sources: ['S1'], set: { id: 'revised', title: 'Revised' }, edits };
}

describe('revisions as patches', () => {
  test.prop([scenarioArbitrary])('replay and invert round-trip, the deep-frozen base is untouched, and patches survive JSON', ({ domain: domainSpec, base: unfrozen, steps }) => {
    const base = deepFreeze(structuredClone(unfrozen));
    const snapshot = JSON.stringify(base);
    const { edits } = resolve(domainSpec, base, steps);
    const spec = revisionOf(base, edits);
    const { plan, revision } = compileRevision(base, spec, { domain: createDomain(domainSpec) });

    expect(JSON.stringify(base)).toBe(snapshot);
    expect(anythingFrozen(spec)).toBe(false);
    expect(applyRevision(base, revision)).toEqual(plan);
    expect(revertRevision(plan, revision)).toEqual(base);

    const stored = JSON.parse(JSON.stringify(revision)) as typeof revision;
    expect(stored).toEqual(revision);
    expect(applyRevision(base, stored)).toEqual(plan);
    expect(revertRevision(plan, stored)).toEqual(base);
    expect(JSON.stringify(base)).toBe(snapshot);
  });

  test.prop([scenarioArbitrary])('the result records where each point came from, and diffPlans reads it back', ({ domain: domainSpec, base, steps }) => {
    const domain = createDomain(domainSpec);
    const { edits, points } = resolve(domainSpec, base, steps);
    const { plan } = compileRevision(base, revisionOf(base, edits), { domain });
    expect(plan.basedOn).toBe(base.id);
    expect(plan.points.map((point) => [point.number, point.basedOn])).toEqual(points.map((point) => [point.number, point.origin]));

    const before = createPlan(domain, base);
    const after = createPlan(domain, plan);
    const diff = diffPlans(before, after);
    const kept = new Set(points.flatMap((point) => (point.origin === undefined ? [] : [point.origin])));
    expect(diff.matchedBy).toBe('basedOn');
    expect(diff.removed.map((point) => point.number)).toEqual(base.points.map((point) => point.number).filter((number) => !kept.has(number)));
    expect(diff.added.map((point) => point.number)).toEqual(points.filter((point) => point.origin === undefined).map((point) => point.number));
    expect(diff.changed.length + diff.unchanged.length).toBe(kept.size);
    const [from, to] = [before.settlement, after.settlement];
    for (const issue of domain.issues) {
      const move = diff.issues.find((candidate) => candidate.issue === issue.id);
      const a = from[issue.index]!;
      const b = to[issue.index]!;
      const expected = a === b ? undefined : a === OPEN ? 'settled' : b === OPEN ? 'opened' : 'changed';
      expect(move?.kind).toBe(expected);
    }
  });
});
