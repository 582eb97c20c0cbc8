import { COMPLETION_LIMIT, forEachCompletion } from './completions.js';
import { issueLinks } from './issue-links.js';
import { partyMemo } from './party-memo.js';
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

/**
 * How the open issues of a settlement are linked, which depends only on which issues are
 * open: groups of open issues tied by a red line or an interaction (across groups a party's
 * utility is a plain sum), and the red lines on settled issues alone.
 */
interface Frame {
  /**
   * The red lines behind the bits of every mask: bit k stands for `lines[k]`; or, when a
   * party holds more red lines than bits, one bit for all the lines it holds.
   */
  readonly lines: readonly number[] | 'all-held';
  /** The red lines (by bit) that mention settled issues only. */
  readonly constantLines: readonly { readonly rule: CompiledRule; readonly bit: number; readonly issues: readonly number[] }[];
  readonly groups: readonly FrameGroup[];
}

/** One group of linked open issues, and its completions' tables for each context it has met. */
interface FrameGroup {
  readonly members: readonly number[];
  readonly sizes: readonly number[];
  readonly count: number;
  readonly lines: readonly { readonly rule: CompiledRule; readonly bit: number }[];
  readonly terms: readonly { readonly term: number; readonly rule: CompiledRule }[];
  /** The settled issues the group's red lines and terms also mention: their options are the group's context. */
  readonly outside: readonly number[];
  readonly tables: Map<number | string, GroupTable>;
}

/** Every completion of a group in one context, and what holds in each. */
interface GroupTable {
  /** `combos[c * members.length + k]`: the option of `members[k]` in completion `c`. */
  readonly combos: Int16Array;
  /** Per completion, the frame's red lines it crosses, as bits. */
  readonly crossed: Int32Array;
  /** Per interaction term of the group (in the group's order), whether it holds in each completion. */
  readonly holds: readonly Uint8Array[];
}

/** What is remembered per {@link PartyRules}: shared by every copy of a party, whatever its numbers. */
interface RulesMemo {
  /** Per red line, its fact by the options (or `OPEN`) of the issues it mentions. */
  readonly facts: readonly Map<number | string, RedLineFact>[];
  /** Every red line's fact, by settlement: the texts on the table recur in every run. */
  readonly settlementFacts: Map<string, RedLineFact[]>;
  readonly frames: Map<string, Frame>;
  readonly open: Map<string, { open: number[]; openThatMatter: number[] }>;
}

// Long explorations with free rounds meet ever new texts: every memo is bounded.
const MEMO_LIMIT = 50_000;
const VIEW_LIMIT = 20_000;
// A red line's bit in the masks of a frame: 31 of them fit in a small integer.
const MASK_BITS = 31;

const memos = new WeakMap<PartyRules, RulesMemo>();
// The empty list verdicts blocked by nothing share (frozen: a caller cannot add to it).
const NO_ISSUES: readonly number[] = Object.freeze([]);
// The empty set views share; nothing ever adds to it (a view copies on its first element).
const NOTHING: Set<number> = new Set();
const heldKeys = new WeakMap<readonly number[], string>();

function memoOf(rules: PartyRules): RulesMemo {
  let memo = memos.get(rules);
  if (memo === undefined) memos.set(rules, (memo = { facts: rules.redLines.map(() => new Map()), settlementFacts: new Map(), frames: new Map(), open: new Map() }));
  return memo;
}

function remember<K, V>(map: Map<K, V>, key: K, value: V, limit = MEMO_LIMIT): V {
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
 * The options of `issues` in a settlement, as a key: a number, each issue's option (+1, so
 * that `OPEN` is 0) a digit in base 64, when there are at most 8 issues and every option is
 * below 63; else a string (`-1` for open). A number is made without allocating, and this is
 * asked for every red line of every candidate a mediator scores. The two kinds never meet:
 * a string key is never equal to a number.
 */
function projectionKey(issues: readonly number[], settlement: Settlement): number | string {
  if (issues.length <= 8) {
    let key = 0;
    let k = 0;
    for (; k < issues.length; k++) {
      const digit = settlement[issues[k]!]! + 1;
      if (digit >= 64) break;
      key = key * 64 + digit;
    }
    if (k === issues.length) return key;
  }
  let key = '';
  for (let k = 0; k < issues.length; k++) key += `${settlement[issues[k]!]},`;
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
  const byText = partyMemo(party).views;
  const found = byText.get(text.textKey);
  if (found !== undefined) return found;
  return remember(byText, text.textKey, buildView(party, text), VIEW_LIMIT);
}

function buildView(party: CompiledParty, text: PlanText): TextView {
  const { rules } = party;
  const memo = memoOf(rules);
  const { facts, open, openThatMatter } = readingOf(rules, memo, text);
  const violations: number[] = [];
  const undetermined: number[] = [];
  // Most views cross nothing: one shared empty set until something is added.
  let crossedPoints: Set<number> = NOTHING;
  let undeterminedIssues: Set<number> = NOTHING;
  for (const redLine of party.held) {
    const fact = facts[redLine]!;
    if (fact.truth === 'violated') {
      violations.push(redLine);
      for (const issue of fact.issues) for (const point of text.settledBy[issue]!) (crossedPoints === NOTHING ? (crossedPoints = new Set()) : crossedPoints).add(point);
    } else if (fact.truth === 'undetermined') {
      undetermined.push(redLine);
      for (const issue of fact.issues) (undeterminedIssues === NOTHING ? (undeterminedIssues = new Set()) : undeterminedIssues).add(issue);
    }
  }
  const extremes = extremesOver(party, memo, text.settlement, openKeyOfText(text));
  return new LazyView(party, text, facts, violations, undetermined, crossedPoints, undeterminedIssues, rangeFrom(party, text.settlement, extremes), openThatMatter, open, extremes);
}

/** What a text is to one set of party rules, before any numbers: every red line's truth, and which open issues matter. */
interface RulesReading {
  readonly facts: readonly RedLineFact[];
  readonly open: readonly number[];
  readonly openThatMatter: readonly number[];
}

/** What is remembered per text object: which issues it leaves open (as a key), and what it is to each set of rules. */
interface TextMemo {
  openKey: string | undefined;
  readonly readings: Map<PartyRules, RulesReading>;
}

// Kept on the text object under a symbol, as the party memo is (see party-memo.ts): every run
// of an exploration meets the same text objects again, and finding what they are to each
// party's rules there costs far less than a look-up by the settlement's key (a long string)
// in a memo of every settlement met. A text that cannot take the property is remembered in
// a WeakMap instead.
const TEXT_MEMO = Symbol('parley.textMemo');
const frozenTexts = new WeakMap<PlanText, TextMemo>();

function textMemoOf(text: PlanText): TextMemo {
  const holder = text as unknown as { [TEXT_MEMO]?: TextMemo };
  const found = holder[TEXT_MEMO];
  if (found !== undefined) return found;
  const memo: TextMemo = { openKey: undefined, readings: new Map() };
  if (Object.isExtensible(text)) {
    Object.defineProperty(text, TEXT_MEMO, { value: memo, enumerable: false });
    return memo;
  }
  const kept = frozenTexts.get(text);
  if (kept !== undefined) return kept;
  frozenTexts.set(text, memo);
  return memo;
}

/** Which issues `text` leaves open, as a key ({@link openKeyOf}), remembered per text. */
function openKeyOfText(text: PlanText): string {
  const memo = textMemoOf(text);
  return (memo.openKey ??= openKeyOf(text.settlement));
}

/** What `text` is to `rules`: remembered per text, and per settlement (texts of equal settlements read alike). */
function readingOf(rules: PartyRules, memo: RulesMemo, text: PlanText): RulesReading {
  const { readings } = textMemoOf(text);
  let reading = readings.get(rules);
  if (reading === undefined) {
    const facts = memo.settlementFacts.get(text.key) ?? remember(memo.settlementFacts, text.key, factsOf(rules, memo, text.settlement));
    const { open, openThatMatter } = memo.open.get(text.key) ?? remember(memo.open, text.key, openIssuesOf(rules, text.settlement));
    readings.set(rules, (reading = { facts, open, openThatMatter }));
  }
  return reading;
}

/**
 * A view whose point values are worked out when first read: the talks on the batch path read
 * only the verdict, and a long text has many points.
 */
class LazyView implements TextView {
  #pointValues: readonly (number | null)[] | undefined;
  readonly heldRedLines: number;
  constructor(
    private readonly party: CompiledParty,
    private readonly text: PlanText,
    readonly facts: readonly RedLineFact[],
    readonly violations: readonly number[],
    readonly undetermined: readonly number[],
    readonly crossedPoints: ReadonlySet<number>,
    readonly undeterminedIssues: ReadonlySet<number>,
    readonly range: UtilityRange,
    readonly openThatMatter: readonly number[],
    readonly open: readonly number[],
    /** @internal The extreme completions the range was assembled from (null when it is a bound), for scoring re-settlements. */
    readonly extremes: FoundExtremes | null,
  ) {
    this.heldRedLines = party.held.length;
  }

  /** @internal See {@link BaseCompletions}: made when a mediator first scores a re-settlement of this text. */
  completions: BaseCompletions | null | undefined;
  /** @internal The scorers of re-settlements of this text, by the issues they re-settle (a stalled mediator tries them again). */
  scorers: Map<readonly number[], Resettlement> | undefined;

  get pointValues(): readonly (number | null)[] {
    return (this.#pointValues ??= pointValuesOf(this.party, this.text));
  }
}

/** Each point's weighted worth to the party (null when it settles nothing the party weighs). */
function pointValuesOf(party: CompiledParty, text: PlanText): (number | null)[] {
  return text.points.map((point) => {
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
}

/**
 * Scores of the settlements a mediator tries when it re-settles some issues of a text: how
 * many of the party's held red lines each crosses, and the least utility the party can be
 * held to on it — `violations.length` and `range.min` of a {@link TextView} of any text with
 * that settlement, without building the view.
 */
export interface ResettlementScorer {
  /** How many of the red lines the party holds `candidate` crosses (whatever its open issues become). */
  crossed(candidate: Settlement): number;
  /** The least utility the party can be held to on `candidate`: the `range.min` its view would have. */
  floor(candidate: Settlement): number;
  /** Whether the base crosses a held red line that the issues bear on (a candidate could then cross fewer). */
  readonly mayUncross: boolean;
  /**
   * A number no candidate's {@link floor} exceeds, or null when none is known cheaply: when
   * the issues change neither which completions keep the red lines nor any interaction, the
   * floor is the base's completion with the issues' own terms changed, so taking each issue's
   * best option bounds it (floating-point sums only grow when a term does).
   */
  ceiling(): number | null;
}

/**
 * A {@link ResettlementScorer} for `party` of the settlements that differ from `base` (the
 * settlement of the text it sees as `view`) only on `issues`. What the other issues decide
 * is worked out once per view: the red lines and groups of open issues that `issues` do not
 * touch keep their truth and their extreme completions, so each candidate costs only what it
 * changes. The numbers are those of the view of the candidate itself (the same completion,
 * summed the same canonical way).
 *
 * @example
 * ```ts
 * const scorer = resettlementScorer(russia, view, text.settlement, [issue]);
 * candidate[issue] = 2;
 * scorer.crossed(candidate); // 0
 * scorer.floor(candidate);   // the least Russia can be held to if the issue took option 2
 * ```
 */
export function resettlementScorer(party: CompiledParty, view: TextView, base: Settlement, issues: readonly number[]): ResettlementScorer {
  // Remembered per view, by the list of issues (a point's, or the mediator's one list per
  // open issue): a stalled mediator scores the same text again.
  if (!(view instanceof LazyView)) return new Resettlement(party, view, base, issues);
  const scorers = (view.scorers ??= new Map());
  let scorer = scorers.get(issues);
  if (scorer === undefined) scorers.set(issues, (scorer = new Resettlement(party, view, base, issues)));
  return scorer;
}

/** Whether any of `list` is one of `issues` (both a few issues long). */
function mentions(list: readonly number[], issues: readonly number[]): boolean {
  for (let k = 0; k < list.length; k++) if (issues.includes(list[k]!)) return true;
  return false;
}

/**
 * A text's extreme completions for a party, assembled once and shared by every re-settlement
 * the mediator scores against that text: each group's table and extremes, whether each of
 * the frame's constant red lines holds, and the assignments they make (within the red lines,
 * and over all completions).
 */
interface BaseCompletions {
  readonly frame: Frame;
  readonly mask: number;
  readonly tables: readonly GroupTable[];
  readonly picks: readonly Extremes[];
  /** Per constant line of the frame: false when the party holds it and the text crosses it. */
  readonly constantHolds: readonly boolean[];
  /** The text's settled options, and each group's least admissible completion (scratch: restored after each use). */
  readonly within: Int16Array;
  /** The same with each group's least completion over all. */
  readonly beyond: Int16Array;
}

function baseCompletionsOf(party: CompiledParty, view: TextView, base: Settlement): BaseCompletions | null {
  const lazy = view instanceof LazyView ? view : null;
  if (lazy !== null && lazy.completions !== undefined) return lazy.completions;
  const completions = completionsFrom(lazy !== null ? lazy.extremes : extremesOver(party, memoOf(party.rules), base), base);
  if (lazy !== null) lazy.completions = completions;
  return completions;
}

function completionsFrom(found: FoundExtremes | null, settlement: Settlement): BaseCompletions | null {
  if (found === null) return null;
  const { frame, mask, tables, picks } = found;
  const within = new Int16Array(settlement.length);
  for (let issue = 0; issue < settlement.length; issue++) within[issue] = settlement[issue] === OPEN ? 0 : settlement[issue]!;
  const beyond = within.slice();
  frame.groups.forEach((group, g) => {
    if (picks[g]!.min >= 0) writeCompletion(within, group.members, tables[g]!, picks[g]!.min);
    writeCompletion(beyond, group.members, tables[g]!, picks[g]!.anyMin);
  });
  const constantHolds = frame.constantLines.map((line) => (line.bit & mask) === 0 || ruleHolds(line.rule, settlement));
  return { frame, mask, tables, picks, constantHolds, within, beyond };
}

/** A party's extremes of a group table, remembered per party and table. */
function extremesFor(party: CompiledParty, group: FrameGroup, table: GroupTable, mask: number): Extremes {
  const known = partyMemo(party).extremes as Map<GroupTable, Extremes>;
  let pick = known.get(table);
  if (pick === undefined) {
    if (known.size >= VIEW_LIMIT) known.clear();
    known.set(table, (pick = extremesOf(party, group, table, mask)));
  }
  return pick;
}

// Most re-settlements touch nothing of most parties: one shared empty list until something is added.
const NONE: never[] = [];

/** `list` with `item` at its end: a new list when `list` is the shared empty one. */
function withItem<T>(list: T[], item: T): T[] {
  if (list === NONE) return [item];
  list.push(item);
  return list;
}

class Resettlement implements ResettlementScorer {
  readonly #party: CompiledParty;
  readonly #issues: readonly number[];
  /** The settlement the completions were assembled on: the base, with any issue it reopens at its first option. */
  readonly #reference: Settlement;
  readonly #reopens: boolean;
  readonly #view: TextView;
  /** The held red lines the change can move, and whether each mentions settled issues only. */
  #touching: number[] = NONE;
  #settledOnly: boolean[] = NONE;
  #untouchedCrossed = 0;
  readonly mayUncross: boolean;
  /** Made when a candidate's floor is first asked for: most candidates are given up on the red lines they cross. */
  #completions: BaseCompletions | null | undefined;
  /** Indexes of the frame's groups whose context the change moves, and of its constant red lines it touches. */
  #affected: number[] = NONE;
  #touchedConstants: CompiledRule[] = NONE;
  #withinUntouched = true;

  constructor(party: CompiledParty, view: TextView, base: Settlement, issues: readonly number[]) {
    this.#party = party;
    this.#issues = issues;
    this.#view = view;
    const { redLines } = party.rules;
    // A candidate that settles an issue the base leaves open has other open issues, linked
    // otherwise: its completions are assembled on the base with that issue settled (every
    // candidate has the same open issues, whatever options it picks).
    let reopens = false;
    for (let k = 0; k < issues.length; k++) if (base[issues[k]!] === OPEN) reopens = true;
    this.#reopens = reopens;
    let reference = base;
    if (reopens) {
      const settled = base.slice();
      for (let k = 0; k < issues.length; k++) settled[issues[k]!] = 0;
      reference = settled;
    }
    this.#reference = reference;
    for (let kLine = 0; kLine < party.held.length; kLine++) {
      const line = party.held[kLine]!;
      const lineIssues = redLines[line]!.issues;
      if (!mentions(lineIssues, issues)) continue;
      this.#touching = withItem(this.#touching, line);
      let settled = true;
      for (let k = 0; k < lineIssues.length; k++) if (reference[lineIssues[k]!] === OPEN) settled = false;
      this.#settledOnly = withItem(this.#settledOnly, settled);
    }
    // A red line that mentions none of the issues has the same truth on every candidate as on the base.
    for (let k = 0; k < view.violations.length; k++) if (!mentions(redLines[view.violations[k]!]!.issues, issues)) this.#untouchedCrossed++;
    this.mayUncross = this.#untouchedCrossed < view.violations.length;
  }

  ceiling(): number | null {
    // A change that settles an open issue links the others anew: its completions cost more
    // than the candidates the bound could spare, unless a candidate has already made them.
    if (this.#reopens && this.#completions === undefined) return null;
    const completions = this.#completionsOf();
    if (completions === null || this.#affected.length > 0 || this.#touchedConstants.length > 0) return null;
    const party = this.#party;
    const issues = this.#issues;
    for (let k = 0; k < party.rules.interactions.length; k++) if (mentions(party.rules.interactions[k]!.issues, issues)) return null;
    const values = this.#withinUntouched ? completions.within : completions.beyond;
    for (let kIssue = 0; kIssue < issues.length; kIssue++) {
      const issue = issues[kIssue]!;
      const table = party.values[issue]!;
      let best = 0;
      for (let option = 1; option < table.length; option++) if (table[option]! > table[best]!) best = option;
      values[issue] = best;
    }
    const utility = utilityOf(party, values);
    for (let k = 0; k < issues.length; k++) values[issues[k]!] = this.#reference[issues[k]!]!;
    return utility;
  }

  crossed(candidate: Settlement): number {
    const { rules } = this.#party;
    let count = this.#untouchedCrossed;
    for (let t = 0; t < this.#touching.length; t++) {
      const index = this.#touching[t]!;
      const redLine = rules.redLines[index]!;
      // A red line on settled issues only is crossed or not: no fact to look up.
      if (this.#settledOnly[t]) {
        if (!ruleHolds(redLine.rule, candidate)) count++;
        continue;
      }
      const facts = memoOf(rules).facts[index]!;
      const key = projectionKey(redLine.issues, candidate);
      const fact = facts.get(key) ?? remember(facts, key, factOf(rules, index, candidate));
      if (fact.truth === 'violated') count++;
    }
    return count;
  }

  /** The completions of the groups the change leaves alone, and which groups and constant red lines it moves. */
  #completionsOf(): BaseCompletions | null {
    if (this.#completions !== undefined) return this.#completions;
    const party = this.#party;
    const issues = this.#issues;
    const reference = this.#reference;
    const completions = this.#reopens ? completionsFrom(extremesOver(party, memoOf(party.rules), reference), reference) : baseCompletionsOf(party, this.#view, reference);
    this.#completions = completions;
    if (completions === null) return null;
    const { frame, mask } = completions;
    let withinUntouched = true;
    for (let k = 0; k < frame.constantLines.length; k++) {
      const line = frame.constantLines[k]!;
      if ((line.bit & mask) === 0) continue;
      if (mentions(line.issues, issues)) this.#touchedConstants = withItem(this.#touchedConstants, line.rule);
      else if (!completions.constantHolds[k]) withinUntouched = false;
    }
    for (let g = 0; g < frame.groups.length; g++) {
      if (mentions(frame.groups[g]!.outside, issues)) this.#affected = withItem(this.#affected, g);
      else if (completions.picks[g]!.min < 0) withinUntouched = false;
    }
    this.#withinUntouched = withinUntouched;
    return completions;
  }

  floor(candidate: Settlement): number {
    const completions = this.#completionsOf();
    if (completions === null) return floorOf(this.#party, memoOf(this.#party.rules), candidate);
    const { frame, mask } = completions;
    let within = this.#withinUntouched;
    for (let k = 0; k < this.#touchedConstants.length; k++) if (within && !ruleHolds(this.#touchedConstants[k]!, candidate)) within = false;
    const affected = this.#affected;
    // The affected groups' tables in the candidate's context, looked up once per candidate.
    if (affected.length > 0) {
      const tables = (this.#tables ??= new Array(affected.length));
      const picks = (this.#picks ??= new Array(affected.length));
      for (let a = 0; a < affected.length; a++) {
        const group = frame.groups[affected[a]!]!;
        tables[a] = tableOf(group, candidate);
        picks[a] = extremesFor(this.#party, group, tables[a]!, mask);
        if (picks[a]!.min < 0) within = false;
      }
    }
    const values = within ? completions.within : completions.beyond;
    const issues = this.#issues;
    for (let k = 0; k < issues.length; k++) values[issues[k]!] = candidate[issues[k]!]!;
    for (let a = 0; a < affected.length; a++) writeCompletion(values, frame.groups[affected[a]!]!.members, this.#tables![a]!, within ? this.#picks![a]!.min : this.#picks![a]!.anyMin);
    const utility = utilityOf(this.#party, values);
    // Back to the reference's own completion: the assignment is shared by every scorer of the view.
    for (let k = 0; k < issues.length; k++) values[issues[k]!] = this.#reference[issues[k]!]!;
    for (let kG = 0; kG < affected.length; kG++) {
      const g = affected[kG]!;
      const pick = completions.picks[g]!;
      const completion = within ? pick.min : pick.anyMin;
      if (completion >= 0) writeCompletion(values, frame.groups[g]!.members, completions.tables[g]!, completion);
    }
    return utility;
  }

  #tables: GroupTable[] | undefined;
  #picks: Extremes[] | undefined;
}

function writeCompletion(values: Int16Array, members: readonly number[], table: GroupTable, completion: number): void {
  for (let k = 0; k < members.length; k++) values[members[k]!] = table.combos[completion * members.length + k]!;
}

/** The least utility the party can be held to on `settlement`: `range.min` of its view, without the most. */
function floorOf(party: CompiledParty, memo: RulesMemo, settlement: Settlement): number {
  const found = extremesOver(party, memo, settlement);
  if (found === null) return utilityBounds(party, settlement).min;
  return assembled(party, settlement, found.frame, found.tables, found.picks, found.within ? 'min' : 'anyMin');
}

/** Every red line's fact on a settlement, each found by its own projection first. */
function factsOf(rules: PartyRules, memo: RulesMemo, settlement: Settlement): RedLineFact[] {
  return rules.redLines.map((redLine, index) => {
    const key = projectionKey(redLine.issues, settlement);
    return memo.facts[index]!.get(key) ?? remember(memo.facts[index]!, key, factOf(rules, index, settlement));
  });
}

function factOf(rules: PartyRules, index: number, settlement: Settlement): RedLineFact {
  const redLine = rules.redLines[index]!;
  const truth = ruleTruth(redLine.rule, settlement, rules.optionCounts);
  if (truth === 'violated') return { truth, issues: violationCauses(redLine.rule, settlement) };
  if (truth === 'undetermined') return { truth, issues: redLine.issues.filter((issue) => settlement[issue] === OPEN) };
  return { truth, issues: [] };
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

/**
 * Which issues a settlement leaves open, as a key: a number whose bits are the open issues
 * (written in base 36) when the domain has at most 52 issues, so that candidates are keyed
 * without walking a string; else such numbers for each 30 issues in turn, joined by `:`.
 */
function openKeyOf(settlement: Settlement): string {
  let key: string;
  if (settlement.length <= 52) {
    let bits = 0;
    let place = 1;
    for (let issue = 0; issue < settlement.length; issue++, place *= 2) if (settlement[issue] === OPEN) bits += place;
    key = bits.toString(36);
  } else {
    // The same bits, 30 issues to a part: a few short strings rather than one character per issue.
    key = '';
    for (let from = 0; from < settlement.length; from += 30) {
      let bits = 0;
      for (let issue = from; issue < Math.min(from + 30, settlement.length); issue++) if (settlement[issue] === OPEN) bits |= 1 << (issue - from);
      key += from === 0 ? bits.toString(36) : `:${bits.toString(36)}`;
    }
  }
  return key;
}

/** Whether the party's utility range on `settlement` must be bounded: its relevant open issues have more completions than the limit. */
function beyondLimit(rules: PartyRules, settlement: Settlement, lines: readonly number[]): boolean {
  const relevant = Uint8Array.from(rules.weighed);
  for (const term of rules.interactions) for (const issue of term.issues) relevant[issue] = 1;
  for (const line of lines) for (const issue of rules.redLines[line]!.issues) relevant[issue] = 1;
  let product = 1;
  for (let issue = 0; issue < settlement.length; issue++) if (relevant[issue] === 1 && settlement[issue] === OPEN) product *= rules.optionCounts[issue]!;
  return product > COMPLETION_LIMIT;
}

/**
 * The frame of a settlement for a party: shared by every party with these rules when it can
 * be (every red line has a bit, and linking the open issues by all of them stays under the
 * completion limit), else one for the red lines this party holds; null when the party's
 * range must be bounded.
 */
function frameOf(party: CompiledParty, memo: RulesMemo, settlement: Settlement, openKey: string): Frame | null {
  const { rules } = party;
  const shared = memo.frames.get(openKey);
  if (shared !== undefined) return shared;
  const heldKey = `${heldKeyOf(party)}|${openKey}`;
  const own = memo.frames.get(heldKey);
  if (own !== undefined) return own;
  // Whether the range is a bound is decided by the red lines the party holds.
  if (beyondLimit(rules, settlement, party.held)) return null;
  const everyLine = rules.redLines.map((_, index) => index);
  if (everyLine.length <= MASK_BITS && !beyondLimit(rules, settlement, everyLine)) return remember(memo.frames, openKey, buildFrame(rules, settlement, everyLine));
  return remember(memo.frames, heldKey, buildFrame(rules, settlement, party.held.length <= MASK_BITS ? party.held : 'all-held', party.held));
}

/** How the open issues a party cares about are linked by `lines` (red-line indexes; `'all-held'` with `held`). */
function buildFrame(rules: PartyRules, settlement: Settlement, lines: readonly number[] | 'all-held', held: readonly number[] = []): Frame {
  const issueCount = settlement.length;
  const ruled = (lines === 'all-held' ? held : lines).map((index, k) => ({ redLine: rules.redLines[index]!, bit: lines === 'all-held' ? 1 : 1 << k }));
  const relevant = Uint8Array.from(rules.weighed);
  for (const term of rules.interactions) for (const issue of term.issues) relevant[issue] = 1;
  for (const { redLine } of ruled) for (const issue of redLine.issues) relevant[issue] = 1;
  const { find, link } = issueLinks(issueCount);
  const openOf = (issues: readonly number[]) => issues.filter((issue) => settlement[issue] === OPEN);
  for (const term of rules.interactions) link(openOf(term.issues));
  for (const { redLine } of ruled) link(openOf(redLine.issues));
  const groupOf = (issues: readonly number[]): number => {
    for (const issue of issues) if (settlement[issue] === OPEN) return find(issue);
    return -1;
  };
  const members = new Map<number, number[]>();
  for (let issue = 0; issue < issueCount; issue++) {
    if (relevant[issue] !== 1 || settlement[issue] !== OPEN) continue;
    const root = find(issue);
    const list = members.get(root);
    if (list === undefined) members.set(root, [issue]);
    else list.push(issue);
  }
  const groups = [...members].map(([root, issues]): FrameGroup => {
    const groupLines = ruled.filter(({ redLine }) => groupOf(redLine.issues) === root);
    const terms = rules.interactions.flatMap((term, t) => (groupOf(term.issues) === root ? [{ term: t, rule: term.rule }] : []));
    const outside = [...new Set([...groupLines.flatMap(({ redLine }) => redLine.issues), ...terms.flatMap(({ term }) => rules.interactions[term]!.issues)])]
      .filter((issue) => settlement[issue] !== OPEN)
      .sort((a, b) => a - b);
    const sizes = issues.map((issue) => rules.optionCounts[issue]!);
    return {
      members: issues,
      sizes,
      count: sizes.reduce((product, size) => product * size, 1),
      lines: groupLines.map(({ redLine, bit }) => ({ rule: redLine.rule, bit })),
      terms,
      outside,
      tables: new Map(),
    };
  });
  return {
    lines,
    constantLines: ruled.filter(({ redLine }) => groupOf(redLine.issues) < 0).map(({ redLine, bit }) => ({ rule: redLine.rule, bit, issues: redLine.issues })),
    groups,
  };
}

/** A group's completions in the context of `settlement` (the options of its outside issues). */
function tableOf(group: FrameGroup, settlement: Settlement): GroupTable {
  const key = projectionKey(group.outside, settlement);
  const found = group.tables.get(key);
  if (found !== undefined) return found;
  const values = settlement.slice();
  for (let issue = 0; issue < values.length; issue++) if (values[issue] === OPEN) values[issue] = 0;
  const { members, sizes, count } = group;
  const combos = new Int16Array(count * members.length);
  const crossed = new Int32Array(count);
  const holds = group.terms.map(() => new Uint8Array(count));
  forEachCompletion(members, sizes, values, (n) => {
    for (let k = 0; k < members.length; k++) combos[n * members.length + k] = values[members[k]!]!;
    let bits = 0;
    for (const line of group.lines) if (!ruleHolds(line.rule, values)) bits |= line.bit;
    crossed[n] = bits;
    for (let t = 0; t < group.terms.length; t++) holds[t]![n] = ruleHolds(group.terms[t]!.rule, values) ? 1 : 0;
  });
  return remember(group.tables, key, { combos, crossed, holds }, 4096);
}

/** The bits of a frame that stand for red lines the party holds. */
function heldMask(party: CompiledParty, frame: Frame): number {
  if (frame.lines === 'all-held') return 1;
  // A frame is built for every red line (bit k is red line k) or for the ones a party holds.
  if (frame.lines.length === party.rules.redLines.length) return heldBitsOf(party);
  return frame.lines.length === 31 ? 0x7fffffff : (1 << frame.lines.length) - 1;
}

const heldBits = new WeakMap<readonly number[], number>();

function heldBitsOf(party: CompiledParty): number {
  let bits = heldBits.get(party.held);
  if (bits === undefined) {
    bits = 0;
    for (const line of party.held) bits |= 1 << line;
    heldBits.set(party.held, bits);
  }
  return bits;
}

// One scratch assignment per thread: the completions whose utility a range reports are
// assembled here and summed the canonical way.
let scratch = new Int16Array(0);

/**
 * The range of the party's utility over the completions of the open issues that keep its
 * held red lines (all completions when none does), from the extremes of each group (null
 * when the range must be bounded). The utility reported is that of the completion the
 * groups' extremes assemble into, summed as {@link utilityOf} sums it.
 */
function rangeFrom(party: CompiledParty, settlement: Settlement, found: FoundExtremes | null): UtilityRange {
  // Frozen: assessments hand this very object to their callers.
  if (found === null) return Object.freeze({ ...utilityBounds(party, settlement), exact: false, withinRedLines: true });
  const { frame, tables, picks, within } = found;
  if (within) return Object.freeze({ min: assembled(party, settlement, frame, tables, picks, 'min'), max: assembled(party, settlement, frame, tables, picks, 'max'), exact: true, withinRedLines: true });
  return Object.freeze({ min: assembled(party, settlement, frame, tables, picks, 'anyMin'), max: assembled(party, settlement, frame, tables, picks, 'anyMax'), exact: true, withinRedLines: false });
}

/** Each group's table and extreme completions on a settlement, and whether its least admissible completions keep every held red line. */
interface FoundExtremes {
  readonly frame: Frame;
  readonly mask: number;
  readonly tables: readonly GroupTable[];
  readonly picks: readonly Extremes[];
  readonly within: boolean;
}

/** The extreme completions of every group of a settlement's open issues, or null when the range must be bounded. */
function extremesOver(
  party: CompiledParty,
  memo: RulesMemo,
  settlement: Settlement,
  openKey = openKeyOf(settlement),
): FoundExtremes | null {
  const frame = frameOf(party, memo, settlement, openKey);
  if (frame === null) return null;
  const mask = heldMask(party, frame);
  let within = true;
  for (const line of frame.constantLines) if ((line.bit & mask) !== 0 && !ruleHolds(line.rule, settlement)) within = false;
  const tables: GroupTable[] = [];
  const picks: Extremes[] = [];
  for (const group of frame.groups) {
    const table = tableOf(group, settlement);
    const pick = extremesFor(party, group, table, mask);
    if (pick.min < 0) within = false;
    tables.push(table);
    picks.push(pick);
  }
  return { frame, mask, tables, picks, within };
}

/** The utility of the completion that takes each group's `which` extreme, summed the canonical way. */
function assembled(party: CompiledParty, settlement: Settlement, frame: Frame, tables: readonly GroupTable[], picks: readonly Extremes[], which: keyof Extremes): number {
  if (scratch.length !== settlement.length) scratch = new Int16Array(settlement.length);
  for (let issue = 0; issue < settlement.length; issue++) scratch[issue] = settlement[issue] === OPEN ? 0 : settlement[issue]!;
  for (let g = 0; g < frame.groups.length; g++) {
    const members = frame.groups[g]!.members;
    const c = picks[g]![which];
    const combos = tables[g]!.combos;
    for (let k = 0; k < members.length; k++) scratch[members[k]!] = combos[c * members.length + k]!;
  }
  return utilityOf(party, scratch);
}

/** The completions of a group with the lowest and highest utility: among admissible ones (-1 when none is), and among all. */
interface Extremes {
  readonly min: number;
  readonly max: number;
  readonly anyMin: number;
  readonly anyMax: number;
}

function extremesOf(party: CompiledParty, group: FrameGroup, table: GroupTable, mask: number): Extremes {
  const width = group.members.length;
  const { combos, crossed, holds } = table;
  let min = Infinity;
  let max = -Infinity;
  let anyMin = Infinity;
  let anyMax = -Infinity;
  const picked = { min: -1, max: -1, anyMin: -1, anyMax: -1 };
  for (let c = 0; c < group.count; c++) {
    let utility = 0;
    for (let k = 0; k < width; k++) {
      const issue = group.members[k]!;
      utility += party.weights[issue]! * party.values[issue]![combos[c * width + k]!]!;
    }
    for (let t = 0; t < group.terms.length; t++) if (holds[t]![c] === 1) utility += party.rules.interactions[group.terms[t]!.term]!.delta;
    if (utility < anyMin) (anyMin = utility), (picked.anyMin = c);
    if (utility > anyMax) (anyMax = utility), (picked.anyMax = c);
    if ((crossed[c]! & mask) === 0) {
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
function utilityBounds(party: CompiledParty, settlement: Settlement): { min: number; max: number } {
  const termTruths = party.rules.interactions.map((term) => ruleTruth(term.rule, settlement, party.rules.optionCounts));
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
  // Most verdicts are blocked by nothing: no list is made for them.
  const blocking = view.undeterminedIssues.size === 0 && !straddles ? NO_ISSUES : view.open.filter((issue) => view.undeterminedIssues.has(issue) || (straddles && view.openThatMatter.includes(issue)));
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
  return text.points.map((_, k) => pointScoreAt(view, text, k, threshold));
}

/**
 * @internal The score {@link pointScoresAt} gives the point at `k` (in text order), alone:
 * for a mediator summing objections without a list per party.
 */
export function pointScoreAt(view: TextView, text: PlanText, k: number, threshold: number): number {
  if (view.crossedPoints.has(text.points[k]!.number)) return 2;
  const value = view.pointValues[k]!;
  return value !== null && !meetsThreshold(value, threshold) ? 1 : 0;
}
