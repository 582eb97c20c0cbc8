import { OPEN } from '../model/outcome.js';
import type { Party } from '../model/party.js';
import type { Plan } from '../model/plan.js';
import { ParleyError } from '../model/errors.js';
import { activeConstraints, type AnalysisOptions } from './analysis-options.js';
import { compileModel, type ConstraintInfo } from './compiled-model.js';
import { applyChoice, decompose, masksLeaveOptions, type Decomposition } from './decomposition.js';
import { minimalRelaxations, type Relaxation, type RelaxationOptions } from './minimal-relaxations.js';
import { EPSILON } from './pareto-merge.js';
import { StepCounter } from './search-budget.js';

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

/**
 * The smallest changes that make `plan` acceptable to every party: first by point edits
 * alone (changing as few settled issues as possible, and settling the open ones), then, if
 * edits cannot do it, combined with each of the smallest red-line relaxations. Ranked by
 * the number of relaxations plus edits.
 *
 * @example
 * ```ts
 * const [best] = planRepairs(scenario.parties, planOf(scenario, 'us-ukraine-19'));
 * best?.relax.map((line) => line.text);   // the red lines that would have to give
 * best?.changes.map((edit) => edit.issue); // the points that would have to change
 * ```
 */
export function planRepairs(
  parties: readonly Party[],
  plan: Plan,
  options: RelaxationOptions & { /** Relaxations already computed for these parties and options, to reuse. */ readonly relaxations?: readonly Relaxation[] } = {},
): PlanRepair[] {
  const model = compileModel(parties);
  if (plan.domain !== model.domain && JSON.stringify(plan.domain) !== JSON.stringify(model.domain)) {
    throw new ParleyError('DOMAIN_MISMATCH', `plan "${plan.id}" belongs to another domain than the parties`);
  }
  const base = activeConstraints(model, options);
  const direct = repairUnder(parties, plan, base, [], options);
  if (direct !== null) return [direct];
  const repairs: PlanRepair[] = [];
  for (const relaxation of options.relaxations ?? minimalRelaxations(parties, options)) {
    const active = Uint8Array.from(base);
    for (const constraint of relaxation.relax) active[model.constraints.indexOf(constraint)] = 0;
    const repair = repairUnder(parties, plan, active, relaxation.relax, options);
    if (repair !== null) repairs.push(repair);
  }
  return repairs.sort((a, b) => a.cost - b.cost || b.utilities.reduce((s, u) => s + u, 0) - a.utilities.reduce((s, u) => s + u, 0));
}

function repairUnder(parties: readonly Party[], plan: Plan, active: Uint8Array, relax: readonly ConstraintInfo[], options: AnalysisOptions): PlanRepair | null {
  const model = compileModel(parties);
  if (!masksLeaveOptions(model, active)) return null;
  const decomposition = decompose(model, active, { merge: false });
  if (!decomposition.feasible) return null;
  const floor = Float64Array.from(parties, (_, p) => (active[model.reservationConstraint[p]!] === 1 ? model.reservationValues[p]! : -Infinity));
  const settlement = plan.settlement;
  const found = fewestChanges(decomposition, settlement, floor, new StepCounter(options));
  if (found.outcome === null) return null;
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
  return { relax, changes, settlements, utilities: Array.from(found.utilities), cost: relax.length + changes.length, exact: found.complete };
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
