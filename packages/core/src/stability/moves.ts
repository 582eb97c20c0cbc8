import type { StabilityModel } from './stability-model.js';
import { mayMoveTo } from './stability-model.js';

/**
 * One who moves: a party alone, or a group of parties making a joint move together. `parties`
 * are judged for red lines (each must be willing to end there); `tables` are the issues it
 * moves and `allowed[from * n + to]` on each.
 */
export interface Mover {
  readonly id: string;
  readonly parties: readonly number[];
  readonly tables: readonly { readonly issue: number; readonly allowed: Uint8Array }[];
}

/** @internal The mover for party `p` alone. */
export function partyMover(model: StabilityModel, p: number): Mover {
  const tables = model.controlled[p]!.map((issue) => ({ issue, allowed: model.unilateral[p]![issue]! }));
  return { id: model.partyIds[p]!, parties: [p], tables };
}

/** @internal The joint movers whose members all belong to `coalition` (party indexes), one per group of members. */
export function jointMovers(model: StabilityModel, coalition: readonly number[]): Mover[] {
  const groups = new Map<string, { parties: number[]; tables: { issue: number; allowed: Uint8Array }[] }>();
  for (const move of model.joint) {
    if (!move.members.every((p) => coalition.includes(p))) continue;
    const key = move.members.join('+');
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { parties: [...move.members], tables: [] }));
    const existing = group.tables.find((table) => table.issue === move.issue);
    if (existing === undefined) group.tables.push({ issue: move.issue, allowed: move.allowed.slice() });
    else for (let k = 0; k < existing.allowed.length; k++) existing.allowed[k] = existing.allowed[k]! | move.allowed[k]!;
  }
  return [...groups.values()].map((group) => ({ id: group.parties.map((p) => model.partyIds[p]).join('+'), parties: group.parties, tables: group.tables.sort((a, b) => a.issue - b.issue) }));
}

/**
 * Calls `visit` with every state the mover reaches from `state` in one move: any non-empty
 * set of its issues changed, each along an allowed transition, ending where its parties may
 * end (red lines). `visit` gets a scratch array (copy it to keep it); returning false stops.
 * Returns false when stopped.
 */
export function forEachMove(model: StabilityModel, mover: Mover, state: ArrayLike<number>, visit: (target: Uint8Array) => boolean): boolean {
  const { tables } = mover;
  const targets: number[][] = tables.map(({ issue, allowed }) => {
    const n = model.optionCounts[issue]!;
    const from = state[issue]!;
    const list: number[] = [];
    for (let o = 0; o < n; o++) if (allowed[from * n + o] === 1) list.push(o);
    return list;
  });
  const scratch = Uint8Array.from(state as ArrayLike<number>);
  let going = true;
  const walk = (k: number, changed: boolean): void => {
    if (!going) return;
    if (k === tables.length) {
      if (changed && mayMoveTo(model, mover.parties, scratch)) going = visit(scratch);
      return;
    }
    const issue = tables[k]!.issue;
    const from = scratch[issue]!;
    walk(k + 1, changed);
    for (const o of targets[k]!) {
      scratch[issue] = o;
      walk(k + 1, true);
      if (!going) break;
    }
    scratch[issue] = from;
  };
  walk(0, false);
  return going;
}

/** @internal A state as a string key, for visited sets. */
export function stateKey(state: ArrayLike<number>): string {
  return String.fromCharCode(...(state as ArrayLike<number> & Iterable<number>));
}

/**
 * @internal A key for states paired with a small tag (the last mover): a number (the state's
 * mixed-radix index × `tags` + tag) while that stays exact, else a string. Numbers hash and
 * compare far faster than the strings, and the visited sets are most of a search's work.
 */
export function taggedStateKey(model: StabilityModel, tags: number): (state: ArrayLike<number>, tag: number) => number | string {
  const { optionCounts } = model;
  const exact = optionCounts.reduce((n, k) => n * k, 1) * (tags + 1) <= Number.MAX_SAFE_INTEGER;
  if (!exact) return (state, tag) => `${stateKey(state)}|${tag}`;
  return (state, tag) => {
    let index = 0;
    for (let i = 0; i < optionCounts.length; i++) index = index * optionCounts[i]! + state[i]!;
    return index * (tags + 1) + tag + 1;
  };
}
