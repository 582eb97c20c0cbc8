import { OPEN } from '../model/outcome.js';
import type { Party } from '../model/party.js';
import type { Plan } from '../model/plan.js';
import { ParleyError } from '../model/errors.js';
import { activeConstraints, type Exactness } from './analysis-options.js';
import { compileModel, type ConstraintInfo } from './compiled-model.js';
import { applyChoice, decompose, masksLeaveOptions, type Decomposition } from './decomposition.js';
import { findRelaxationsBefore, type Relaxation, type RelaxationOptions, type RelaxationSearch } from './minimal-relaxations.js';
import { EPSILON } from './pareto-merge.js';
import { deadlineOf, StepCounter, type StopReason } from './search-budget.js';

/** One change to a plan: an issue settled differently, or an open issue settled. */
export interface PointEdit {
  readonly issue: string;
  /** The option the plan has now, or null when the plan leaves the issue open. */
  readonly from: string | null;
  readonly to: string;
  /** The points that settle the issue now (empty when it is open: a point must be added). */
  readonly points: readonly number[];
}

/** One way to make a plan acceptable to every party. */
export interface PlanRepair {
  /** Red lines set aside (empty when edits alone suffice). */
  readonly relax: readonly ConstraintInfo[];
  /** Settled issues whose option must change: the fewest possible under `relax`. */
  readonly changes: readonly PointEdit[];
  /** Open issues the repaired plan settles, and how. */
  readonly settlements: readonly PointEdit[];
  /** Every party's utility for the repaired plan, in party order. */
  readonly utilities: readonly number[];
  /** `relax.length + changes.length`: what the ranking minimises. */
  readonly cost: number;
  /** True when the search finished, so `changes` is proven minimal under `relax`. */
  readonly exact: boolean;
}

/** Options of {@link planRepairs} and {@link findPlanRepairs}. */
export interface PlanRepairOptions extends RelaxationOptions {
  /**
   * Relaxations already computed for these parties and options, to reuse: the list, or the
   * whole {@link RelaxationSearch} (then a search of them that was cut short makes the
   * repairs that depend on them inexact too).
   */
  readonly relaxations?: readonly Relaxation[] | RelaxationSearch;
}

/**
 * What {@link findPlanRepairs} found, and whether its searches finished. When they did not
 * (`exact: false`), every repair listed still makes the plan acceptable to every party, but
 * one with fewer edits may exist, or under a relaxation that was not tried to the end.
 */
export interface PlanRepairSearch extends Exactness {
  readonly repairs: readonly PlanRepair[];
}

/**
 * The smallest changes that make `plan` acceptable to every party: first by point edits
 * alone (changing as few settled issues as possible, and settling the open ones), then, if
 * edits cannot do it, combined with each of the smallest red-line relaxations. Ranked by
 * the number of relaxations plus edits.
 *
 * The list alone: when a work budget may cut the searches short, {@link findPlanRepairs}
 * says whether it is complete.
 *
 * @example
 * ```ts
 * const [best] = planRepairs(scenario.parties, planOf(scenario, 'us-ukraine-19'));
 * best?.relax.map((line) => line.text);   // the red lines that would have to give
 * best?.changes.map((edit) => edit.issue); // the points that would have to change
 * ```
 */
export function planRepairs(parties: readonly Party[], plan: Plan, options: PlanRepairOptions = {}): PlanRepair[] {
  return [...findPlanRepairs(parties, plan, options).repairs];
}

/**
 * {@link planRepairs} with what the searches guarantee. One work budget (default
 * `DEFAULT_BUDGET`) covers the repair searches: half for the repair by edits alone, the other
 * half shared equally by the repairs under each relaxation. The relaxations, unless passed in
 * `relaxations`, are found first, with a budget of their own.
 *
 * @example
 * ```ts
 * const search = findPlanRepairs(scenario.parties, planOf(scenario, 'us-28'), { budget: 100_000 });
 * if (!search.exact) console.log(search.guarantee);
 * search.repairs[0]?.cost;
 * ```
 */
export function findPlanRepairs(parties: readonly Party[], plan: Plan, options: PlanRepairOptions = {}): PlanRepairSearch {
  return findPlanRepairsBefore(parties, plan, options, deadlineOf(options));
}

/** @internal {@link findPlanRepairs} with the deadline of an enclosing call. */
export function findPlanRepairsBefore(parties: readonly Party[], plan: Plan, options: PlanRepairOptions, deadline: number): PlanRepairSearch {
  const model = compileModel(parties);
  if (plan.domain !== model.domain && JSON.stringify(plan.domain) !== JSON.stringify(model.domain)) {
    throw new ParleyError('DOMAIN_MISMATCH', `plan "${plan.id}" belongs to another domain than the parties`);
  }
  const steps = new StepCounter(options, deadline);
  const base = activeConstraints(model, options);
  const directSteps = steps.slice(Math.ceil(steps.left / 2));
  const direct = repairUnder(parties, plan, base, [], directSteps);
  steps.absorb(directSteps);
  if (direct.repair !== null) {
    return { repairs: [direct.repair], ...repairExactness(steps, direct.complete, 'exact: the plan can be repaired by edits alone, with as few as listed') };
  }
  let complete = direct.complete;
  let relaxationsNote = '';
  const given = options.relaxations;
  const search: RelaxationSearch | null = given === undefined ? findRelaxationsBefore(parties, options, deadline) : 'relaxations' in given ? given : null;
  const relaxations = search?.relaxations ?? (given as readonly Relaxation[]);
  if (search !== null && !search.exact) {
    complete = false;
    relaxationsNote = `; the search for relaxations stopped (${search.stoppedBy}), so not every relaxation was tried`;
  }
  const repairs: PlanRepair[] = [];
  relaxations.forEach((relaxation, index) => {
    const active = Uint8Array.from(base);
    for (const constraint of relaxation.relax) active[model.constraints.indexOf(constraint)] = 0;
    const share = steps.slice(Math.max(1, Math.floor(steps.left / (relaxations.length - index))));
    const found = repairUnder(parties, plan, active, relaxation.relax, share);
    steps.absorb(share);
    if (!found.complete) complete = false;
    if (found.repair !== null) repairs.push(found.repair);
  });
  repairs.sort((a, b) => a.cost - b.cost || b.utilities.reduce((s, u) => s + u, 0) - a.utilities.reduce((s, u) => s + u, 0));
  const block = repairExactness(steps, complete, 'exact: edits alone cannot repair the plan; each repair listed relaxes one minimal set of constraints and edits as few points as possible under it', search?.stoppedBy ?? null);
  return { repairs, ...block, guarantee: `${block.guarantee}${relaxationsNote}` };
}

function repairExactness(steps: StepCounter, complete: boolean, whenExact: string, stoppedBy: StopReason | null = null): Exactness {
  if (complete) return { exact: true, stoppedBy: null, guarantee: whenExact, work: steps.steps };
  return {
    exact: false,
    // A share of the budget can run out while the whole budget has not: that is still the budget.
    stoppedBy: steps.stopped ?? stoppedBy ?? 'budget',
    guarantee: 'the repairs found before the search stopped: each makes the plan acceptable to every party, but one with fewer edits may exist',
    work: steps.steps,
  };
}

/** The fewest-edit repair under the constraints `active`, and whether its search finished (null: none exists, or none was found before it stopped). */
function repairUnder(parties: readonly Party[], plan: Plan, active: Uint8Array, relax: readonly ConstraintInfo[], steps: StepCounter): { repair: PlanRepair | null; complete: boolean } {
  const model = compileModel(parties);
  if (!masksLeaveOptions(model, active)) return { repair: null, complete: true };
  const decomposition = decompose(model, active, { merge: false });
  if (!decomposition.feasible) return { repair: null, complete: true };
  const floor = Float64Array.from(parties, (_, p) => (active[model.reservationConstraint[p]!] === 1 ? model.reservationValues[p]! : -Infinity));
  const settlement = plan.settlement;
  const found = fewestChanges(decomposition, settlement, floor, steps);
  if (found.outcome === null) return { repair: null, complete: found.complete };
  const changes: PointEdit[] = [];
  const settlements: PointEdit[] = [];
  model.domain.issues.forEach((issue) => {
    const to = issue.options[found.outcome![issue.index]!]!.id;
    const current = settlement[issue.index]!;
    if (current === OPEN) settlements.push({ issue: issue.id, from: null, to, points: [] });
    else if (current !== found.outcome![issue.index]) {
      changes.push({ issue: issue.id, from: issue.options[current]!.id, to, points: plan.settledBy[issue.index] ?? [] });
    }
  });
  return { repair: { relax, changes, settlements, utilities: Array.from(found.utilities), cost: relax.length + changes.length, exact: found.complete }, complete: found.complete };
}

/** Depth-first branch and bound for the outcome within the floors that changes the fewest settled issues. */
function fewestChanges(decomposition: Decomposition, settlement: Int16Array, floor: Float64Array, steps: StepCounter) {
  const { groups, model, maxFrom } = decomposition;
  const n = model.partyCount;
  const costs = groups.map((group) => {
    const width = group.issues.length;
    return Int32Array.from({ length: group.choiceCount }, (_, c) => {
      let cost = 0;
      for (let k = 0; k < width; k++) {
        const settled = settlement[group.issues[k]!]!;
        if (settled !== OPEN && settled !== group.options[c * width + k]) cost++;
      }
      return cost;
    });
  });
  const leastFrom = new Int32Array(groups.length + 1);
  for (let g = groups.length - 1; g >= 0; g--) leastFrom[g] = leastFrom[g + 1]! + Math.min(...costs[g]!);
  // Fewest changes first; among equal costs, the choices with the most total utility, so
  // the first repair found settles open issues in the way that is best for the parties.
  const welfare = (group: (typeof groups)[number], c: number) => {
    let sum = 0;
    for (let p = 0; p < n; p++) sum += group.contributions[c * n + p]!;
    return sum;
  };
  const order = costs.map((list, g) => Array.from(list.keys()).sort((a, b) => list[a]! - list[b]! || welfare(groups[g]!, b) - welfare(groups[g]!, a) || a - b));
  const path = new Int32Array(groups.length);
  const scratch = Array.from({ length: groups.length + 1 }, () => new Float64Array(n));
  let bestCost = Infinity;
  let bestOutcome: Uint8Array | null = null;
  let bestUtilities = new Float64Array(n);
  const visit = (g: number, cost: number): void => {
    if (cost + leastFrom[g]! >= bestCost || !steps.spend()) return;
    const u = scratch[g]!;
    for (let p = 0; p < n; p++) if (u[p]! + maxFrom[g * n + p]! < floor[p]! - EPSILON) return;
    if (g === groups.length) {
      for (let p = 0; p < n; p++) if (u[p]! < floor[p]! - EPSILON) return;
      bestCost = cost;
      bestOutcome = new Uint8Array(model.issueCount);
      groups.forEach((group, h) => applyChoice(group, path[h]!, bestOutcome!));
      bestUtilities = u.slice();
      return;
    }
    const group = groups[g]!;
    const next = scratch[g + 1]!;
    for (const c of order[g]!) {
      for (let p = 0; p < n; p++) next[p] = u[p]! + group.contributions[c * n + p]!;
      path[g] = c;
      visit(g + 1, cost + costs[g]![c]!);
    }
  };
  visit(0, 0);
  return { outcome: bestOutcome as Uint8Array | null, utilities: bestUtilities, complete: steps.stopped === null };
}
