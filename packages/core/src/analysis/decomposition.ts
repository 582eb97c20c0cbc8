import { ParleyError } from '../model/errors.js';
import { forEachCompletion } from '../model/completions.js';
import { ruleHolds } from '../model/rule.js';
import type { CompiledModel } from './compiled-model.js';
import { issueLinks } from '../model/issue-links.js';

/**
 * A set of issues that must be chosen together, because an interaction term or a
 * multi-issue red-line clause links them. Across groups, every party's utility is a plain
 * sum, which is what lets the searches bound, merge and prune exactly.
 */
export interface IssueGroup {
  readonly issues: readonly number[];
  /** How many local choices (combinations of the group's options) survive the red lines. */
  readonly choiceCount: number;
  /** `options[c * issues.length + k]`: the option of `issues[k]` in choice `c`. */
  readonly options: Uint16Array;
  /** `contributions[c * partyCount + p]`: what choice `c` adds to party `p`'s utility. */
  readonly contributions: Float64Array;
  /** How many combinations choice `c` stands for (more than one when identical ones are merged). */
  readonly multiplicity: Float64Array;
}

/** The domain cut into independent groups under a set of active constraints. */
export interface Decomposition {
  readonly model: CompiledModel;
  readonly groups: readonly IssueGroup[];
  /** False when some group has no choice left: the red lines alone leave no outcome. */
  readonly feasible: boolean;
  /** `maxFrom[g * partyCount + p]`: the most party `p` can still gain from groups g, g+1, …. */
  readonly maxFrom: Float64Array;
  /** `minFrom[g * partyCount + p]`: the least party `p` can gain from groups g, g+1, …. */
  readonly minFrom: Float64Array;
}

/** Options for {@link decompose}. */
export interface DecomposeOptions {
  /** Merge choices with identical contribution vectors (keeping a count). Default true. */
  readonly merge?: boolean;
  /** Largest number of combinations one group may have. Default 2^20. */
  readonly maxGroupSize?: number;
  /**
   * The order of the groups: `domain` (by first issue; enumeration follows the domain) or
   * `spread` (groups that move utilities most first, so branch and bound's bounds tighten
   * early). Default `domain`.
   */
  readonly order?: 'domain' | 'spread';
}

/**
 * Cuts the domain into independent issue groups under the constraints marked active
 * (`active[constraint] === 1`), enumerating each group's surviving local choices.
 */
export function decompose(model: CompiledModel, active: Uint8Array, options: DecomposeOptions = {}): Decomposition {
  const { issueCount, partyCount, optionCounts, optionOffsets, optionTotal, weightedValues } = model;
  const merge = options.merge ?? true;
  const maxGroupSize = options.maxGroupSize ?? 1 << 20;

  // Issues linked by an interaction or an active multi-issue clause go into one group.
  const { find, link } = issueLinks(issueCount);
  for (const term of model.interactions) link(term.issues);
  const residuals = model.residuals.filter((clause) => active[clause.constraint] === 1);
  for (const clause of residuals) link(clause.issues);

  const allowed = Array.from({ length: issueCount }, (_, i) => new Uint8Array(optionCounts[i]!).fill(1));
  for (const mask of model.masks) {
    if (active[mask.constraint] !== 1) continue;
    const target = allowed[mask.issue]!;
    for (let o = 0; o < target.length; o++) target[o] = target[o]! & mask.allowed[o]!;
  }

  const members = new Map<number, number[]>();
  for (let i = 0; i < issueCount; i++) {
    const root = find(i);
    const list = members.get(root);
    if (list === undefined) members.set(root, [i]);
    else list.push(i);
  }
  const scratch = new Int16Array(issueCount);
  const groups: IssueGroup[] = [];
  let feasible = true;
  for (const issues of members.values()) {
    const choices = issues.map((issue) => {
      const list: number[] = [];
      allowed[issue]!.forEach((ok, option) => ok === 1 && list.push(option));
      return list;
    });
    const combinations = choices.reduce((product, list) => product * list.length, 1);
    if (combinations > maxGroupSize) {
      throw new ParleyError('GROUP_TOO_LARGE', `issues ${issues.map((i) => model.domain.issues[i]!.id).join(', ')} are linked by interactions or red lines into ${combinations} combinations (limit ${maxGroupSize}); link fewer issues per rule`);
    }
    const groupResiduals = residuals.filter((clause) => clause.issues.every((issue) => find(issue) === find(issues[0]!)));
    const groupTerms = model.interactions.filter((term) => find(term.issues[0]!) === find(issues[0]!));
    const optionsOut: number[] = [];
    const contributionsOut: number[] = [];
    const multiplicityOut: number[] = [];
    const index = new Map<string, number>();
    const counters = new Int32Array(issues.length);
    forEachCompletion(issues, choices.map((list) => list.length), scratch, (n) => {
      for (let k = 0; k < issues.length; k++) counters[k] = scratch[issues[k]!]!;
      if (!groupResiduals.every((clause) => ruleHolds(clause.rule, scratch))) return;
      const vector = new Float64Array(partyCount);
      for (let p = 0; p < partyCount; p++) {
        let sum = 0;
        for (let k = 0; k < issues.length; k++) sum += weightedValues[p * optionTotal + optionOffsets[issues[k]!]! + counters[k]!]!;
        vector[p] = sum;
      }
      for (const term of groupTerms) if (ruleHolds(term.rule, scratch)) vector[term.party] = vector[term.party]! + term.delta;
      const key = merge ? Array.prototype.join.call(vector, ',') : String(n);
      const existing = index.get(key);
      if (existing !== undefined) {
        multiplicityOut[existing] = multiplicityOut[existing]! + 1;
        return;
      }
      index.set(key, multiplicityOut.length);
      multiplicityOut.push(1);
      for (let k = 0; k < issues.length; k++) optionsOut.push(counters[k]!);
      for (let p = 0; p < partyCount; p++) contributionsOut.push(vector[p]!);
    }, choices);
    if (multiplicityOut.length === 0) feasible = false;
    groups.push({
      issues,
      choiceCount: multiplicityOut.length,
      options: Uint16Array.from(optionsOut),
      contributions: Float64Array.from(contributionsOut),
      multiplicity: Float64Array.from(multiplicityOut),
    });
  }

  if (options.order === 'spread') {
    const spreads = new Map(groups.map((group) => [group, spreadOf(group, partyCount)]));
    groups.sort((a, b) => spreads.get(b)! - spreads.get(a)! || a.issues[0]! - b.issues[0]!);
  }
  const maxFrom = new Float64Array((groups.length + 1) * partyCount);
  const minFrom = new Float64Array((groups.length + 1) * partyCount);
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g]!;
    for (let p = 0; p < partyCount; p++) {
      let best = -Infinity;
      let worst = Infinity;
      for (let c = 0; c < group.choiceCount; c++) {
        const value = group.contributions[c * partyCount + p]!;
        if (value > best) best = value;
        if (value < worst) worst = value;
      }
      maxFrom[g * partyCount + p] = maxFrom[(g + 1) * partyCount + p]! + (group.choiceCount > 0 ? best : 0);
      minFrom[g * partyCount + p] = minFrom[(g + 1) * partyCount + p]! + (group.choiceCount > 0 ? worst : 0);
    }
  }
  return { model, groups, feasible, maxFrom, minFrom };
}

/** Every constraint active: the model as the parties state it. */
export function allActive(model: CompiledModel): Uint8Array {
  return new Uint8Array(model.constraints.length).fill(1);
}

/** Writes group `g`'s choice `c` into an outcome array. */
export function applyChoice(group: IssueGroup, choice: number, outcome: Uint8Array | Int16Array): void {
  const width = group.issues.length;
  for (let k = 0; k < width; k++) outcome[group.issues[k]!] = group.options[choice * width + k]!;
}

/**
 * A quick necessary condition: whether every issue keeps at least one option under the
 * active single-issue masks. Most conflicts between red lines show here, without building
 * the groups.
 */
export function masksLeaveOptions(model: CompiledModel, active: Uint8Array): boolean {
  const allowed = Array.from({ length: model.issueCount }, (_, i) => (1 << model.optionCounts[i]!) - 1);
  for (const mask of model.masks) {
    if (active[mask.constraint] !== 1) continue;
    let bits = 0;
    for (let o = 0; o < mask.allowed.length; o++) if (mask.allowed[o] === 1) bits |= 1 << o;
    allowed[mask.issue] = allowed[mask.issue]! & bits;
  }
  return allowed.every((bits, i) => bits !== 0 || model.optionCounts[i]! > 30);
}

/** How much a group's choices move the parties' utilities: Σ over parties of (best − worst). */
function spreadOf(group: IssueGroup, partyCount: number): number {
  let total = 0;
  for (let p = 0; p < partyCount; p++) {
    let high = -Infinity;
    let low = Infinity;
    for (let c = 0; c < group.choiceCount; c++) {
      const value = group.contributions[c * partyCount + p]!;
      if (value > high) high = value;
      if (value < low) low = value;
    }
    if (group.choiceCount > 0) total += high - low;
  }
  return total;
}
