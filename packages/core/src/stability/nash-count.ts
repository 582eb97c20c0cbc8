import type { StepCounter } from '../analysis/search-budget.js';
import { keepsRedLines } from '../model/compiled-party.js';
import { ruleIssues } from '../model/rule.js';
import type { EquilibriaReport, EquilibriumSet } from './equilibria.js';
import { nashStability } from './nash.js';
import { isFeasible, type StabilityModel } from './stability-model.js';

/** A 0/1 (or count) table over some issues: `values[index]`, index mixed-radix over `scope` in order. */
interface Factor {
  readonly scope: readonly number[];
  readonly values: Float64Array;
}

/** The most entries a factor (a party's table, or one made while counting) may have. */
const FACTOR_LIMIT = 1 << 24;

/**
 * @internal The issues a party's Nash stability at a state depends on (its support): those it
 * moves, those its red lines name (under `infeasible`: everyone's, since its moves must end at
 * states), and those its interaction terms tie to the issues it moves. On every other issue a
 * state and each of its moves agree, and those issues add the same to its utility before and
 * after. Empty for a party that moves nothing (it is stable everywhere).
 */
export function nashSupport(model: StabilityModel, p: number): number[] {
  const own = model.controlled[p]!;
  if (own.length === 0) return [];
  const set = new Set<number>(own);
  const redLineIssues = (q: number) => model.parties[q]!.held.flatMap((r) => ruleIssues(model.parties[q]!.rules.redLines[r]!.rule));
  if (model.redLines === 'never-move-to') redLineIssues(p).forEach((i) => set.add(i));
  if (model.redLines === 'infeasible') model.parties.forEach((_, q) => redLineIssues(q).forEach((i) => set.add(i)));
  for (const term of model.parties[p]!.rules.interactions) if (term.issues.some((i) => own.includes(i))) term.issues.forEach((i) => set.add(i));
  return [...set].sort((a, b) => a - b);
}

/**
 * @internal The Nash equilibria of a conflict counted exactly without visiting them: each
 * party's Nash stability is a table over its support (its verdict for every combination of
 * the options there, a few thousand entries where the whole space has 10^8), feasibility
 * under `infeasible` is a table per party over its red lines' issues, and the count is the
 * sum over all states of the product of the tables — computed by variable elimination:
 * issues only one table names are summed out of it at once, shared issues one at a time
 * (the one whose elimination makes the smallest table first), and issues no table names
 * multiply the count. The equilibria listed (the first `listLimit` sets) come from a
 * depth-first walk that looks each table up as soon as its issues are set.
 *
 * Work units: one per table entry computed (a party's verdict at one entry is one unit, its
 * moves not counted) and one per entry combined while eliminating. Returns undefined when a
 * table would pass {@link FACTOR_LIMIT} entries (the caller then searches instead).
 */
export function countNashEquilibria(model: StabilityModel, counter: StepCounter, listLimit: number): EquilibriaReport | undefined {
  const { optionCounts } = model;
  const sizeOf = (scope: readonly number[]) => scope.reduce((n, i) => n * optionCounts[i]!, 1);
  const supports = model.parties.map((_, p) => nashSupport(model, p));
  const feasibilityScopes = model.redLines === 'infeasible'
    ? model.parties.map((party) => [...new Set(party.held.flatMap((r) => ruleIssues(party.rules.redLines[r]!.rule)))].sort((a, b) => a - b))
    : [];
  if ([...supports, ...feasibilityScopes].some((scope) => sizeOf(scope) > FACTOR_LIMIT)) return undefined;
  const incomplete = (count: number, sets: EquilibriumSet[] = []): EquilibriaReport => ({ concept: 'nash', count, sets, truncated: false, complete: false });

  // The tables: each party's Nash verdict over its support, each party's red lines over theirs.
  const factors: Factor[] = [];
  const state = new Uint8Array(model.issueCount);
  const tabulate = (scope: readonly number[], entry: () => boolean | null): boolean => {
    const values = new Float64Array(sizeOf(scope));
    for (let index = 0; index < values.length; index++) {
      if (!counter.spend()) return false;
      let rest = index;
      for (let k = scope.length - 1; k >= 0; k--) {
        const n = optionCounts[scope[k]!]!;
        state[scope[k]!] = rest % n;
        rest = Math.floor(rest / n);
      }
      const verdict = entry();
      if (verdict === null) return false;
      values[index] = verdict ? 1 : 0;
    }
    state.fill(0);
    factors.push({ scope, values });
    return true;
  };
  // The verdict's own moves are not charged: one unit stands for one verdict.
  const unlimited = { spend: () => true } as unknown as StepCounter;
  for (let p = 0; p < model.parties.length; p++) {
    if (supports[p]!.length === 0) continue;
    // Under `infeasible` the support holds every red line's issues, so an entry that is not a
    // state is known at once (the feasibility tables zero it anyway): no verdict needed.
    if (!tabulate(supports[p]!, () => (isFeasible(model, state) ? nashStability(model, p, state, unlimited).stable : false))) return incomplete(0);
  }
  for (let q = 0; q < feasibilityScopes.length; q++) {
    if (feasibilityScopes[q]!.length > 0 && !tabulate(feasibilityScopes[q]!, () => keepsRedLines(model.parties[q]!, state))) return incomplete(0);
  }

  const named = new Set(factors.flatMap((factor) => factor.scope));
  const free = optionCounts.map((_, i) => i).filter((i) => !named.has(i));
  const freeCount = sizeOf(free);
  const total = eliminate(factors, optionCounts, counter);
  if (total === undefined) return incomplete(0);
  // Nothing to list when there is nothing (and the walk would only look for it).
  const sets = total === 0 ? [] : listEquilibria(model, factors, free, freeCount, listLimit, counter);
  const count = total * freeCount;
  // The count is exact whatever the listing got to; `truncated` says the list is not all.
  return { concept: 'nash', count, sets, truncated: count > sets.reduce((sum, set) => sum + set.count, 0), complete: true };
}

/** The sum over every assignment of the product of the factors (variable elimination); undefined when out of budget or too large. */
function eliminate(input: readonly Factor[], optionCounts: readonly number[], counter: StepCounter): number | undefined {
  let factors = [...input];
  const sizeOf = (scope: readonly number[]) => scope.reduce((n, i) => n * optionCounts[i]!, 1);
  for (;;) {
    const variables = [...new Set(factors.flatMap((factor) => factor.scope))];
    if (variables.length === 0) break;
    // The variable whose elimination makes the smallest table (ties: the lowest issue index).
    let best = -1;
    let bestScope: number[] = [];
    let bestSize = Infinity;
    for (const v of variables.sort((a, b) => a - b)) {
      const scope = [...new Set(factors.filter((factor) => factor.scope.includes(v)).flatMap((factor) => factor.scope))].filter((i) => i !== v).sort((a, b) => a - b);
      const size = sizeOf(scope) * optionCounts[v]!;
      if (size < bestSize) [best, bestScope, bestSize] = [v, scope, size];
    }
    if (bestSize > FACTOR_LIMIT) return undefined;
    const joined = factors.filter((factor) => factor.scope.includes(best));
    const rest = factors.filter((factor) => !factor.scope.includes(best));
    const values = new Float64Array(sizeOf(bestScope));
    const assignment = new Uint8Array(optionCounts.length);
    const indexIn = (factor: Factor) => {
      let index = 0;
      for (const i of factor.scope) index = index * optionCounts[i]! + assignment[i]!;
      return index;
    };
    for (let index = 0; index < values.length; index++) {
      if (!counter.spend(optionCounts[best]!)) return undefined;
      let left = index;
      for (let k = bestScope.length - 1; k >= 0; k--) {
        const n = optionCounts[bestScope[k]!]!;
        assignment[bestScope[k]!] = left % n;
        left = Math.floor(left / n);
      }
      let sum = 0;
      for (let o = 0; o < optionCounts[best]!; o++) {
        assignment[best] = o;
        let product = 1;
        for (const factor of joined) {
          product *= factor.values[indexIn(factor)]!;
          if (product === 0) break;
        }
        sum += product;
      }
      values[index] = sum;
    }
    factors = [...rest, { scope: bestScope, values }];
  }
  return factors.reduce((product, factor) => product * factor.values[0]!, 1);
}

/** The first `listLimit` equilibrium sets, by a depth-first walk over the issues the tables name. */
function listEquilibria(model: StabilityModel, factors: readonly Factor[], free: readonly number[], freeCount: number, listLimit: number, counter: StepCounter): EquilibriumSet[] {
  const { optionCounts, domain } = model;
  const order = [...new Set(factors.flatMap((factor) => factor.scope))].sort((a, b) => a - b);
  const position = new Map(order.map((issue, k) => [issue, k]));
  // Each factor is looked up at the depth where its last issue is set.
  const dueAt = order.map(() => [] as Factor[]);
  for (const factor of factors) dueAt[Math.max(...factor.scope.map((i) => position.get(i)!))]!.push(factor);
  const state = new Uint8Array(model.issueCount);
  const sets: EquilibriumSet[] = [];
  /** False when the walk is to stop: the list is full or the budget is spent. */
  const walk = (depth: number): boolean => {
    if (sets.length >= listLimit) return false;
    if (depth === order.length) {
      const choices: Record<string, string> = {};
      for (const i of order) choices[domain.issues[i]!.id] = domain.issues[i]!.options[state[i]!]!.id;
      sets.push({ choices, free: free.map((i) => domain.issues[i]!.id), count: freeCount });
      return true;
    }
    const issue = order[depth]!;
    for (let o = 0; o < optionCounts[issue]!; o++) {
      if (!counter.spend()) return false;
      state[issue] = o;
      let ok = true;
      for (const factor of dueAt[depth]!) {
        let index = 0;
        for (const i of factor.scope) index = index * optionCounts[i]! + state[i]!;
        if (factor.values[index] === 0) {
          ok = false;
          break;
        }
      }
      if (ok && !walk(depth + 1)) return false;
    }
    state[issue] = 0;
    return true;
  };
  walk(0);
  return sets;
}
