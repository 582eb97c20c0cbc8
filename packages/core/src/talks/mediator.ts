import type { Draft } from 'immer';
import { compileEngineModel } from '../analysis/compiled-model.js';
import { maxLeastMarginOf } from '../analysis/least-margin.js';
import type { CompiledParty } from '../model/compiled-party.js';
import { completionCount, forEachCompletion } from '../model/completions.js';
import type { Domain } from '../model/domain.js';
import type { PlanText } from '../model/plan-text.js';
import type { PlanSpec } from '../model/specs.js';
import { pointScoreAt, resettlementScorer, type ResettlementScorer, type TextView, type Verdict } from '../model/text-view.js';
import { amendDraft, amendedText, settlementAmendment, type Amendment } from './amendment.js';
import type { MediatorStrategyName } from './strategies.js';

/** A revision the mediator proposes: an immer recipe and why. */
export interface MediatorRevision {
  readonly rationale: string;
  readonly recipe: (draft: Draft<PlanSpec>) => void;
  /**
   * The same change made without immer, when the strategy has it: the batch path, which
   * needs no patches, revises the text with it (immer's drafts cost more than the change).
   * It must make a text equal to the one `recipe` makes (the built-in strategies make both
   * from one description of the change). Without it, the batch path runs `recipe`.
   */
  readonly apply?: (text: PlanSpec) => PlanSpec;
  /**
   * What the change is, when the recipe depends on nothing else: the same key on the same
   * text makes the same text, so the batch path reuses the text it made before (the runs
   * of an exploration often revise alike). Leave it out when unsure.
   */
  readonly key?: string;
}

/** What the mediator knows when it revises: the text, how each party sees it now, and who weighs how much. */
export interface MediationInput {
  readonly domain: Domain;
  /** The text on the table. */
  readonly text: PlanSpec;
  readonly planText: PlanText;
  /** The parties at the table, in the engine's form. */
  readonly parties: readonly CompiledParty[];
  /** Each party's threshold now: the least it will settle for, as its strategy has moved it. */
  readonly thresholds: readonly number[];
  /** How each party sees the text. */
  readonly views: readonly TextView[];
  /** Each party's verdict on the text at its threshold. */
  readonly verdicts: readonly Verdict[];
  /**
   * Each party's leverage (1 = ordinary): a stronger party's objections weigh more with the
   * mediator. Battlefield shocks move it.
   */
  readonly leverage: readonly number[];
}

/** A mediator strategy: the revision it makes of the text, or null when it has nothing to change. */
export type MediatorStrategy = (input: MediationInput) => MediatorRevision | null;

/**
 * The mediator's revision under `strategy`, or null when it has nothing to change.
 * - `drop-most-objected`: remove the point with the most objections (a red line crossed
 *   counts two, an objection one, each times the objecting party's leverage; ties go to the
 *   lowest number).
 * - `amend-most-objected`: re-settle that point's issues with the options that cross the
 *   fewest red lines and then leave the worst-off party best placed; if no point draws an
 *   objection but open issues block, settle the most blocking open issue the same way.
 * - `maximize-least-margin`: replace the text's settlement with the outcome that keeps every
 *   red line and maximises the smallest margin over the thresholds; when no such outcome
 *   exists, amend the most objected point instead.
 *
 * @example
 * ```ts
 * const revision = mediatorRevision('amend-most-objected', input);
 * revision?.rationale; // 'point 21 drew the most objections (…); the mediator amends it to …'
 * ```
 */
export function mediatorRevision(strategy: MediatorStrategyName, input: MediationInput): MediatorRevision | null {
  return mediatorStrategies[strategy](input);
}

/** Every named mediator strategy. */
export const mediatorStrategies: Readonly<Record<MediatorStrategyName, MediatorStrategy>> = {
  'drop-most-objected': dropMostObjected,
  'amend-most-objected': amendMostObjected,
  'maximize-least-margin': (input) => maximizeLeastMargin(input) ?? amendMostObjected(input),
};

/**
 * Each point's objection score, in text order: per party, 2 for a red line crossed and 1 for
 * an objection ({@link pointScoreAt}), times its leverage.
 */
function objectionScores({ views, planText, thresholds, leverage }: MediationInput): Float64Array {
  const scores = new Float64Array(planText.points.length);
  for (let p = 0; p < views.length; p++) {
    const weight = Math.max(0, leverage[p] ?? 1);
    for (let k = 0; k < scores.length; k++) {
      const score = pointScoreAt(views[p]!, planText, k, thresholds[p]!);
      if (score > 0) scores[k] = scores[k]! + score * weight;
    }
  }
  return scores;
}

function dropMostObjected(input: MediationInput): MediatorRevision | null {
  // Ties go to the lowest point number, so the choice never depends on iteration order.
  let target: { point: number; score: number } | null = null;
  const scores = objectionScores(input);
  for (let k = 0; k < scores.length; k++) {
    const score = scores[k]!;
    const point = input.planText.points[k]!.number;
    if (score > 0 && (target === null || score > target.score || (score === target.score && point < target.point))) target = { point, score };
  }
  if (target === null || input.text.points.length <= 1) return null;
  const dropped = target.point;
  return revisionOf(`drop ${dropped}`, `point ${dropped} drew the most objections (score ${Number(target.score.toFixed(2))}); the mediator drops it`, { kind: 'drop', point: dropped });
}

/** A candidate text's score: minus the red lines crossed (over all parties), then the smallest margin. */
export type CandidateScore = readonly [number, number];

// Re-settling more issues at once than this many combinations is not tried.
const RESETTLEMENT_LIMIT = 4096;

const optionCounts = new WeakMap<Domain, readonly number[]>();

/** How many options each issue of `domain` has. */
function optionCountsOf(domain: Domain): readonly number[] {
  let counts = optionCounts.get(domain);
  if (counts === undefined) optionCounts.set(domain, (counts = domain.issues.map((issue) => issue.options.length)));
  return counts;
}

const singles = new WeakMap<Domain, readonly (readonly number[])[]>();

/** `[issue]`, one list per issue of the domain: what is worked out per list of issues is found again. */
function singleIssue(domain: Domain, issue: number): readonly number[] {
  let lists = singles.get(domain);
  if (lists === undefined) singles.set(domain, (lists = domain.issues.map((spec) => Object.freeze([spec.index]))));
  return lists[issue]!;
}

// Per list of issues (a point's, shared by every text that keeps the point).
const sizes = new WeakMap<readonly number[], readonly number[]>();

/** How many options each of `issues` has. */
function sizesOf(issues: readonly number[], optionCounts: readonly number[]): readonly number[] {
  let found = sizes.get(issues);
  if (found === undefined) sizes.set(issues, (found = issues.map((issue) => optionCounts[issue]!)));
  return found;
}

/** What the mediator may re-settle: a point that draws objections, or an open issue that blocks parties. */
type AmendmentTarget =
  | { readonly kind: 'point'; readonly issues: readonly number[]; readonly number: number; readonly score: number }
  | { readonly kind: 'open issue'; readonly issues: readonly number[]; readonly issue: number; readonly count: number };

function whereOf(target: AmendmentTarget, domain: Domain): string {
  if (target.kind === 'point') return `point ${target.number} drew the most objections that can still be met (score ${Number(target.score.toFixed(2))})`;
  return `the open issue "${domain.issues[target.issue]!.label}" blocks ${target.count} ${target.count === 1 ? 'party' : 'parties'}`;
}

function amendMostObjected(input: MediationInput): MediatorRevision | null {
  const { domain, planText, verdicts, views, thresholds, parties } = input;
  // Targets, most objected first: the points that draw objections, then the open issues
  // that block the most parties. The first whose re-settlement improves the text is amended.
  const objected: Extract<AmendmentTarget, { kind: 'point' }>[] = [];
  objectionScores(input).forEach((score, k) => {
    const point = planText.points[k]!;
    if (score > 0) objected.push({ kind: 'point', issues: point.issues, number: point.number, score });
  });
  objected.sort((a, b) => b.score - a.score || a.number - b.number);
  const targets: AmendmentTarget[] = objected;
  const blocking: { kind: 'open issue'; issues: readonly number[]; issue: number; count: number }[] = [];
  for (let p = 0; p < verdicts.length; p++) {
    const issues = verdicts[p]!.blocking;
    for (let k = 0; k < issues.length; k++) {
      const issue = issues[k]!;
      const known = blocking.find((target) => target.issue === issue);
      if (known === undefined) blocking.push({ kind: 'open issue', issues: singleIssue(domain, issue), issue, count: 1 });
      else known.count++;
    }
  }
  blocking.sort((a, b) => b.count - a.count || a.issue - b.issue);
  for (let k = 0; k < blocking.length; k++) targets.push(blocking[k]!);
  const current = planText.settlement;
  let crossed = 0;
  let least = Infinity;
  views.forEach((view, p) => {
    crossed += view.violations.length;
    least = Math.min(least, view.range.min - thresholds[p]!);
  });
  const initial: CandidateScore = [-crossed, least];
  // The parties by their margin on the text, least first (ties by seat).
  const order = views.map((_, p) => p).sort((a, b) => views[a]!.range.min - thresholds[a]! - (views[b]!.range.min - thresholds[b]!) || a - b);
  const optionCounts = optionCountsOf(domain);
  const candidate = current.slice();
  for (let t = 0; t < targets.length; t++) {
    const target = targets[t]!;
    const { issues } = target;
    if (issues.length === 0) continue;
    const scorers = parties.map((party, p) => resettlementScorer(party, views[p]!, current, issues));
    if (cannotImprove(scorers, views, thresholds, initial)) continue;
    const chosen = bestResettlement(optionCounts, current, issues, initial, candidate, scorers, thresholds, order);
    if (chosen === null) continue;
    const changes = issues.map((issue, k) => `${domain.issues[issue]!.label}: ${domain.issues[issue]!.options[chosen[k]!]!.label}`);
    return revisionOf(settlementKey(issues, chosen), `${whereOf(target, domain)}; the mediator amends it to ${changes.join('; ')}`, settlementAmendment(domain, planText, issues, chosen));
  }
  return null;
}

/**
 * Whether no re-settlement scored by `scorers` can beat `initial` (the text's own score),
 * known without trying one: none can cross fewer red lines, and the party with the least
 * margin cannot gain enough on these issues to lift it.
 */
function cannotImprove(scorers: readonly ResettlementScorer[], views: readonly TextView[], thresholds: readonly number[], initial: CandidateScore): boolean {
  for (let p = 0; p < scorers.length; p++) if (scorers[p]!.mayUncross) return false;
  let worst = 0;
  for (let p = 1; p < views.length; p++) if (views[p]!.range.min - thresholds[p]! < views[worst]!.range.min - thresholds[worst]!) worst = p;
  const ceiling = scorers[worst]?.ceiling() ?? null;
  return ceiling !== null && !(ceiling - thresholds[worst]! > initial[1] + 1e-12);
}

/**
 * The options for `issues` that score best, if any beats `initial`: every combination but
 * the current one is written into `candidate` and scored (none past the limit), the first
 * best kept. A candidate scores minus the red lines it crosses (over all parties), then the
 * parties' least margin over their thresholds; it is given up on as soon as it cannot beat
 * the best (it must beat the best by more than rounding to replace it). `candidate` is
 * `current` again afterwards.
 */
function bestResettlement(
  optionCounts: readonly number[],
  current: ArrayLike<number>,
  issues: readonly number[],
  initial: CandidateScore,
  candidate: Int16Array,
  scorers: readonly ResettlementScorer[],
  thresholds: readonly number[],
  order: readonly number[],
): number[] | null {
  const sizes = sizesOf(issues, optionCounts);
  if (completionCount(issues, (issue) => optionCounts[issue]!) > RESETTLEMENT_LIMIT) return null;
  let bestChoice: number[] | null = null;
  let [bestCrossed, bestLeast] = initial;
  forEachCompletion(issues, sizes, candidate, () => {
    let unchanged = true;
    for (let k = 0; k < issues.length; k++) if (candidate[issues[k]!] !== current[issues[k]!]) unchanged = false;
    if (unchanged) return;
    // Crossings only add up and the least margin only falls, party by party: a candidate is
    // given up as soon as it cannot beat the best, the parties worst placed on the text first
    // (the one most likely to hold the margin down). The score does not depend on the order.
    let crossed = 0;
    for (let p = 0; p < scorers.length; p++) {
      crossed -= scorers[p]!.crossed(candidate);
      if (crossed < bestCrossed) return;
    }
    let least = Infinity;
    for (let k = 0; k < order.length; k++) {
      const p = order[k]!;
      least = Math.min(least, scorers[p]!.floor(candidate) - thresholds[p]!);
      if (crossed === bestCrossed && !(least > bestLeast + 1e-12)) return;
    }
    bestCrossed = crossed;
    bestLeast = least;
    bestChoice = issues.map((issue) => candidate[issue]!);
  });
  for (let k = 0; k < issues.length; k++) candidate[issues[k]!] = current[issues[k]!]!;
  return bestChoice;
}

function maximizeLeastMargin(input: MediationInput): MediatorRevision | null {
  const { domain, planText, parties, thresholds } = input;
  // The parties as they stand now: each will settle for no less than its threshold.
  const standing = parties.map((party, p) => ({ ...party, reservation: thresholds[p]! }));
  const found = maxLeastMarginOf(compileEngineModel(domain, standing), thresholds, { budget: 2_000_000 });
  if (found === null) return null;
  const current = planText.settlement;
  const issues = domain.issues.map((issue) => issue.index).filter((issue) => current[issue] !== found.outcome[issue]);
  if (issues.length === 0) return null;
  const choice = issues.map((issue) => found.outcome[issue]!);
  return revisionOf(
    settlementKey(issues, choice),
    `the mediator rewrites ${issues.length} provisions to the settlement that keeps every red line and leaves the worst-off party ${found.margin.toFixed(2)} above its threshold`,
    settlementAmendment(domain, planText, issues, choice),
  );
}

/** The key of a revision that settles `issues[k]` as `choice[k]` (see {@link settlementAmendment}). */
function settlementKey(issues: readonly number[], choice: readonly number[]): string {
  return `settle ${issues.map((issue, k) => `${issue}=${choice[k]}`).join(',')}`;
}

/** A built-in strategy's revision: its recipe (the record path) and its plain apply (the batch path) both make `amendment`. */
function revisionOf(key: string, rationale: string, amendment: Amendment): MediatorRevision {
  return { key, rationale, recipe: (draft) => amendDraft(draft, amendment), apply: (text) => amendedText(text, amendment) };
}
