import type { Domain } from '../model/domain.js';
import { ParleyError } from '../model/errors.js';
import { keepsRedLines, type CompiledParty } from '../model/compiled-party.js';
import { compiledParty, type Party } from '../model/party.js';
import { likelyIntended } from '../model/problems.js';
import { UTILITY_TOLERANCE } from '../model/tolerance.js';
import type { ControlSpec } from '../scenario/control-spec.js';

/**
 * What a party's red lines mean for its moves:
 * - `never-move-to` (default): a party never makes a move that ends in an outcome crossing
 *   one of its own red lines (the others may; its red lines say what it will never do);
 * - `infeasible`: an outcome crossing any party's red line is not a state at all: nobody
 *   moves there (the GMCR "infeasible states");
 * - `ignore`: red lines play no part, only the utilities do.
 */
export type RedLineMode = 'never-move-to' | 'infeasible' | 'ignore';

/** A joint move: an issue that only these parties together (a coalition holding all of them) can move. */
export interface JointMove {
  /** Party indexes, ascending. */
  readonly members: readonly number[];
  readonly issue: number;
  /** `allowed[from * n + to]`. */
  readonly allowed: Uint8Array;
}

/**
 * The parties and the control of moves compiled for the stability analysis: for each party
 * and issue, which option changes it can make alone (a transition table, or null).
 */
export interface StabilityModel {
  readonly domain: Domain;
  readonly parties: readonly CompiledParty[];
  readonly partyIds: readonly string[];
  readonly issueCount: number;
  readonly optionCounts: readonly number[];
  /** `unilateral[party][issue]`: `allowed[from * n + to]` for the moves the party makes alone, or null. */
  readonly unilateral: readonly (readonly (Uint8Array | null)[])[];
  /** The issues each party moves alone, ascending. */
  readonly controlled: readonly (readonly number[])[];
  readonly joint: readonly JointMove[];
  readonly redLines: RedLineMode;
}

/**
 * Compiles parties and a control spec (already validated, as a scenario's `control` is) for
 * the stability analysis. Throws a `ParleyError` naming the likely intended party, issue or
 * option when the spec refers to something unknown (a spec built by hand).
 *
 * @example
 * ```ts
 * const model = compileStabilityModel(scenario.parties, scenario.control!);
 * model.controlled[0]; // the issues the first party moves alone
 * ```
 */
export function compileStabilityModel(parties: readonly Party[], control: ControlSpec, redLines: RedLineMode = 'never-move-to'): StabilityModel {
  const first = parties[0];
  if (first === undefined) throw new ParleyError('NO_PARTIES', 'a stability analysis needs at least one party');
  const domain = first.domain;
  const partyIds = parties.map((party) => party.id);
  const optionCounts = domain.issues.map((issue) => issue.options.length);
  const unilateral: (Uint8Array | null)[][] = parties.map(() => domain.issues.map(() => null));
  const joint: JointMove[] = [];
  for (const move of control.moves) {
    const issue = domain.issueIndex(move.issue);
    if (issue < 0) throw unknown('UNKNOWN_ISSUE', 'issue', move.issue, domain.issues.map((i) => i.id));
    const n = optionCounts[issue]!;
    const optionSet = (list: readonly string[] | undefined): Set<number> => {
      if (list === undefined) return new Set(Array.from({ length: n }, (_, o) => o));
      return new Set(list.map((id) => {
        const o = domain.optionIndex(issue, id);
        if (o < 0) throw unknown('UNKNOWN_OPTION', `option of "${move.issue}"`, id, domain.issues[issue]!.options.map((option) => option.id));
        return o;
      }));
    };
    const from = optionSet(move.from);
    const to = optionSet(move.to);
    const allowed = new Uint8Array(n * n);
    for (const a of from) {
      for (const b of to) {
        if (a === b) continue;
        if (move.direction === 'up' && b < a) continue;
        if (move.direction === 'down' && b > a) continue;
        allowed[a * n + b] = 1;
      }
    }
    const members = move.by.map((id) => {
      const p = partyIds.indexOf(id);
      if (p < 0) throw unknown('UNKNOWN_PARTY', 'party', id, partyIds);
      return p;
    }).sort((a, b) => a - b);
    if (move.jointly === true && members.length > 1) {
      joint.push({ members, issue, allowed });
      continue;
    }
    for (const p of members) {
      const table = (unilateral[p]![issue] ??= new Uint8Array(n * n));
      for (let k = 0; k < allowed.length; k++) table[k] = table[k]! | allowed[k]!;
    }
  }
  const controlled = unilateral.map((tables) => tables.flatMap((table, issue) => (table !== null && table.some((x) => x === 1) ? [issue] : [])));
  return { domain, parties: parties.map(compiledParty), partyIds, issueCount: optionCounts.length, optionCounts, unilateral, controlled, joint, redLines };
}

function unknown(code: 'UNKNOWN_ISSUE' | 'UNKNOWN_OPTION' | 'UNKNOWN_PARTY', what: string, name: string, known: readonly string[]): ParleyError {
  const hint = likelyIntended(name, known);
  return new ParleyError(code, `unknown ${what} "${name}"${hint === undefined ? `; known: ${known.join(', ')}` : ` (did you mean "${hint}"?)`}`);
}

/** @internal The index of a party id; throws a `ParleyError` naming the likely intended one. */
export function partyIndex(model: StabilityModel, id: string): number {
  const p = model.partyIds.indexOf(id);
  if (p < 0) throw unknown('UNKNOWN_PARTY', 'party', id, model.partyIds);
  return p;
}

/** @internal Whether `a` is strictly better than `b` (by more than the tolerance: ties stay ties). */
export function better(a: number, b: number): boolean {
  return a > b + UTILITY_TOLERANCE;
}

/** @internal Whether `a` is no better than `b` (worse or tied). */
export function noBetter(a: number, b: number): boolean {
  return a <= b + UTILITY_TOLERANCE;
}

/** @internal Whether the movers (party indexes) may end a move at `target`, under the model's red-line mode. */
export function mayMoveTo(model: StabilityModel, movers: readonly number[], target: ArrayLike<number>): boolean {
  switch (model.redLines) {
    case 'ignore':
      return true;
    case 'infeasible':
      return isFeasible(model, target);
    case 'never-move-to':
      for (const p of movers) if (!keepsRedLines(model.parties[p]!, target)) return false;
      return true;
  }
}

/** @internal Whether a state is a state of the conflict: under `infeasible`, one that keeps every party's red lines. */
export function isFeasible(model: StabilityModel, state: ArrayLike<number>): boolean {
  if (model.redLines !== 'infeasible') return true;
  for (const party of model.parties) if (!keepsRedLines(party, state)) return false;
  return true;
}
