import type { StepCounter } from '../analysis/search-budget.js';
import { utilityOf } from '../model/compiled-party.js';
import { forEachMove, jointMovers, partyMover, stateKey, type Mover } from './moves.js';
import type { PathStep } from './sanction-search.js';
import { better, type StabilityModel } from './stability-model.js';

/** An equilibrium reached from the status quo, with a shortest path of improvements to it. */
export interface ReachedEquilibrium {
  readonly outcome: Uint8Array;
  readonly path: readonly PathStep[];
}

/** What can be reached from the status quo by improvements. */
export interface StatusQuoReport {
  readonly from: Uint8Array;
  /** How many states the improvements reach (the status quo included). */
  readonly reachable: number;
  /** The reached states where no mover has an improvement left: the Nash equilibria the process can end in, each by a shortest path. */
  readonly equilibria: readonly ReachedEquilibrium[];
  /** False when the budget stopped the search: more states (and equilibria) may be reachable. */
  readonly complete: boolean;
}

/**
 * @internal Status-quo analysis: breadth first from `from`, every unilateral improvement of
 * every party (and, for each coalition given, every joint move of its members that improves
 * them all), until no state is new. The states with no improvement left are the equilibria
 * the conflict can evolve to, each with a shortest path.
 */
export function statusQuoAnalysis(model: StabilityModel, from: Uint8Array, coalitions: readonly (readonly number[])[], counter: StepCounter): StatusQuoReport {
  const movers: Mover[] = [...model.parties.map((_, p) => partyMover(model, p)), ...coalitions.flatMap((members) => jointMovers(model, members))];
  const parent = new Map<string, { state: Uint8Array; from: string | null; mover: string }>([[stateKey(from), { state: from, from: null, mover: '' }]]);
  const equilibria: ReachedEquilibrium[] = [];
  let frontier = [from];
  let complete = true;
  const pathTo = (key: string): PathStep[] => {
    const steps: PathStep[] = [];
    for (let at = parent.get(key)!; at.from !== null; at = parent.get(at.from)!) steps.push({ mover: at.mover, state: at.state });
    return steps.reverse();
  };
  search: while (frontier.length > 0) {
    const next: Uint8Array[] = [];
    for (const state of frontier) {
      const key = stateKey(state);
      let improvable = false;
      for (const mover of movers) {
        const before = mover.parties.map((p) => utilityOf(model.parties[p]!, state));
        const going = forEachMove(model, mover, state, (target) => {
          if (!counter.spend()) return false;
          if (!mover.parties.every((p, k) => better(utilityOf(model.parties[p]!, target), before[k]!))) return true;
          improvable = true;
          const targetKey = stateKey(target);
          if (!parent.has(targetKey)) {
            const copy = target.slice();
            parent.set(targetKey, { state: copy, from: key, mover: mover.id });
            next.push(copy);
          }
          return true;
        });
        if (!going) {
          complete = false;
          break search;
        }
      }
      if (!improvable) equilibria.push({ outcome: state, path: pathTo(key) });
    }
    frontier = next;
  }
  return { from, reachable: parent.size, equilibria, complete };
}
