import { Domain, validateDomainSpec } from '../model/domain.js';
import { ParleyError, ScenarioError } from '../model/errors.js';
import { deepFreeze } from '../model/freeze.js';
import { bindParty, validatePartySpec, type Party } from '../model/party.js';
import { compileCheckedRevision } from '../history/compile-revision.js';
import { inFileKeyOrder } from '../history/key-order.js';
import type { Revision } from '../history/revision.js';
import { checkRevisionShape, checkRevisionSpec } from '../history/validate-revision.js';
import { bindPlan, validatePlanSpec, type Plan } from '../model/plan.js';
import type { PathSegment } from '../model/problems.js';
import { ProblemList, likelyIntended } from '../model/problems.js';
import { checkShape } from '../model/schema.js';
import { lowReliabilityKeys } from '../model/source-reliability.js';
import { scenarioSchema } from './scenario-schema.js';
import type { PlanSpec } from '../model/specs.js';
import type { ScenarioSpec, SourceCitation } from './scenario-spec.js';
import { controlSchema, validateControlReferences, type ControlSpec } from './control-spec.js';

/**
 * A validated, immutable scenario: domain, parties and plan versions, all bound together.
 * `plans` lists the plans written out in full, then the result of each revision in order.
 */
export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly asOf?: string;
  /**
   * Source keys → citations, as the spec wrote them: a citation string, or an entry
   * `{ citation, reliability?, note? }` (`reliability: 'low'` marks a weak source).
   */
  readonly sources: Readonly<Record<string, SourceCitation>>;
  readonly domain: Domain;
  readonly parties: readonly Party[];
  readonly plans: readonly Plan[];
  /** The scenario's revisions, in the order they were applied, with their patches. */
  readonly revisions: readonly Revision[];
  /** Who controls which moves, and the named outcomes, when the scenario says (`control.yaml`). */
  readonly control?: ControlSpec;
}

/**
 * Validates a whole scenario and returns it bound and frozen. Every problem in every part
 * is collected first; if there is any, a single {@link ScenarioError} lists them all and
 * nothing half-loaded is returned. The input is never mutated.
 *
 * Besides each part's own checks, it checks the references between parts: plan
 * signatories name parties, `basedOn` names a plan and its points, and (when the scenario
 * lists `sources`) every cited source key is listed.
 *
 * Revisions (`spec.revisions`) are applied in order after the plans: each starts from a
 * plan or an earlier revision's result, and its result joins `scenario.plans`.
 *
 * @example
 * ```ts
 * const scenario = createScenario({ id: 'demo', title: 'Demo', domain, parties: [russia, ukraine], plans: [draft] });
 * scenario.parties.map((party) => party.id); // ['russia', 'ukraine']
 * ```
 */
export function createScenario(spec: ScenarioSpec): Scenario {
  const problems = new ProblemList();
  validateScenarioSpec(spec, problems);
  if (!problems.isEmpty) throw new ScenarioError(`Scenario "${(spec as { id?: unknown } | null)?.id ?? '?'}"`, problems.items);
  const domain = new Domain(spec.domain);
  const { plans, revisions } = applyRevisions(spec);
  // The parties and plans carry the scenario's weak sources, so that an assessment can say
  // when its verdict rests on them alone (Assessment.restsOnLowReliabilitySources).
  const low = lowReliabilityKeys(spec.sources ?? {});
  return deepFreeze({
    id: spec.id,
    title: spec.title,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    ...(spec.asOf === undefined ? {} : { asOf: spec.asOf }),
    sources: structuredClone(spec.sources ?? {}),
    domain,
    parties: spec.parties.map((party) => bindParty(domain, party, low)),
    plans: plans.map((plan) => bindPlan(domain, plan, low)),
    revisions,
    ...(spec.control === undefined ? {} : { control: structuredClone(spec.control) }),
  });
}

/** The scenario's plans followed by the result of each revision, and the revisions. */
function applyRevisions(spec: ScenarioSpec): { plans: PlanSpec[]; revisions: Revision[] } {
  const plans = [...spec.plans];
  const byId = new Map(plans.map((plan) => [plan.id, plan]));
  const revisions: Revision[] = [];
  for (const revisionSpec of spec.revisions ?? []) {
    const { plan, revision } = compileCheckedRevision(byId.get(revisionSpec.base)!, revisionSpec);
    byId.set(plan.id, plan);
    plans.push(inFileKeyOrder(plan));
    revisions.push(revision);
  }
  return { plans, revisions };
}

/** Adds every problem of a scenario spec to `problems`. */
export function validateScenarioSpec(spec: unknown, problems: ProblemList): spec is ScenarioSpec {
  // Validate the parts one by one so that a problem in one part does not hide the others.
  const shape = spec as Partial<Record<keyof ScenarioSpec, unknown>> | null;
  if (shape === null || typeof shape !== 'object' || Array.isArray(shape)) {
    problems.add('invalid-shape', [], 'a scenario must be an object with id, title, domain, parties and plans');
    return false;
  }
  const { domain: domainSpec, parties, plans, revisions, control, ...header } = shape;
  const headerOk = checkShape(scenarioSchema.omit({ domain: true, parties: true, plans: true, revisions: true, control: true }), header, problems) !== undefined;
  const controlOk = control === undefined || checkShape(controlSchema, control, problems, ['control']) !== undefined;
  if (!validateDomainSpec(domainSpec, problems, ['domain'])) return false;
  const domain = new Domain(domainSpec);
  if (!Array.isArray(parties) || parties.length === 0) problems.add('invalid-shape', ['parties'], 'a scenario needs a list of at least one party');
  if (!Array.isArray(plans)) problems.add('invalid-shape', ['plans'], 'a scenario needs a list of plans (it may be empty)');
  if (revisions !== undefined && !Array.isArray(revisions)) problems.add('invalid-shape', ['revisions'], 'must be a list of revisions (or left out)');
  if (!Array.isArray(parties) || !Array.isArray(plans)) return false;
  const partiesOk = parties.map((party, index) => validatePartySpec(party, domain, problems, ['parties', index])).every(Boolean);
  const plansOk = plans.map((plan, index) => validatePlanSpec(plan, domain, problems, ['plans', index])).every(Boolean);
  const revisionList: unknown[] = Array.isArray(revisions) ? revisions : [];
  if (!headerOk || !partiesOk || !plansOk) {
    // The revisions cannot be run without valid plans, but their own shape can be checked.
    revisionList.forEach((revision, index) => checkRevisionShape(revision, problems, ['revisions', index]));
    return false;
  }
  const scenario = spec as ScenarioSpec;
  problems.duplicates(['parties'], 'party id', scenario.parties.map((party) => party.id));
  problems.duplicates(['plans'], 'plan id', scenario.plans.map((plan) => plan.id));
  const results = validateRevisions(scenario, revisionList, domain, problems);
  if (scenario.control !== undefined && controlOk) {
    const partyIds = scenario.parties.map((party) => party.id);
    validateControlReferences(scenario.control, domain, partyIds, scenario.sources === undefined ? undefined : Object.keys(scenario.sources), problems, ['control']);
  }
  validateCrossReferences(scenario, [...scenario.plans, ...results], problems);
  if (scenario.sources !== undefined) validateSourceKeys(scenario, problems);
  return problems.isEmpty;
}

/**
 * Checks each revision against the plans and the results of the revisions before it, and
 * returns the results of those that are valid (so later checks can refer to them).
 */
function validateRevisions(scenario: ScenarioSpec, revisions: readonly unknown[], domain: Domain, problems: ProblemList): PlanSpec[] {
  const plans = new Map<string, PlanSpec>(scenario.plans.map((plan) => [plan.id, plan]));
  const results: PlanSpec[] = [];
  const context = {
    plans,
    domain,
    partyIds: scenario.parties.map((party) => party.id),
    ...(scenario.sources === undefined ? {} : { sourceKeys: Object.keys(scenario.sources) }),
  };
  revisions.forEach((revision, index) => {
    const result = checkRevisionSpec(revision, context, problems, ['revisions', index]);
    if (result === undefined) return;
    plans.set(result.id, result);
    results.push(result);
  });
  // A revision without an id (already reported) gets a placeholder that matches nothing.
  const ids = revisions.map((revision, index) => {
    const id = (revision as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? id : `\u0000${index}`;
  });
  problems.duplicates(['revisions'], 'revision id', ids);
  return results;
}

/** Checks the references of the scenario's own plans; `allPlans` adds the revisions' results, which a plan may be based on. */
function validateCrossReferences(scenario: ScenarioSpec, allPlans: readonly PlanSpec[], problems: ProblemList): void {
  const partyIds = scenario.parties.map((party) => party.id);
  const planIds = allPlans.map((plan) => plan.id);
  scenario.parties.forEach((party, partyIndex) => party.redLines.forEach((redLine, index) => {
    if (redLine.price !== undefined && !partyIds.includes(redLine.price.party)) problems.unknown('unknown-party', ['parties', partyIndex, 'redLines', index, 'price', 'party'], 'party', redLine.price.party, partyIds);
  }));
  scenario.plans.forEach((plan, planIndex) => {
    (plan.signatories ?? []).forEach((signatory, index) => {
      if (!partyIds.includes(signatory)) problems.unknown('unknown-party', ['plans', planIndex, 'signatories', index], 'party', signatory, partyIds);
    });
    if (plan.basedOn === undefined) return;
    const base = allPlans.find((candidate) => candidate.id === plan.basedOn);
    if (base === undefined) {
      problems.unknown('unknown-plan', ['plans', planIndex, 'basedOn'], 'plan', plan.basedOn, planIds.filter((id) => id !== plan.id));
      return;
    }
    const baseNumbers = base.points.map((point) => point.number);
    plan.points.forEach((point, pointIndex) => {
      if (point.basedOn !== undefined && !baseNumbers.includes(point.basedOn)) {
        problems.add('unknown-point', ['plans', planIndex, 'points', pointIndex, 'basedOn'], `plan "${base.id}" has no point ${point.basedOn}; it has points ${summariseNumbers(baseNumbers)}`);
      }
    });
  });
  scenario.plans.forEach((plan, planIndex) => {
    plan.points.forEach((point, pointIndex) => {
      if (point.basedOn !== undefined && plan.basedOn === undefined) {
        problems.add('unknown-plan', ['plans', planIndex, 'points', pointIndex, 'basedOn'], `point ${point.number} says it is based on a point, but plan "${plan.id}" names no basedOn plan`);
      }
    });
  });
}

function validateSourceKeys(scenario: ScenarioSpec, problems: ProblemList): void {
  const known = Object.keys(scenario.sources ?? {});
  const check = (keys: readonly string[] | undefined, path: readonly PathSegment[]) => {
    (keys ?? []).forEach((key, index) => {
      if (!known.includes(key)) problems.unknown('unknown-source', [...path, index], 'source key', key, known);
    });
  };
  scenario.domain.issues.forEach((issue, index) => check(issue.sources, ['domain', 'issues', index, 'sources']));
  scenario.parties.forEach((party, partyIndex) => {
    party.redLines.forEach((redLine, index) => check(redLine.sources, ['parties', partyIndex, 'redLines', index, 'sources']));
    party.redLines.forEach((redLine, index) => redLine.price === undefined || check(redLine.price.sources, ['parties', partyIndex, 'redLines', index, 'price', 'sources']));
    (party.preferences.interactions ?? []).forEach((interaction, index) =>
      check(interaction.sources, ['parties', partyIndex, 'preferences', 'interactions', index, 'sources']),
    );
  });
  scenario.plans.forEach((plan, planIndex) => {
    check(plan.sources, ['plans', planIndex, 'sources']);
    plan.points.forEach((point, index) => check(point.sources, ['plans', planIndex, 'points', index, 'sources']));
  });
}

function summariseNumbers(numbers: readonly number[]): string {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted.length <= 6 ? sorted.join(', ') : `${sorted[0]}–${sorted[sorted.length - 1]}`;
}

/**
 * The party with this id; throws a `ParleyError` (`UNKNOWN_PARTY`) naming the known ids.
 *
 * @example
 * ```ts
 * const russia = partyOf(scenario, 'russia');
 * ```
 */
export function partyOf(scenario: Scenario, partyId: string): Party {
  const party = scenario.parties.find((candidate) => candidate.id === partyId);
  if (party === undefined) throw new ParleyError('UNKNOWN_PARTY', `unknown party "${partyId}"; known: ${scenario.parties.map((p) => p.id).join(', ')}`);
  return party;
}

/**
 * The plan with this id; throws a `ParleyError` (`UNKNOWN_PLAN`) naming the known ids and,
 * when the id looks misspelt, the likely intended one.
 *
 * @example
 * ```ts
 * const draft = planOf(scenario, 'us-28');
 * ```
 */
export function planOf(scenario: Scenario, planId: string): Plan {
  const plan = scenario.plans.find((candidate) => candidate.id === planId);
  if (plan === undefined) {
    const known = scenario.plans.map((p) => p.id);
    // A revision's id is a natural thing to try: point to the plan it produces.
    const revision = scenario.revisions.find((candidate) => candidate.id === planId);
    if (revision !== undefined) {
      throw new ParleyError('UNKNOWN_PLAN', `"${planId}" is a revision, not a plan (did you mean "${revision.result}", the plan it produces?); known plans: ${known.join(', ')}`);
    }
    const guess = likelyPlanId(planId, known);
    throw new ParleyError('UNKNOWN_PLAN', `unknown plan "${planId}"${guess === undefined ? '' : ` (did you mean "${guess}"?)`}; known: ${known.join(', ')}`);
  }
  return plan;
}

/**
 * The plan id `planId` most likely stands for. Plan ids are short words joined by dashes, and
 * people abbreviate them ("us-19" for "us-ukraine-19", "e3" for "e3-counterproposal"), which
 * edit distance alone gets wrong ("us-19" is two edits from "us-28"). So a single known id
 * containing every word of `planId` wins; otherwise the closest by edit distance.
 */
function likelyPlanId(planId: string, known: readonly string[]): string | undefined {
  const words = (id: string) => id.toLowerCase().split(/[^a-z0-9]+/).filter((word) => word !== '');
  const wanted = words(planId);
  const containing = known.filter((id) => wanted.length > 0 && wanted.every((word) => words(id).includes(word)));
  if (containing.length === 1) return containing[0];
  return likelyIntended(planId, known);
}
