import type { StepCounter } from '../analysis/search-budget.js';
import { utilityOf } from '../model/compiled-party.js';
import { forEachMove, jointMovers, partyMover, taggedStateKey, type Mover } from './moves.js';
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
 * controllers all belong to it. Each with a shortest path (`pathTo`). Undefined when the
 * budget ran out. Breadth first over (state, last mover), with parent links, not paths.
 */
export function coalitionReach(model: StabilityModel, members: readonly number[], state: Uint8Array, counter: StepCounter): { readonly states: readonly Uint8Array[]; pathTo(k: number): PathStep[] } | undefined {
  const movers: Mover[] = [...members.map((p) => partyMover(model, p)), ...jointMovers(model, members)];
  interface Node { readonly state: Uint8Array; readonly mover: number; readonly parent: Node | null }
  const key = taggedStateKey(model, movers.length);
  const seen = new Set<number | string>([key(state, -1)]);
  const reached = new Set<number | string>([key(state, -1)]);
  const found: Node[] = [];
  let frontier: Node[] = [{ state, mover: -1, parent: null }];
  while (frontier.length > 0) {
    const next: Node[] = [];
    for (const node of frontier) {
      for (let m = 0; m < movers.length; m++) {
        if (m === node.mover) continue;
        let out = false;
        forEachMove(model, movers[m]!, node.state, (target) => {
          const k = key(target, m);
          if (seen.has(k)) return true;
          // One work unit per (state, last mover) reached: a move to one seen already is a set lookup.
          if (!counter.spend()) return !(out = true);
          seen.add(k);
          const child: Node = { state: target.slice(), mover: m, parent: node };
          const plain = key(target, -1);
          if (!reached.has(plain)) {
            reached.add(plain);
            found.push(child);
          }
          next.push(child);
          return true;
        });
        if (out) return undefined;
      }
    }
    frontier = next;
  }
  return {
    states: found.map((node) => node.state),
    pathTo(k) {
      const steps: PathStep[] = [];
      for (let at: Node | null = found[k]!; at !== null && at.parent !== null; at = at.parent) steps.push({ mover: movers[at.mover]!.id, state: at.state });
      return steps.reverse();
    },
  };
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
  const improvements = reach.states.flatMap((end, k) => (members.every((p, j) => better(utilityOf(model.parties[p]!, end), here[j]!)) ? [reach.pathTo(k)] : []));
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
