import type { CompiledParty } from './compiled-party.js';
import type { TextView } from './text-view.js';

/** What the engine remembers about one party object with its numbers: its best, and its views of texts. */
export interface PartyMemo {
  best: number | undefined;
  readonly views: Map<string, TextView>;
  /** The extreme completions of each group table this party has looked at (tables are shared objects). */
  readonly extremes: Map<object, unknown>;
}

// Kept on the party object under a symbol (never enumerated, never structured-cloned to a
// worker, never in its JSON) rather than in a WeakMap: an exploration makes thousands of
// parties a second, and adding a WeakMap entry for each costs more than what it remembers.
// A frozen party, which cannot take the property, is remembered in a WeakMap instead.
const MEMO = Symbol('parley.partyMemo');
const frozen = new WeakMap<CompiledParty, PartyMemo>();

/**
 * @internal The memo of a party object (made on first use).
 *
 * @example
 * ```ts
 * partyMemo(party).views.size; // how many texts this party object has judged
 * ```
 */
export function partyMemo(party: CompiledParty): PartyMemo {
  const holder = party as unknown as { [MEMO]?: PartyMemo };
  const found = holder[MEMO];
  if (found !== undefined) return found;
  const memo: PartyMemo = { best: undefined, views: new Map(), extremes: new Map() };
  if (Object.isExtensible(party)) {
    Object.defineProperty(party, MEMO, { value: memo, enumerable: false });
    return memo;
  }
  const kept = frozen.get(party);
  if (kept !== undefined) return kept;
  frozen.set(party, memo);
  return memo;
}
