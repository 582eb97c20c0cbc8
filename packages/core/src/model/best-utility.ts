import { forEachCompletion } from './completions.js';
import { partyMemo } from './party-memo.js';
import { heldKeyOf } from './text-view.js';
import { issueLinks } from './issue-links.js';
import type { CompiledParty, PartyRules } from './compiled-party.js';
import { ruleHolds, type CompiledRule } from './rule.js';

/** The issues cut into groups under the red lines a party holds, each with its admissible choices. */
interface BestGroup {
  readonly issues: readonly number[];
  /** `options[c * issues.length + k]`: the option of `issues[k]` in admissible choice `c`. */
  readonly options: readonly number[];
  readonly count: number;
  /** The interaction terms (indexes into the rules') that belong to the group, and where each holds. */
  readonly terms: readonly { readonly term: number; readonly holds: Uint8Array }[];
}

const shapes = new WeakMap<PartyRules, Map<string, BestGroup[]>>();

/**
 * The most the party can get from any complete outcome that keeps the red lines it holds:
 * where its negotiating strategies start from. Exact: the issues are cut into groups linked
 * by an interaction or a multi-issue red-line clause (single-issue clauses just remove
 * options), and each group's best admissible choice is added up, as the analysis's
 * decomposition does; a group with no admissible choice adds nothing. Remembered per party.
 *
 * @example
 * ```ts
 * bestUtility(compiledParty(russia)); // ≈ 0.95
 * ```
 */
export function bestUtility(party: CompiledParty): number {
  const memo = partyMemo(party);
  if (memo.best !== undefined) return memo.best;
  let byHeld = shapes.get(party.rules);
  if (byHeld === undefined) shapes.set(party.rules, (byHeld = new Map()));
  const key = heldKeyOf(party);
  let groups = byHeld.get(key);
  if (groups === undefined) byHeld.set(key, (groups = bestGroups(party)));
  // Summed from the last group to the first, as the decomposition's `maxFrom` is, so that
  // the talks and the analysis report the very same number.
  let total = 0;
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g]!;
    const width = group.issues.length;
    let best = -Infinity;
    for (let c = 0; c < group.count; c++) {
      let sum = 0;
      for (let k = 0; k < width; k++) {
        const issue = group.issues[k]!;
        sum += party.weights[issue]! * party.values[issue]![group.options[c * width + k]!]!;
      }
      for (const term of group.terms) if (term.holds[c] === 1) sum += party.rules.interactions[term.term]!.delta;
      if (sum > best) best = sum;
    }
    total += group.count > 0 ? best : 0;
  }
  memo.best = total;
  return total;
}

function bestGroups(party: CompiledParty): BestGroup[] {
  const { rules } = party;
  const issueCount = rules.optionCounts.length;
  const clauses = party.held.flatMap((index) => rules.redLines[index]!.clauses);
  const { find, link } = issueLinks(issueCount);
  for (const term of rules.interactions) link(term.issues);
  const residuals: { rule: CompiledRule; issues: readonly number[] }[] = [];
  const allowed = rules.optionCounts.map((count) => new Array<boolean>(count).fill(true));
  for (const clause of clauses) {
    if (clause.kind === 'mask') clause.allowed.forEach((ok, option) => ok === 0 && (allowed[clause.issue]![option] = false));
    else {
      residuals.push(clause);
      link(clause.issues);
    }
  }
  const members = new Map<number, number[]>();
  for (let issue = 0; issue < issueCount; issue++) {
    const root = find(issue);
    const list = members.get(root);
    if (list === undefined) members.set(root, [issue]);
    else list.push(issue);
  }
  const scratch = new Int16Array(issueCount);
  return [...members.values()].map((issues): BestGroup => {
    const root = find(issues[0]!);
    const choices = issues.map((issue) => allowed[issue]!.flatMap((ok, option) => (ok ? [option] : [])));
    const groupResiduals = residuals.filter((clause) => clause.issues.every((issue) => find(issue) === root));
    const terms = rules.interactions.flatMap((term, t) => (term.issues.length > 0 && find(term.issues[0]!) === root ? [{ term: t, rule: term.rule }] : []));
    const options: number[] = [];
    const holds: number[][] = terms.map(() => []);
    forEachCompletion(
      issues,
      choices.map((list) => list.length),
      scratch,
      () => {
        if (!groupResiduals.every((clause) => ruleHolds(clause.rule, scratch))) return;
        for (const issue of issues) options.push(scratch[issue]!);
        terms.forEach((term, t) => holds[t]!.push(ruleHolds(term.rule, scratch) ? 1 : 0));
      },
      choices,
    );
    return { issues, options, count: options.length / Math.max(1, issues.length), terms: terms.map((term, t) => ({ term: term.term, holds: Uint8Array.from(holds[t]!) })) };
  });
}
