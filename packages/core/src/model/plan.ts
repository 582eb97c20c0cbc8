import type { Domain } from './domain.js';
import { ParleyError, ScenarioError } from './errors.js';
import { deepFreeze } from './freeze.js';
import { OPEN, type Settlement } from './outcome.js';
import { planTextOf } from './plan-text.js';
import type { PathSegment } from './problems.js';
import { ProblemList } from './problems.js';
import { checkShape, planSchema } from './schema.js';
import { markSources } from './source-reliability.js';
import type { PlanSpec, PointSpec } from './specs.js';

/**
 * A validated, immutable plan version bound to a domain. Serialises to its spec.
 * Issues no point settles are *open*: `settlement[issue] === OPEN`.
 */
export interface Plan extends PlanSpec {
  readonly domain: Domain;
  /** One option index per issue, or `OPEN` where no point settles the issue (a fresh copy on every read). */
  readonly settlement: Settlement;
  /** For each issue index, the numbers of the points that settle it (empty when open). */
  readonly settledBy: readonly (readonly number[])[];
}

/**
 * Validates a plan spec against `domain` and returns an immutable {@link Plan}.
 * Throws a {@link ScenarioError} listing every problem (unknown issues or options,
 * repeated point numbers, two points settling one issue differently).
 *
 * @example
 * ```ts
 * const plan = createPlan(domain, {
 *   id: 'draft', title: 'Draft', date: '2025-11-20', author: 'Mediator',
 *   points: [{ number: 1, summary: 'Army capped at 800,000.', category: 'military-limits',
 *              sources: ['S39'], provisions: [{ issue: 'army.cap', option: '800k' }] }],
 * });
 * openIssues(plan); // every issue but army.cap
 * ```
 */
export function createPlan(domain: Domain, spec: PlanSpec): Plan {
  const problems = new ProblemList();
  validatePlanSpec(spec, domain, problems, []);
  if (!problems.isEmpty) throw new ScenarioError(`Plan "${(spec as { id?: unknown }).id ?? '?'}"`, problems.items);
  return bindPlan(domain, spec);
}

/**
 * @internal Builds a plan from a spec that has already been validated. `lowReliability`:
 * the source keys its scenario marks `reliability: low`, which assessments of the plan judge
 * its points' sources with (none for a plan made alone).
 */
export function bindPlan(domain: Domain, spec: PlanSpec, lowReliability: ReadonlySet<string> = new Set()): Plan {
  const plan = deepFreeze(structuredClone(spec)) as PlanSpec;
  // The settlement and who settles what, as the engine reads every text.
  const text = planTextOf(domain, plan);
  const bound = { ...plan };
  Object.defineProperties(bound, {
    domain: { value: domain, enumerable: false },
    // Typed arrays cannot be frozen, so every read gets its own copy: a caller that writes
    // into it changes nothing in the plan.
    settlement: { get: () => text.settlement.slice(), enumerable: false },
    settledBy: { value: deepFreeze(text.settledBy.map((points) => [...points])), enumerable: false },
  });
  markSources(bound, lowReliability);
  return Object.freeze(bound) as Plan;
}

/** Adds every problem of a plan spec (shape, references, conflicts) to `problems`. */
export function validatePlanSpec(spec: unknown, domain: Domain, problems: ProblemList, path: readonly PathSegment[]): spec is PlanSpec {
  const plan = checkShape<PlanSpec>(planSchema, spec, problems, path);
  if (plan === undefined) return false;
  problems.duplicates([...path, 'points'], 'point number', plan.points.map((point) => point.number));
  const settledAt = new Map<number, { option: string; place: readonly PathSegment[]; point: number }>();
  plan.points.forEach((point, pointIndex) => {
    point.provisions.forEach((provision, provisionIndex) => {
      const place = [...path, 'points', pointIndex, 'provisions', provisionIndex];
      const issueIndex = domain.issueIndex(provision.issue);
      if (issueIndex < 0) {
        problems.unknown('unknown-issue', [...place, 'issue'], 'issue', provision.issue, domain.issues.map((issue) => issue.id));
        return;
      }
      const issue = domain.issues[issueIndex]!;
      if (domain.optionIndex(issueIndex, provision.option) < 0) {
        problems.unknown('unknown-option', [...place, 'option'], `option of "${issue.id}"`, provision.option, issue.options.map((o) => o.id));
        return;
      }
      const earlier = settledAt.get(issueIndex);
      if (earlier !== undefined && earlier.option !== provision.option) {
        problems.add('conflicting-provisions', place, `point ${point.number} settles "${issue.id}" as "${provision.option}", but point ${earlier.point} settles it as "${earlier.option}"; a plan settles each issue one way`);
      } else if (earlier === undefined) {
        settledAt.set(issueIndex, { option: provision.option, place, point: point.number });
      }
    });
  });
  return true;
}

/**
 * The ids of the issues a plan leaves open, in domain order.
 *
 * @example
 * ```ts
 * openIssues(nineteenPointDraft); // ['territory.donetsk-held', 'nato.membership', …]
 * ```
 */
export function openIssues(plan: Plan): string[] {
  return plan.domain.issues.filter((issue) => plan.settlement[issue.index] === OPEN).map((issue) => issue.id);
}

/**
 * The point with this number; throws a `ParleyError` (`UNKNOWN_POINT`) if there is none.
 *
 * @example
 * ```ts
 * pointOf(planOf(scenario, 'us-28'), 21).category; // 'territory'
 * ```
 */
export function pointOf(plan: Plan, number: number): PointSpec {
  const point = plan.points.find((candidate) => candidate.number === number);
  if (point === undefined) throw new ParleyError('UNKNOWN_POINT', `plan "${plan.id}" has no point ${number}`);
  return point;
}
