import type { StepCounter } from '../analysis/search-budget.js';
import { utilityOf } from '../model/compiled-party.js';
import { forEachMove, jointMovers, partyMover, stateKey, type Mover } from './moves.js';
import { findSanction, type PathStep } from './sanction-search.js';
import { better, type StabilityModel } from './stability-model.js';

/** A coalition's verdict at one state: its improvements, and coalitional Nash and SEQ stability with evidence. */
export interface CoalitionVerdict {
  readonly coalition: readonly string[];
  /** How many coalitional improvements it has (states it reaches that every member strictly prefers). */
  readonly improvements: number;
  /** The shortest coalitional improvement, as the members' moves. */
  readonly bestImprovement?: readonly PathStep[];
  /** Coalitional Nash: no coalitional improvement. Null when the budget ran out. */
  readonly nash: boolean | null;
  /** Coalitional SEQ: every improvement is met by improving moves of the parties outside the coalition that leave some member no better off. */
  readonly seq: boolean | null;
  /** When not SEQ stable, the improvement nobody outside deters. */
  readonly breakingMove?: readonly PathStep[];
  /** When SEQ stable, the first improvements with the sanction that deters them. */
  readonly sanctioned: readonly { readonly improvement: readonly PathStep[]; readonly member: string; readonly sanction: readonly PathStep[] }[];
}

/**
 * @internal The states a coalition reaches from `state` (Inohara and Hipel 2008): legal
 * sequences of moves by its members, no member twice in a row, and the joint moves whose
 * controllers all belong to it. Each with a shortest path. Undefined when the budget ran out.
 */
export function coalitionReach(model: StabilityModel, members: readonly number[], state: Uint8Array, counter: StepCounter): Map<string, PathStep[]> | undefined {
  const movers: Mover[] = [...members.map((p) => partyMover(model, p)), ...jointMovers(model, members)];
  const reached = new Map<string, PathStep[]>();
  const seen = new Set<string>([`${stateKey(state)}|-1`]);
  let frontier: { state: Uint8Array; last: number; path: PathStep[] }[] = [{ state, last: -1, path: [] }];
  const startKey = stateKey(state);
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const node of frontier) {
      for (let m = 0; m < movers.length; m++) {
        if (m === node.last) continue;
        let out = false;
        forEachMove(model, movers[m]!, node.state, (target) => {
          if (!counter.spend()) return !(out = true);
          const key = `${stateKey(target)}|${m}`;
          if (seen.has(key)) return true;
          seen.add(key);
          const copy = target.slice();
          const path = [...node.path, { mover: movers[m]!.id, state: copy }];
          const plain = stateKey(copy);
          if (plain !== startKey && !reached.has(plain)) reached.set(plain, path);
          next.push({ state: copy, last: m, path });
          return true;
        });
        if (out) return undefined;
      }
    }
    frontier = next;
  }
  return reached;
}

/**
 * Coalition analysis at one state (Inohara and Hipel 2008, "Coalition analysis in the graph
 * model for conflict resolution"): a coalitional improvement is a state the coalition reaches
 * that every member strictly prefers; the state is coalitionally Nash stable for it when it
 * has none, and coalitionally SEQ stable when each is met by a sequence of improving moves of
 * the parties outside it that leaves at least one member no better off than at the start
 * (that member would not join the move).
 *
 * @example
 * ```ts
 * coalitionStability(model, [2, 3], outcome, new StepCounter(), 5).nash;
 * ```
 */
export function coalitionStability(model: StabilityModel, members: readonly number[], state: Uint8Array, counter: StepCounter, evidenceLimit = 5): CoalitionVerdict {
  const coalition = members.map((p) => model.partyIds[p]!);
  const reach = coalitionReach(model, members, state, counter);
  if (reach === undefined) return { coalition, improvements: 0, nash: null, seq: null, sanctioned: [] };
  const here = members.map((p) => utilityOf(model.parties[p]!, state));
  const improvements = [...reach.values()].filter((path) => {
    const end = path[path.length - 1]!.state;
    return members.every((p, k) => better(utilityOf(model.parties[p]!, end), here[k]!));
  });
  if (improvements.length === 0) return { coalition, improvements: 0, nash: true, seq: true, sanctioned: [] };
  const outside = model.parties.flatMap((_, p) => (members.includes(p) ? [] : [partyMover(model, p)]));
  const sanctioned: CoalitionVerdict['sanctioned'][number][] = [];
  for (const improvement of improvements) {
    const end = improvement[improvement.length - 1]!.state;
    let deterred = false;
    for (let k = 0; k < members.length && !deterred; k++) {
      const sanction = findSanction(model, end, { focal: members[k]!, threshold: here[k]!, improvingOnly: true, noEscape: false, movers: outside }, counter);
      if (sanction === undefined) return { coalition, improvements: improvements.length, bestImprovement: improvements[0]!, nash: false, seq: null, sanctioned };
      if (sanction !== null) {
        deterred = true;
        if (sanctioned.length < evidenceLimit) sanctioned.push({ improvement, member: coalition[k]!, sanction });
      }
    }
    if (!deterred) return { coalition, improvements: improvements.length, bestImprovement: improvements[0]!, nash: false, seq: false, breakingMove: improvement, sanctioned };
  }
  return { coalition, improvements: improvements.length, bestImprovement: improvements[0]!, nash: false, seq: true, sanctioned };
}
