import { issueLinks } from '../analysis/issue-links.js';
import { OPEN, type Settlement } from '../model/outcome.js';
import { evaluateRuleWithSizes, ruleHolds, ruleIssues, violationCauses, type CompiledRule, type Truth } from '../model/rule.js';
import { utilityBounds } from '../model/preferences.js';
import { meetsThreshold } from '../model/tolerance.js';
import type { BaseParty, SimParty } from './sim-party.js';

/** A text as a simulation judges it: what it settles, and which points settle what. */
export interface SimText {
  /** The settlement: one option per issue, or `OPEN`. */
  readonly settlement: Settlement;
  /** Its points in order: each point's number and the issues its provisions settle. */
  readonly points: readonly { readonly number: number; readonly issues: readonly number[]; readonly options: readonly number[] }[];
  /** `settledBy[issue]`: the numbers of the points that settle it. */
  readonly settledBy: readonly (readonly number[])[];
  /** The settlement as a string: the key of the red-line facts, which depend on nothing else. */
  readonly key: string;
  /** The settlement and the points' structure: the key of a party's view of the text. */
  readonly textKey: string;
}

/**
 * How one party sees one text, before any threshold: the red lines it crosses and leaves
 * undetermined, the utility range over the admissible completions, and each point's worth.
 * The threshold-dependent verdict comes from {@link verdictAt}.
 */
export interface TextView {
  /** The held red lines the text crosses (indexes into the base party's red lines). */
  readonly violations: readonly number[];
  /** Point numbers that settle an issue causing one of those crossings. */
  readonly crossedPoints: ReadonlySet<number>;
  /** Open issues that a held red line depends on (they block acceptance). */
  readonly undeterminedIssues: ReadonlySet<number>;
  readonly min: number;
  readonly max: number;
  readonly withinRedLines: boolean;
  /** Each point's weighted worth to the party (null when it settles nothing the party weighs), in text order. */
  readonly pointValues: readonly (number | null)[];
  /** Open issues the party weighs or that an interaction mentions, in domain order. */
  readonly openThatMatter: readonly number[];
  /** Every open issue, in domain order. */
  readonly open: readonly number[];
  /** How many red lines the party holds in this run. */
  readonly heldRedLines: number;
}

/** A party's answer to a text at a threshold: the same decision `assessPlan` gives at that reservation value. */
export interface Verdict {
  readonly stance: 'accepts' | 'rejects' | 'undecided';
  readonly accepts: boolean;
  /** The lowest utility the party can be held to (the utility `assessPlan` reports). */
  readonly utility: number;
  readonly margin: number;
  readonly violations: number;
  /** Open issues that block acceptance, in domain order. */
  readonly blocking: readonly number[];
}

interface RedLineFact {
  readonly truth: Truth;
  /** Settled issues that cause a crossing (when violated), or open issues it depends on (when undetermined). */
  readonly issues: readonly number[];
}

/** Every completion of a group of linked open issues, and what holds in each: the run-independent half of a utility range. */
interface GroupShape {
  readonly members: readonly number[];
  readonly count: number;
  /** `combos[c * members.length + k]`: the option of `members[k]` in completion `c`. */
  readonly combos: Int16Array;
  /** 1 when completion `c` keeps every held red line on the group. */
  readonly admissible: Uint8Array;
  /** The group's interaction terms (indexes into the party's) and, per completion, whether each holds. */
  readonly terms: readonly { readonly term: number; readonly holds: Uint8Array }[];
}

/** A party's utility over a settlement, given the red lines it holds, minus the numbers. */
interface RangeShape {
  /** Past 65 536 completions, the truth of each interaction term (the range is then a bound); else null. */
  readonly bounded: readonly Truth[] | null;
  readonly settled: readonly number[];
  /** Interaction terms that hold on the settled issues alone. */
  readonly constantTerms: readonly number[];
  /** False when a held red line on settled issues alone is crossed. */
  readonly constantsHold: boolean;
  readonly groups: readonly GroupShape[];
}

// Past this many completions, `utilityRange` bounds instead of enumerating; the judge does
// the same so that both always agree.
const MAX_COMPLETIONS = 1 << 16;

/**
 * Judges texts for simulated parties: the numbers and decisions of `assessPlan` without its
 * explanations, and fast enough for thousands of simulated talks per second. Red-line facts
 * depend only on the rule and the settlement, so they are cached across runs; utility
 * ranges depend on the run's numbers and are computed by groups of linked open issues.
 *
 * A red line's truth on a text is computed exactly as `evaluateRule` computes it, and the
 * utility range as `utilityRange` does (enumeration up to 65 536 completions, the same bound
 * beyond), so a party's verdict here equals `assessPlan`'s at the same threshold; a property
 * test holds the two together.
 *
 * @example
 * ```ts
 * const judge = createJudge(scenario.domain.issues.map((issue) => issue.options.length), baseParties);
 * const view = judge.view(0, simParty, simTextOf(scenario.domain, plan));
 * verdictAt(view, 0.4).stance; // 'rejects'
 * ```
 */
export function createJudge(optionCounts: readonly number[], parties: readonly BaseParty[]) {
  const optionCount = (issue: number): number => optionCounts[issue]!;
  const ruleIssuesOf = parties.map((party) => party.redLines.map((redLine) => ruleIssues(redLine.rule)));
  const interactionIssuesOf = new WeakMap<CompiledRule, readonly number[]>();
  const issuesOfInteraction = (rule: CompiledRule): readonly number[] => {
    let found = interactionIssuesOf.get(rule);
    if (found === undefined) interactionIssuesOf.set(rule, (found = ruleIssues(rule)));
    return found;
  };
  // Red-line facts per settlement: shared by every run (the perturbation never changes a rule).
  const facts = new Map<string, RedLineFact[][]>();
  const factsOf = (text: SimText): RedLineFact[][] => {
    let found = facts.get(text.key);
    if (found === undefined) {
      found = parties.map((party, p) =>
        party.redLines.map((redLine, r): RedLineFact => {
          const truth = evaluateRuleWithSizes(redLine.rule, text.settlement, optionCount);
          if (truth === 'violated') return { truth, issues: violationCauses(redLine.rule, text.settlement) };
          if (truth === 'undetermined') return { truth, issues: ruleIssuesOf[p]![r]!.filter((issue) => text.settlement[issue] === OPEN) };
          return { truth, issues: [] };
        }),
      );
      // A long exploration with free rounds meets many candidate texts: keep the cache bounded.
      if (facts.size >= 50_000) facts.clear();
      facts.set(text.key, found);
    }
    return found;
  };

  const heldKeys = new WeakMap<readonly number[], string>();
  const heldKeyOf = (party: SimParty): string => {
    let key = heldKeys.get(party.redLines);
    if (key === undefined) heldKeys.set(party.redLines, (key = party.redLines.join('.')));
    return key;
  };
  // The shape of a party's utility over a settlement (which open issues are linked, which of
  // their completions keep the held red lines, where interactions hold) depends only on the
  // settlement and on which red lines are held, never on the run's numbers: shared by runs.
  const shapes = new Map<string, RangeShape>();
  const shapeOf = (index: number, party: SimParty, settlement: Settlement, key: string): RangeShape => {
    const cacheKey = `${index}|${heldKeyOf(party)}|${key}`;
    let shape = shapes.get(cacheKey);
    if (shape === undefined) {
      if (shapes.size >= 50_000) shapes.clear();
      shapes.set(cacheKey, (shape = rangeShape(index, party.redLines, settlement)));
    }
    return shape;
  };

  const rangeShape = (index: number, heldRedLines: readonly number[], settlement: Settlement): RangeShape => {
    const base = parties[index]!;
    const issueCount = settlement.length;
    const held = heldRedLines.map((redLine) => ({ rule: base.redLines[redLine]!.rule, issues: ruleIssuesOf[index]![redLine]! }));
    const terms = base.interactions.map((term) => ({ rule: term.rule, issues: issuesOfInteraction(term.rule) }));
    const relevant = new Uint8Array(issueCount);
    for (let issue = 0; issue < issueCount; issue++) if (base.rawWeights[issue]! > 0) relevant[issue] = 1;
    for (const term of terms) for (const issue of term.issues) relevant[issue] = 1;
    for (const rule of held) for (const issue of rule.issues) relevant[issue] = 1;
    let completions = 1;
    for (let issue = 0; issue < issueCount; issue++) if (relevant[issue] === 1 && settlement[issue] === OPEN) completions *= optionCounts[issue]!;
    const settled: number[] = [];
    for (let issue = 0; issue < issueCount; issue++) if (settlement[issue] !== OPEN) settled.push(issue);
    if (completions > MAX_COMPLETIONS) {
      return { bounded: terms.map((term) => evaluateRuleWithSizes(term.rule, settlement, optionCount)), settled, constantTerms: [], constantsHold: true, groups: [] };
    }
    // The open issues, linked by every rule that mentions two or more of them.
    const { find, link } = issueLinks(issueCount);
    const openOf = (issues: readonly number[]) => issues.filter((issue) => settlement[issue] === OPEN);
    for (const term of terms) link(openOf(term.issues));
    for (const rule of held) link(openOf(rule.issues));
    const groupOf = (issues: readonly number[]): number => {
      for (const issue of issues) if (settlement[issue] === OPEN) return find(issue);
      return -1;
    };
    const values = Int16Array.from(settlement, (option) => (option === OPEN ? 0 : option));
    // Rules and terms on settled issues only are constants; the others belong to one group.
    const constantsHold = held.every((rule) => groupOf(rule.issues) >= 0 || ruleHolds(rule.rule, values));
    const constantTerms = terms.flatMap((term, t) => (groupOf(term.issues) < 0 && ruleHolds(term.rule, values) ? [t] : []));
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
        issues,
        held.filter((rule) => groupOf(rule.issues) === root).map((rule) => rule.rule),
        terms.flatMap((term, t) => (groupOf(term.issues) === root ? [{ term: t, rule: term.rule }] : [])),
        values,
        true,
      ),
    );
    return { bounded: null, settled, constantTerms, constantsHold, groups };
  };

  /** Every completion of a group's issues: its options, whether it keeps the rules, where the terms hold. */
  const groupShape = (
    members: readonly number[],
    rules: readonly CompiledRule[],
    terms: readonly { term: number; rule: CompiledRule }[],
    values: Int16Array,
    keepInadmissible: boolean,
  ): GroupShape => {
    const sizes = members.map((issue) => optionCounts[issue]!);
    const total = sizes.reduce((product, size) => product * size, 1);
    const combos: number[] = [];
    const admissible: number[] = [];
    const holds: number[][] = terms.map(() => []);
    for (let n = 0; n < total; n++) {
      let rest = n;
      for (let k = 0; k < members.length; k++) {
        const option = rest % sizes[k]!;
        rest = (rest - option) / sizes[k]!;
        values[members[k]!] = option;
      }
      const keeps = rules.every((rule) => ruleHolds(rule, values));
      if (!keeps && !keepInadmissible) continue;
      for (const issue of members) combos.push(values[issue]!);
      admissible.push(keeps ? 1 : 0);
      terms.forEach((term, t) => holds[t]!.push(ruleHolds(term.rule, values) ? 1 : 0));
    }
    for (const issue of members) values[issue] = 0;
    return {
      members,
      count: admissible.length,
      combos: Int16Array.from(combos),
      admissible: Uint8Array.from(admissible),
      terms: terms.map((term, t) => ({ term: term.term, holds: Uint8Array.from(holds[t]!) })),
    };
  };

  /** The lowest and highest utility over a group's completions: admissible ones, and all. */
  const groupRange = (party: SimParty, group: GroupShape): { min: number; max: number; anyMin: number; anyMax: number } => {
    const width = group.members.length;
    let min = Infinity;
    let max = -Infinity;
    let anyMin = Infinity;
    let anyMax = -Infinity;
    for (let c = 0; c < group.count; c++) {
      let utility = 0;
      for (let k = 0; k < width; k++) {
        const issue = group.members[k]!;
        utility += party.weights[issue]! * party.values[issue]![group.combos[c * width + k]!]!;
      }
      for (const term of group.terms) if (term.holds[c] === 1) utility += party.interactions[term.term]!.delta;
      if (utility < anyMin) anyMin = utility;
      if (utility > anyMax) anyMax = utility;
      if (group.admissible[c] === 1) {
        if (utility < min) min = utility;
        if (utility > max) max = utility;
      }
    }
    return { min, max, anyMin, anyMax };
  };

  /**
   * The range of the party's utility over the completions of the open issues that keep its
   * held red lines, as `utilityRange` computes it: by groups of open issues linked through a
   * red line or an interaction, since across groups the utility is a plain sum.
   */
  const rangeOf = (party: SimParty, settlement: Settlement, shape: RangeShape): { min: number; max: number; withinRedLines: boolean } => {
    if (shape.bounded !== null) return boundRange(party, settlement, shape.bounded);
    let base = 0;
    for (const issue of shape.settled) base += party.weights[issue]! * party.values[issue]![settlement[issue]!]!;
    for (const term of shape.constantTerms) base += party.interactions[term]!.delta;
    let min = base;
    let max = base;
    let anyMin = base;
    let anyMax = base;
    let within = shape.constantsHold;
    for (const group of shape.groups) {
      const range = groupRange(party, group);
      anyMin += range.anyMin;
      anyMax += range.anyMax;
      if (range.min === Infinity) within = false;
      else {
        min += range.min;
        max += range.max;
      }
    }
    return within ? { min, max, withinRedLines: true } : { min: anyMin, max: anyMax, withinRedLines: false };
  };

  /** Past 65 536 completions: each issue's worst and best option, as `utilityRange` bounds it. */
  const boundRange = (party: SimParty, settlement: Settlement, termTruths: readonly Truth[]): { min: number; max: number; withinRedLines: boolean } => ({
    ...utilityBounds(party.weights, party.values, settlement, termTruths.map((truth, t) => ({ truth, delta: party.interactions[t]!.delta }))),
    withinRedLines: true,
  });

  /** How party `index` (with this run's numbers) sees `text`. */
  const view = (index: number, party: SimParty, text: SimText): TextView => {
    const settlement = text.settlement;
    const partyFacts = factsOf(text)[index]!;
    const violations: number[] = [];
    const crossedPoints = new Set<number>();
    const undeterminedIssues = new Set<number>();
    for (const redLine of party.redLines) {
      const fact = partyFacts[redLine]!;
      if (fact.truth === 'violated') {
        violations.push(redLine);
        for (const issue of fact.issues) for (const point of text.settledBy[issue]!) crossedPoints.add(point);
      } else if (fact.truth === 'undetermined') {
        for (const issue of fact.issues) undeterminedIssues.add(issue);
      }
    }
    const range = rangeOf(party, settlement, shapeOf(index, party, settlement, text.key));
    const { open, openThatMatter } = openIssuesOf(index, text);
    const pointValues = text.points.map((point) => {
      let weight = 0;
      let worth = 0;
      point.issues.forEach((issue, k) => {
        const w = party.weights[issue]!;
        weight += w;
        worth += w * party.values[issue]![point.options[k]!]!;
      });
      return weight > 0 ? worth / weight : null;
    });
    return { violations, crossedPoints, undeterminedIssues, ...range, pointValues, openThatMatter, open, heldRedLines: party.redLines.length };
  };

  const openIssues = new Map<string, { open: number[]; openThatMatter: number[] }>();
  const openIssuesOf = (index: number, text: SimText): { open: number[]; openThatMatter: number[] } => {
    const cacheKey = `${index}|${text.key}`;
    let found = openIssues.get(cacheKey);
    if (found === undefined) {
      const base = parties[index]!;
      const open: number[] = [];
      const openThatMatter: number[] = [];
      for (let issue = 0; issue < text.settlement.length; issue++) {
        if (text.settlement[issue] !== OPEN) continue;
        open.push(issue);
        if (base.rawWeights[issue]! > 0 || base.interactions.some((term) => issuesOfInteraction(term.rule).includes(issue))) openThatMatter.push(issue);
      }
      if (openIssues.size >= 50_000) openIssues.clear();
      openIssues.set(cacheKey, (found = { open, openThatMatter }));
    }
    return found;
  };

  // The groups of every issue under the held red lines, for `best`: also shared by runs.
  const bestShapes = new Map<string, GroupShape[]>();
  /**
   * The most the party could get from any complete outcome that keeps its held red lines,
   * as `bestUtility` computes it: by groups of issues linked by a multi-issue red line or an
   * interaction, a group with no admissible choice adding nothing.
   */
  const best = (index: number, party: SimParty): number => {
    const cacheKey = `${index}|${heldKeyOf(party)}`;
    let groups = bestShapes.get(cacheKey);
    if (groups === undefined) {
      const base = parties[index]!;
      const issueCount = optionCounts.length;
      const held = party.redLines.map((redLine) => ({ rule: base.redLines[redLine]!.rule, issues: ruleIssuesOf[index]![redLine]! }));
      const terms = base.interactions.map((term, t) => ({ term: t, rule: term.rule, issues: issuesOfInteraction(term.rule) }));
      const { find, link } = issueLinks(issueCount);
      for (const term of terms) link(term.issues);
      for (const rule of held) link(rule.issues);
      const members = new Map<number, number[]>();
      for (let issue = 0; issue < issueCount; issue++) {
        const root = find(issue);
        const list = members.get(root);
        if (list === undefined) members.set(root, [issue]);
        else list.push(issue);
      }
      const values = new Int16Array(issueCount);
      groups = [...members].map(([root, issues]) =>
        groupShape(
          issues,
          held.filter((rule) => rule.issues.length > 0 && find(rule.issues[0]!) === root).map((rule) => rule.rule),
          terms.filter((term) => term.issues.length > 0 && find(term.issues[0]!) === root),
          values,
          false,
        ),
      );
      bestShapes.set(cacheKey, groups);
    }
    let total = 0;
    for (const group of groups) {
      const range = groupRange(party, group);
      if (range.max > -Infinity) total += range.max;
    }
    return total;
  };

  return { view, best };
}

/** The judge made by {@link createJudge}. */
export type Judge = ReturnType<typeof createJudge>;

/**
 * The party's verdict on a text it sees as `view`, when it will settle for no less than
 * `threshold`: the stance, utility, margin, blocking issues and point scores that
 * `assessPlan` gives a party whose reservation value is `threshold`.
 *
 * @example
 * ```ts
 * const verdict = verdictAt(judge.view(0, party, text), 0.45);
 * verdict.accepts; // false
 * ```
 */
export function verdictAt(view: TextView, threshold: number): Verdict {
  const straddles = view.violations.length === 0 && view.withinRedLines && !meetsThreshold(view.min, threshold) && meetsThreshold(view.max, threshold);
  const blocking = view.open.filter((issue) => view.undeterminedIssues.has(issue) || (straddles && view.openThatMatter.includes(issue)));
  let stance: Verdict['stance'];
  if (view.violations.length > 0 || (!view.withinRedLines && view.heldRedLines > 0) || !meetsThreshold(view.max, threshold)) stance = 'rejects';
  else if (blocking.length > 0) stance = 'undecided';
  else stance = 'accepts';
  return {
    stance,
    accepts: stance === 'accepts',
    utility: view.min,
    margin: view.min - threshold,
    violations: view.violations.length,
    blocking,
  };
}

/** Per point in text order: 2 when it crosses a red line, 1 when it is worth less than `threshold`, else 0. */
export function pointScoresAt(view: TextView, text: SimText, threshold: number): number[] {
  return text.points.map((point, k) => {
    if (view.crossedPoints.has(point.number)) return 2;
    const value = view.pointValues[k]!;
    return value !== null && !meetsThreshold(value, threshold) ? 1 : 0;
  });
}
