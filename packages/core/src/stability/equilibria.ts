import type { StepCounter } from '../analysis/search-budget.js';
import { ruleIssues } from '../model/rule.js';
import { checkConcept } from './concept-check.js';
import { countNashEquilibria, nashSupport } from './nash-count.js';
import { isFeasible, type StabilityModel } from './stability-model.js';
import type { StabilityConcept } from './verdict.js';

/**
 * A set of equilibria written compactly: the options of the issues it fixes, and the issues
 * it leaves free (`'*'`: every option of theirs gives an equilibrium too).
 */
export interface EquilibriumSet {
  readonly choices: Readonly<Record<string, string>>;
  /** The issues whose every option gives an equilibrium, with the rest as in `choices`. */
  readonly free: readonly string[];
  /** How many outcomes the set stands for. */
  readonly count: number;
}

/** Every equilibrium under one concept: how many, and the first `listLimit` sets of them. */
export interface EquilibriaReport {
  readonly concept: StabilityConcept;
  /** How many outcomes are equilibria (a lower bound when the search was cut short). */
  readonly count: number;
  readonly sets: readonly EquilibriumSet[];
  /** True when more sets exist than `sets` lists. */
  readonly truncated: boolean;
  /** False when the work budget stopped the search: `count` and `sets` are then the equilibria found so far. */
  readonly complete: boolean;
  /**
   * When cut short, where `count` comes from if not from the equilibria found so far: a
   * sanction-based concept's count is then at least the number of Nash equilibria (each is
   * one), when that is larger and known exactly.
   */
  readonly lowerBound?: 'found' | 'nash';
}

/** The issues a party's red lines name. */
function redLineIssues(model: StabilityModel, p: number): number[] {
  const party = model.parties[p]!;
  return party.held.flatMap((r) => ruleIssues(party.rules.redLines[r]!.rule));
}

/**
 * The issues a sanction-based concept's verdict at a state can depend on, for every party:
 * every issue some party moves alone, or a red line or an interaction term names. (For
 * Nash, each party's own {@link nashSupport}.)
 */
function sanctionSupport(model: StabilityModel): number[] {
  const all = new Set<number>();
  model.controlled.forEach((issues) => issues.forEach((i) => all.add(i)));
  if (model.redLines !== 'ignore') model.parties.forEach((_, p) => redLineIssues(model, p).forEach((i) => all.add(i)));
  for (const party of model.parties) for (const term of party.rules.interactions) term.issues.forEach((i) => all.add(i));
  return [...all].sort((a, b) => a - b);
}

/**
 * @internal Every equilibrium of a concept (a state stable for every party), by a depth-first
 * search over the issues that matter, in an order that completes each party's support early:
 * a party found unstable cuts the whole sub-tree (Nash), the issues no party's stability
 * depends on are left free and counted by multiplication. For the sanction-based concepts a
 * party that is Nash stable needs no sanction check; the others are checked on complete
 * states. One work unit per search node, plus what the checks spend.
 */
export function findEquilibria(model: StabilityModel, concept: StabilityConcept, counter: StepCounter, listLimit: number): EquilibriaReport {
  if (concept === 'nash') {
    // Counted by variable elimination over the parties' tables when they are small enough.
    const counted = countNashEquilibria(model, counter, listLimit);
    if (counted !== undefined) return counted;
  }
  const nashSupports = model.parties.map((_, p) => nashSupport(model, p));
  const shared = concept === 'nash' ? [] : sanctionSupport(model);
  const conceptSupports = concept === 'nash' ? nashSupports : model.parties.map(() => shared);
  const order: number[] = [];
  const byParty = model.parties.map((_, p) => p).sort((a, b) => nashSupports[a]!.length - nashSupports[b]!.length || a - b);
  for (const p of byParty) for (const i of nashSupports[p]!) if (!order.includes(i)) order.push(i);
  for (const i of conceptSupports[0] ?? []) if (!order.includes(i)) order.push(i);
  const feasibilityIssues = model.redLines === 'infeasible' ? [...new Set(model.parties.flatMap((_, p) => redLineIssues(model, p)))] : [];
  for (const i of feasibilityIssues) if (!order.includes(i)) order.push(i);
  const free = model.optionCounts.map((_, i) => i).filter((i) => !order.includes(i));
  const freeCount = free.reduce((product, i) => product * model.optionCounts[i]!, 1);
  const depthOf = (issues: readonly number[]) => issues.reduce((depth, i) => Math.max(depth, order.indexOf(i) + 1), 0);
  const nashAt = nashSupports.map(depthOf);
  const conceptAt = conceptSupports.map(depthOf);
  const feasibleAt = depthOf(feasibilityIssues);
  const state = new Uint8Array(model.issueCount);
  const sets: EquilibriumSet[] = [];
  let count = 0;
  let truncated = false;
  let complete = true;
  /** Parties found Nash unstable on the current path (they need the concept's check later). */
  const pending = new Uint8Array(model.parties.length);
  const walk = (depth: number): void => {
    if (!complete) return;
    if (!counter.spend()) {
      complete = false;
      return;
    }
    if (depth === feasibleAt && feasibilityIssues.length > 0 && !isFeasible(model, state)) return;
    for (let p = 0; p < model.parties.length; p++) {
      if (nashAt[p] === depth) {
        const verdict = checkConcept(model, 'nash', p, state, counter, 0);
        if (verdict.stable === null) {
          complete = false;
          return;
        }
        pending[p] = verdict.stable ? 0 : 1;
        if (!verdict.stable && concept === 'nash') return;
      }
      if (concept !== 'nash' && pending[p] === 1 && conceptAt[p] === depth && depth >= nashAt[p]!) {
        const verdict = checkConcept(model, concept, p, state, counter, 0);
        if (verdict.stable === null) {
          complete = false;
          return;
        }
        if (!verdict.stable) return;
      }
    }
    if (depth === order.length) {
      count += freeCount;
      if (sets.length < listLimit) {
        const choices: Record<string, string> = {};
        for (const i of order) choices[model.domain.issues[i]!.id] = model.domain.issues[i]!.options[state[i]!]!.id;
        sets.push({ choices, free: free.map((i) => model.domain.issues[i]!.id), count: freeCount });
      } else truncated = true;
      return;
    }
    const issue = order[depth]!;
    for (let o = 0; o < model.optionCounts[issue]!; o++) {
      state[issue] = o;
      const saved = pending.slice();
      walk(depth + 1);
      pending.set(saved);
      if (!complete) break;
    }
    state[issue] = 0;
  };
  walk(0);
  return { concept, count, sets, truncated, complete };
}
