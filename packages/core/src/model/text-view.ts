import { COMPLETION_LIMIT } from './completions.js';
import { issueLinks } from './issue-links.js';
import { utilityOf, type CompiledParty, type PartyRules } from './compiled-party.js';
import { OPEN, type Settlement } from './outcome.js';
import type { PlanText } from './plan-text.js';
import type { UtilityRange } from './preferences.js';
import { ruleHolds, ruleTruth, violationCauses, type CompiledRule, type Truth } from './rule.js';
import { meetsThreshold } from './tolerance.js';

/** What one red line is on one settlement, and which issues say so. */
export interface RedLineFact {
  readonly truth: Truth;
  /** Settled issues that cause the crossing (when violated), or the open issues it depends on (when undetermined). */
  readonly issues: readonly number[];
}

/**
 * How one party sees one text, before any threshold: every red line's truth on it, the ones
 * it holds that the text crosses or leaves undetermined, the utility range over the ways the
 * open issues could be settled without crossing its red lines, and each point's worth. It is
 * the one evaluation every judgement is made from: {@link verdictAt} decides at a threshold,
 * and `assessPlan` renders it as an explained assessment.
 */
export interface TextView {
  /** Truth of every red line of the party's rules on the text (held or not), in order. */
  readonly facts: readonly RedLineFact[];
  /** The held red lines the text crosses (indexes into the rules' red lines), in order. */
  readonly violations: readonly number[];
  /** The held red lines whose truth depends on open issues, in order. */
  readonly undetermined: readonly number[];
  /** Point numbers that settle an issue causing one of those crossings. */
  readonly crossedPoints: ReadonlySet<number>;
  /** Open issues that a held red line depends on (they block acceptance). */
  readonly undeterminedIssues: ReadonlySet<number>;
  /** The lowest and highest utility the open issues can still lead to (see {@link UtilityRange}). */
  readonly range: UtilityRange;
  /** Each point's weighted worth to the party (null when it settles nothing the party weighs), in text order. */
  readonly pointValues: readonly (number | null)[];
  /** Open issues the party weighs or that an interaction mentions, in domain order. */
  readonly openThatMatter: readonly number[];
  /** Every open issue, in domain order. */
  readonly open: readonly number[];
  /** How many red lines the party holds. */
  readonly heldRedLines: number;
}

/** A party's answer to a text at a threshold. */
export interface Verdict {
  readonly stance: 'accepts' | 'rejects' | 'undecided';
  readonly accepts: boolean;
  /** The lowest utility the party can be held to. */
  readonly utility: number;
  /** `utility − threshold`. */
  readonly margin: number;
  /** How many held red lines the text crosses. */
  readonly violations: number;
  /** Open issues that block acceptance, in domain order. */
  readonly blocking: readonly number[];
}

/** Every completion of a group of linked open issues, and what holds in each. */
interface GroupShape {
  readonly members: readonly number[];
  readonly count: number;
  /** `combos[c * members.length + k]`: the option of `members[k]` in completion `c`. */
  readonly combos: Int16Array;
  /** 1 when completion `c` keeps every held red line on the group. */
  readonly admissible: Uint8Array;
  /** The group's interaction terms (indexes into the rules') and, per completion, whether each holds. */
  readonly terms: readonly { readonly term: number; readonly holds: Uint8Array }[];
}

/** The run-independent half of a utility range: how the open issues of a settlement are linked. */
interface RangeShape {
  /** Past the completion limit, the truth of each interaction term (the range is then a bound); else null. */
  readonly bounded: readonly Truth[] | null;
  readonly settled: readonly number[];
  /** Interaction terms that hold on the settled issues alone. */
  readonly constantTerms: readonly number[];
  /** False when a held red line on settled issues alone is crossed. */
  readonly constantsHold: boolean;
  readonly groups: readonly GroupShape[];
}

/** What is remembered per {@link PartyRules}: shared by every copy of a party, whatever its numbers. */
interface RulesMemo {
  readonly facts: Map<string, RedLineFact[]>;
  readonly shapes: Map<string, RangeShape>;
  readonly open: Map<string, { open: number[]; openThatMatter: number[] }>;
}

// Long explorations with free rounds meet ever new texts: every memo is bounded.
const MEMO_LIMIT = 50_000;
const VIEW_LIMIT = 20_000;

const memos = new WeakMap<PartyRules, RulesMemo>();
const views = new WeakMap<CompiledParty, Map<string, TextView>>();
const heldKeys = new WeakMap<readonly number[], string>();

function memoOf(rules: PartyRules): RulesMemo {
  let memo = memos.get(rules);
  if (memo === undefined) memos.set(rules, (memo = { facts: new Map(), shapes: new Map(), open: new Map() }));
  return memo;
}

function remember<V>(map: Map<string, V>, key: string, value: V, limit = MEMO_LIMIT): V {
  if (map.size >= limit) map.clear();
  map.set(key, value);
  return value;
}

/** @internal A string naming which red lines a party holds, for memo keys. */
export function heldKeyOf(party: CompiledParty): string {
  let key = heldKeys.get(party.held);
  if (key === undefined) heldKeys.set(party.held, (key = party.held.join('.')));
  return key;
}

/**
 * How `party` sees `text`. Remembered per party object and text, and built from what is
 * remembered per rules (red-line truths per settlement, how open issues are linked), so
 * judging the same text again — by the same party, or by a copy of it with other numbers —
 * costs little.
 *
 * The utility range is exact up to the completion limit: the open issues the party cares
 * about are cut into groups linked by a red line or an interaction (across groups the
 * utility is a plain sum), each group's best and worst completion is found, and the
 * utility of the completion they make is summed the one canonical way (`utilityOf`).
 *
 * @example
 * ```ts
 * const view = viewOf(russia, planTextOf(scenario.domain, planOf(scenario, 'us-28')));
 * view.range.min;            // the lowest utility Russia can be held to
 * verdictAt(view, 0.64).stance; // 'accepts'
 * ```
 */
export function viewOf(party: CompiledParty, text: PlanText): TextView {
  let byText = views.get(party);
  if (byText === undefined) views.set(party, (byText = new Map()));
  const found = byText.get(text.textKey);
  if (found !== undefined) return found;
  return remember(byText, text.textKey, buildView(party, text), VIEW_LIMIT);
}

function buildView(party: CompiledParty, text: PlanText): TextView {
  const { rules } = party;
  const memo = memoOf(rules);
  const facts = memo.facts.get(text.key) ?? remember(memo.facts, text.key, factsOf(rules, text.settlement));
  const violations: number[] = [];
  const undetermined: number[] = [];
  const crossedPoints = new Set<number>();
  const undeterminedIssues = new Set<number>();
  for (const redLine of party.held) {
    const fact = facts[redLine]!;
    if (fact.truth === 'violated') {
      violations.push(redLine);
      for (const issue of fact.issues) for (const point of text.settledBy[issue]!) crossedPoints.add(point);
    } else if (fact.truth === 'undetermined') {
      undetermined.push(redLine);
      for (const issue of fact.issues) undeterminedIssues.add(issue);
    }
  }
  const shapeKey = `${heldKeyOf(party)}|${text.key}`;
  const shape = memo.shapes.get(shapeKey) ?? remember(memo.shapes, shapeKey, rangeShape(party, text.settlement));
  const { open, openThatMatter } = memo.open.get(text.key) ?? remember(memo.open, text.key, openIssuesOf(rules, text.settlement));
  const pointValues = text.points.map((point) => {
    let weight = 0;
    let worth = 0;
    for (let k = 0; k < point.issues.length; k++) {
      const issue = point.issues[k]!;
      const w = party.weights[issue]!;
      weight += w;
      worth += w * party.values[issue]![point.options[k]!]!;
    }
    return weight > 0 ? worth / weight : null;
  });
  return {
    facts,
    violations,
    undetermined,
    crossedPoints,
    undeterminedIssues,
    range: rangeOf(party, text.settlement, shape),
    pointValues,
    openThatMatter,
    open,
    heldRedLines: party.held.length,
  };
}

function factsOf(rules: PartyRules, settlement: Settlement): RedLineFact[] {
  return rules.redLines.map((redLine): RedLineFact => {
    const truth = ruleTruth(redLine.rule, settlement, rules.optionCounts);
    if (truth === 'violated') return { truth, issues: violationCauses(redLine.rule, settlement) };
    if (truth === 'undetermined') return { truth, issues: redLine.issues.filter((issue) => settlement[issue] === OPEN) };
    return { truth, issues: [] };
  });
}

function openIssuesOf(rules: PartyRules, settlement: Settlement): { open: number[]; openThatMatter: number[] } {
  const open: number[] = [];
  const openThatMatter: number[] = [];
  for (let issue = 0; issue < settlement.length; issue++) {
    if (settlement[issue] !== OPEN) continue;
    open.push(issue);
    if (rules.weighed[issue] === 1 || rules.interactions.some((term) => term.issues.includes(issue))) openThatMatter.push(issue);
  }
  return { open, openThatMatter };
}

/** How the open issues a party cares about are linked on a settlement, given the red lines it holds. */
function rangeShape(party: CompiledParty, settlement: Settlement): RangeShape {
  const { rules } = party;
  const issueCount = settlement.length;
  const held = party.held.map((index) => rules.redLines[index]!);
  const relevant = Uint8Array.from(rules.weighed);
  for (const term of rules.interactions) for (const issue of term.issues) relevant[issue] = 1;
  for (const redLine of held) for (const issue of redLine.issues) relevant[issue] = 1;
  let completions = 1;
  for (let issue = 0; issue < issueCount; issue++) if (relevant[issue] === 1 && settlement[issue] === OPEN) completions *= rules.optionCounts[issue]!;
  const settled: number[] = [];
  for (let issue = 0; issue < issueCount; issue++) if (settlement[issue] !== OPEN) settled.push(issue);
  if (completions > COMPLETION_LIMIT) {
    return { bounded: rules.interactions.map((term) => ruleTruth(term.rule, settlement, rules.optionCounts)), settled, constantTerms: [], constantsHold: true, groups: [] };
  }
  const { find, link } = issueLinks(issueCount);
  const openOf = (issues: readonly number[]) => issues.filter((issue) => settlement[issue] === OPEN);
  for (const term of rules.interactions) link(openOf(term.issues));
  for (const redLine of held) link(openOf(redLine.issues));
  const groupOf = (issues: readonly number[]): number => {
    for (const issue of issues) if (settlement[issue] === OPEN) return find(issue);
    return -1;
  };
  const values = Int16Array.from(settlement, (option) => (option === OPEN ? 0 : option));
  // Rules and terms on settled issues only are constants; every other one belongs to one group.
  const constantsHold = held.every((redLine) => groupOf(redLine.issues) >= 0 || ruleHolds(redLine.rule, values));
  const constantTerms = rules.interactions.flatMap((term, t) => (groupOf(term.issues) < 0 && ruleHolds(term.rule, values) ? [t] : []));
  const members = new Map<number, number[]>();
  for (let issue = 0; issue < issueCount; issue++) {
    if (relevant[issue] !== 1 || settlement[issue] !== OPEN) continue;
    const root = find(issue);
    const list = members.get(root);
    if (list === undefined) members.set(root, [issue]);
    else list.push(issue);
  }
  const groups = [...members].map(([root, issues]) =>
    groupShape(
      rules,
      issues,
      held.filter((redLine) => groupOf(redLine.issues) === root).map((redLine) => redLine.rule),
      rules.interactions.flatMap((term, t) => (groupOf(term.issues) === root ? [{ term: t, rule: term.rule }] : [])),
      values,
    ),
  );
  return { bounded: null, settled, constantTerms, constantsHold, groups };
}

function groupShape(rules: PartyRules, members: readonly number[], held: readonly CompiledRule[], terms: readonly { term: number; rule: CompiledRule }[], values: Int16Array): GroupShape {
  const sizes = members.map((issue) => rules.optionCounts[issue]!);
  let total = 1;
  for (const size of sizes) total *= size;
  const combos = new Int16Array(total * members.length);
  const admissible = new Uint8Array(total);
  const holds = terms.map(() => new Uint8Array(total));
  for (let n = 0; n < total; n++) {
    let rest = n;
    for (let k = 0; k < members.length; k++) {
      const option = rest % sizes[k]!;
      rest = (rest - option) / sizes[k]!;
      values[members[k]!] = option;
      combos[n * members.length + k] = option;
    }
    admissible[n] = held.every((rule) => ruleHolds(rule, values)) ? 1 : 0;
    terms.forEach((term, t) => (holds[t]![n] = ruleHolds(term.rule, values) ? 1 : 0));
  }
  for (const issue of members) values[issue] = 0;
  return { members, count: total, combos, admissible, terms: terms.map((term, t) => ({ term: term.term, holds: holds[t]! })) };
}

// One scratch assignment per thread: the completions whose utility a range reports are
// assembled here and summed the canonical way.
let scratch = new Int16Array(0);

/**
 * The range of the party's utility over the completions of the open issues that keep its
 * held red lines (all completions when none does). Each group's extreme completions are
 * found by summing within the group; the utility reported is that of the completion they
 * assemble into, summed as {@link utilityOf} sums it.
 */
function rangeOf(party: CompiledParty, settlement: Settlement, shape: RangeShape): UtilityRange {
  // Frozen: assessments hand this very object to their callers.
  if (shape.bounded !== null) return Object.freeze({ ...utilityBounds(party, settlement, shape.bounded), exact: false, withinRedLines: true });
  let within = shape.constantsHold;
  const picks = shape.groups.map((group) => {
    const pick = extremesOf(party, group);
    if (pick.min < 0) within = false;
    return pick;
  });
  if (scratch.length !== settlement.length) scratch = new Int16Array(settlement.length);
  const utilityWith = (choose: (pick: Extremes) => number): number => {
    for (let issue = 0; issue < settlement.length; issue++) scratch[issue] = settlement[issue] === OPEN ? 0 : settlement[issue]!;
    shape.groups.forEach((group, g) => {
      const c = choose(picks[g]!);
      const width = group.members.length;
      for (let k = 0; k < width; k++) scratch[group.members[k]!] = group.combos[c * width + k]!;
    });
    return utilityOf(party, scratch);
  };
  if (within) return Object.freeze({ min: utilityWith((pick) => pick.min), max: utilityWith((pick) => pick.max), exact: true, withinRedLines: true });
  return Object.freeze({ min: utilityWith((pick) => pick.anyMin), max: utilityWith((pick) => pick.anyMax), exact: true, withinRedLines: false });
}

/** The completions of a group with the lowest and highest utility: among admissible ones (-1 when none is), and among all. */
interface Extremes {
  readonly min: number;
  readonly max: number;
  readonly anyMin: number;
  readonly anyMax: number;
}

function extremesOf(party: CompiledParty, group: GroupShape): Extremes {
  const width = group.members.length;
  let min = Infinity;
  let max = -Infinity;
  let anyMin = Infinity;
  let anyMax = -Infinity;
  const picked = { min: -1, max: -1, anyMin: -1, anyMax: -1 };
  for (let c = 0; c < group.count; c++) {
    let utility = 0;
    for (let k = 0; k < width; k++) {
      const issue = group.members[k]!;
      utility += party.weights[issue]! * party.values[issue]![group.combos[c * width + k]!]!;
    }
    for (const term of group.terms) if (term.holds[c] === 1) utility += party.rules.interactions[term.term]!.delta;
    if (utility < anyMin) (anyMin = utility), (picked.anyMin = c);
    if (utility > anyMax) (anyMax = utility), (picked.anyMax = c);
    if (group.admissible[c] === 1) {
      if (utility < min) (min = utility), (picked.min = c);
      if (utility > max) (max = utility), (picked.max = c);
    }
  }
  return picked;
}

/**
 * A bound on the utility of a settlement's completions without enumerating them: each open
 * issue's worst and best option, and each interaction term counted when it holds (its
 * sign's extreme when undetermined).
 */
function utilityBounds(party: CompiledParty, settlement: Settlement, termTruths: readonly Truth[]): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (let issue = 0; issue < party.weights.length; issue++) {
    const weight = party.weights[issue]!;
    const table = Array.from(party.values[issue]!);
    const option = settlement[issue]!;
    if (option === OPEN) {
      min += weight * Math.min(...table);
      max += weight * Math.max(...table);
    } else {
      min += weight * table[option]!;
      max += weight * table[option]!;
    }
  }
  termTruths.forEach((truth, t) => {
    const { delta } = party.rules.interactions[t]!;
    if (truth === 'holds') {
      min += delta;
      max += delta;
    } else if (truth === 'undetermined') {
      min += Math.min(0, delta);
      max += Math.max(0, delta);
    }
  });
  return { min, max };
}

/**
 * The party's answer to a text it sees as `view`, when it will settle for no less than
 * `threshold`: it rejects a text that crosses a held red line, whose red lines cannot all
 * hold however the open issues are settled, or that is worth less than the threshold even at
 * best; it is undecided while an issue it needs settled is open (a red line depends on it,
 * or the utility straddles the threshold); otherwise it accepts.
 *
 * @example
 * ```ts
 * const verdict = verdictAt(viewOf(ukraine, text), 0.45);
 * verdict.accepts; // false
 * ```
 */
export function verdictAt(view: TextView, threshold: number): Verdict {
  const { range } = view;
  const straddles = view.violations.length === 0 && range.withinRedLines && !meetsThreshold(range.min, threshold) && meetsThreshold(range.max, threshold);
  const blocking = view.open.filter((issue) => view.undeterminedIssues.has(issue) || (straddles && view.openThatMatter.includes(issue)));
  let stance: Verdict['stance'];
  if (view.violations.length > 0 || (!range.withinRedLines && view.heldRedLines > 0) || !meetsThreshold(range.max, threshold)) stance = 'rejects';
  else if (blocking.length > 0) stance = 'undecided';
  else stance = 'accepts';
  return { stance, accepts: stance === 'accepts', utility: range.min, margin: range.min - threshold, violations: view.violations.length, blocking };
}

/**
 * Per point in text order: 2 when it crosses a red line, 1 when it is worth less than
 * `threshold` on its own, else 0 — the point verdicts `crosses-red-line`, `objectionable`
 * and `acceptable` as numbers.
 *
 * @example
 * ```ts
 * pointScoresAt(viewOf(russia, text), text, 0.66); // [0, 0, 0, 0, 1, 2, …]
 * ```
 */
export function pointScoresAt(view: TextView, text: PlanText, threshold: number): number[] {
  return text.points.map((point, k) => {
    if (view.crossedPoints.has(point.number)) return 2;
    const value = view.pointValues[k]!;
    return value !== null && !meetsThreshold(value, threshold) ? 1 : 0;
  });
}
