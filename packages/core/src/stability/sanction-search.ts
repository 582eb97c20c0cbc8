import type { StepCounter } from '../analysis/search-budget.js';
import { utilityOf } from '../model/compiled-party.js';
import { forEachMove, partyMover, taggedStateKey, type Mover } from './moves.js';
import { UTILITY_TOLERANCE } from '../model/tolerance.js';
import { better, noBetter, type StabilityModel } from './stability-model.js';

/** One move of a path: who moved, and the state it reached. */
export interface PathStep {
  /** The party (or `a+b` for a joint move) that moved. */
  readonly mover: string;
  readonly state: Uint8Array;
}

/** What a sanction search is asked for. */
export interface SanctionQuery {
  /** The party the sanction is against. */
  readonly focal: number;
  /** Its utility at the state whose stability is judged: a sanction leaves it no better off than this. */
  readonly threshold: number;
  /** SEQ: every move of the sanction must improve its mover's utility. */
  readonly improvingOnly: boolean;
  /** SMR: from the sanction's end, no move of the focal party may do better than `threshold`. */
  readonly noEscape: boolean;
  /** The parties that may take part (default: every party but the focal one). */
  readonly movers?: readonly Mover[];
}

/** A sanction found (`path`), none possible (`null`), or the budget ran out first (`undefined`). */
export type SanctionResult = readonly PathStep[] | null | undefined;

/**
 * Searches the states the other parties reach from `start` by legal sequences of moves (no
 * mover twice in a row; under `improvingOnly`, each move an improvement for its mover) for
 * one that leaves the focal party no better off than `threshold`: breadth first, so the
 * sanction found is a shortest one. Pruned by a bound: from each state, the least utility the
 * focal party could be pushed down to if every option the others can ever reach on each
 * issue were combined; a state whose bound is above the threshold is not expanded. Spends
 * one work unit per state reached.
 */
export function findSanction(model: StabilityModel, start: Uint8Array, query: SanctionQuery, counter: StepCounter): SanctionResult {
  const movers = query.movers ?? model.parties.flatMap((_, p) => (p === query.focal ? [] : [partyMover(model, p)]));
  const bound = lowerBound(model, query.focal, movers);
  const focal = model.parties[query.focal]!;
  if (bound(start) > query.threshold + 2 * UTILITY_TOLERANCE) return null;
  /** `mover`: the index of the mover that reached it (-1 at the start), which may not move next. */
  interface Node { readonly state: Uint8Array; readonly mover: number; readonly parent: Node | null }
  const key = taggedStateKey(model, movers.length);
  const seen = new Set<number | string>([key(start, -1)]);
  let frontier: Node[] = [{ state: start, mover: -1, parent: null }];
  const pathOf = (node: Node): PathStep[] => {
    const steps: PathStep[] = [];
    for (let at: Node | null = node; at !== null && at.parent !== null; at = at.parent) steps.push({ mover: movers[at.mover]!.id, state: at.state });
    return steps.reverse();
  };
  const focalMover = partyMover(model, query.focal);
  const escapes = (state: Uint8Array): boolean => {
    let found = false;
    forEachMove(model, focalMover, state, (target) => {
      if (better(utilityOf(focal, target), query.threshold)) found = true;
      return !found;
    });
    return found;
  };
  while (frontier.length > 0) {
    const next: Node[] = [];
    for (const node of frontier) {
      let result: Node | undefined;
      let outOfBudget = false;
      for (let m = 0; m < movers.length && result === undefined; m++) {
        if (m === node.mover) continue;
        const mover = movers[m]!;
        const moverParty = mover.parties.length === 1 ? model.parties[mover.parties[0]!]! : undefined;
        const before = query.improvingOnly ? mover.parties.map((p) => utilityOf(model.parties[p]!, node.state)) : [];
        forEachMove(model, mover, node.state, (target) => {
          if (!counter.spend()) {
            outOfBudget = true;
            return false;
          }
          if (query.improvingOnly) {
            // A joint move improves when it improves every one of its movers.
            const improves = moverParty !== undefined ? better(utilityOf(moverParty, target), before[0]!) : mover.parties.every((p, k) => better(utilityOf(model.parties[p]!, target), before[k]!));
            if (!improves) return true;
          }
          const k = key(target, m);
          if (seen.has(k)) return true;
          seen.add(k);
          const child: Node = { state: target.slice(), mover: m, parent: node };
          if (noBetter(utilityOf(focal, target), query.threshold) && !(query.noEscape && escapes(child.state))) {
            result = child;
            return false;
          }
          if (bound(target) <= query.threshold + 2 * UTILITY_TOLERANCE) next.push(child);
          return true;
        });
        if (outOfBudget) return undefined;
      }
      if (result !== undefined) return pathOf(result);
    }
    frontier = next;
  }
  return null;
}

/**
 * A lower bound on the focal party's utility over every state the movers can reach from a
 * state: on each issue, the least weighted value among the options reachable from its
 * current one, plus every negative interaction term. An option counts as reachable through
 * a mover's transition only if the mover may end there (its single-issue red-line masks,
 * or everyone's under `infeasible`), and a mover takes part only while every issue can still
 * reach an option its masks allow (a party never moving into its red lines is stuck while
 * one of them is crossed on an issue nobody can repair): iterated to a fixed point. Sound,
 * since it only ever over-approximates what is reachable, and exact when the red lines are
 * single-issue masks and the movers are not blocked by one another.
 */
function lowerBound(model: StabilityModel, focal: number, movers: readonly Mover[]): (state: ArrayLike<number>) => number {
  const party = model.parties[focal]!;
  const { optionCounts, issueCount } = model;
  // allowedFor[m][issue][option]: whether mover m may end a move with that option there.
  const allowedFor = movers.map((mover) => optionCounts.map((n, issue) => {
    const ok = new Uint8Array(n).fill(1);
    if (model.redLines === 'ignore') return ok;
    const judges = model.redLines === 'infeasible' ? model.parties.map((_, p) => p) : mover.parties;
    for (const p of judges) {
      const judge = model.parties[p]!;
      for (const r of judge.held) for (const clause of judge.rules.redLines[r]!.clauses) if (clause.kind === 'mask' && clause.issue === issue) for (let o = 0; o < n; o++) ok[o] = ok[o]! & clause.allowed[o]!;
    }
    return ok;
  }));
  let negative = 0;
  for (const term of party.rules.interactions) negative += Math.min(0, term.delta);
  return (state) => {
    const reach = optionCounts.map((n, issue) => {
      const set = new Uint8Array(n);
      set[state[issue]!] = 1;
      return set;
    });
    const active = new Uint8Array(movers.length);
    for (let changed = true; changed; ) {
      changed = false;
      for (let m = 0; m < movers.length; m++) {
        const mover = movers[m]!;
        if (active[m] === 0) {
          let possible = true;
          for (let issue = 0; issue < issueCount && possible; issue++) {
            if (mover.tables.some((table) => table.issue === issue)) continue;
            let any = false;
            for (let o = 0; o < optionCounts[issue]! && !any; o++) any = reach[issue]![o] === 1 && allowedFor[m]![issue]![o] === 1;
            possible = any;
          }
          if (!possible) continue;
          active[m] = 1;
          changed = true;
        }
        for (const table of mover.tables) {
          const n = optionCounts[table.issue]!;
          const set = reach[table.issue]!;
          for (let a = 0; a < n; a++) {
            if (set[a] !== 1) continue;
            for (let b = 0; b < n; b++) {
              if (set[b] === 0 && table.allowed[a * n + b] === 1 && allowedFor[m]![table.issue]![b] === 1) {
                set[b] = 1;
                changed = true;
              }
            }
          }
        }
      }
    }
    let total = negative;
    for (let issue = 0; issue < issueCount; issue++) {
      let low = Infinity;
      const set = reach[issue]!;
      for (let o = 0; o < set.length; o++) if (set[o] === 1) low = Math.min(low, party.weights[issue]! * party.values[issue]![o]!);
      total += low;
    }
    return total;
  };
}
