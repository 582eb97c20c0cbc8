import type { Draft } from 'immer';
import { compileEngineModel } from '../analysis/compiled-model.js';
import { maxLeastMarginOf } from '../analysis/least-margin.js';
import type { CompiledParty } from '../model/compiled-party.js';
import { completionCount, forEachCompletion } from '../model/completions.js';
import type { Domain } from '../model/domain.js';
import { OPEN } from '../model/outcome.js';
import type { PlanText } from '../model/plan-text.js';
import type { PlanSpec } from '../model/specs.js';
import { crossedRedLines, pointScoresAt, utilityFloor, type TextView, type Verdict } from '../model/text-view.js';
import type { MediatorStrategyName } from './strategies.js';

/** A revision the mediator proposes: an immer recipe and why. */
export interface MediatorRevision {
  readonly rationale: string;
  readonly recipe: (draft: Draft<PlanSpec>) => void;
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

/** Each point's objection score: per party, 2 for a red line crossed and 1 for an objection, times its leverage. */
function objectionScores({ views, planText, thresholds, leverage }: MediationInput): Map<number, number> {
  const scores = new Map<number, number>();
  views.forEach((view, p) => {
    const weight = Math.max(0, leverage[p] ?? 1);
    pointScoresAt(view, planText, thresholds[p]!).forEach((score, k) => {
      if (score > 0) {
        const number = planText.points[k]!.number;
        scores.set(number, (scores.get(number) ?? 0) + score * weight);
      }
    });
  });
  return scores;
}

function dropMostObjected(input: MediationInput): MediatorRevision | null {
  // Ties go to the lowest point number, so the choice never depends on iteration order.
  let target: { point: number; score: number } | null = null;
  for (const [point, score] of objectionScores(input)) if (target === null || score > target.score || (score === target.score && point < target.point)) target = { point, score };
  if (target === null || input.text.points.length <= 1) return null;
  const dropped = target.point;
  return {
    rationale: `point ${dropped} drew the most objections (score ${Number(target.score.toFixed(2))}); the mediator drops it`,
    recipe: (draft) => {
      draft.points = draft.points.filter((point) => point.number !== dropped);
    },
  };
}

/** A candidate text's score: minus the red lines crossed (over all parties), then the smallest margin. */
export type CandidateScore = readonly [number, number];

function better(a: CandidateScore, b: CandidateScore): boolean {
  return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1] + 1e-12);
}

// Re-settling more issues at once than this many combinations is not tried.
const RESETTLEMENT_LIMIT = 4096;

function amendMostObjected(input: MediationInput): MediatorRevision | null {
  const { domain, planText, verdicts, views, thresholds, parties } = input;
  // Candidates, most objected first: the points that draw objections, then the open issues
  // that block the most parties. The first whose re-settlement improves the text is amended.
  const candidates: { issues: readonly number[]; where: () => string }[] = [...objectionScores(input).entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([number, score]) => ({
      issues: planText.points.find((point) => point.number === number)!.issues,
      where: () => `point ${number} drew the most objections that can still be met (score ${Number(score.toFixed(2))})`,
    }));
  const blockCounts = new Map<number, number>();
  for (const verdict of verdicts) for (const issue of verdict.blocking) blockCounts.set(issue, (blockCounts.get(issue) ?? 0) + 1);
  for (const [issue, count] of [...blockCounts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])) {
    candidates.push({ issues: [issue], where: () => `the open issue "${domain.issues[issue]!.label}" blocks ${count} ${count === 1 ? 'party' : 'parties'}` });
  }
  const current = planText.settlement;
  let initial: CandidateScore = [0, Infinity];
  views.forEach((view, p) => {
    initial = [initial[0] - view.violations.length, Math.min(initial[1], view.range.min - thresholds[p]!)];
  });
  const optionCounts = domain.issues.map((issue) => issue.options.length);
  const candidateSettlement = Int16Array.from(current);
  for (const candidate of candidates) {
    const { issues } = candidate;
    if (issues.length === 0) continue;
    const chosen = bestResettlement(optionCounts, current, issues, initial, (choice, best) => {
      issues.forEach((issue, k) => (candidateSettlement[issue] = choice[k]!));
      const score = candidateScore(parties, thresholds, candidateSettlement, best);
      issues.forEach((issue) => (candidateSettlement[issue] = current[issue]!));
      return score;
    });
    if (chosen === null) continue;
    const changes = issues.map((issue, k) => `${domain.issues[issue]!.label}: ${domain.issues[issue]!.options[chosen[k]!]!.label}`);
    return {
      rationale: `${candidate.where()}; the mediator amends it to ${changes.join('; ')}`,
      recipe: (draft) => applySettlement(draft, domain, planText, issues, chosen),
    };
  }
  return null;
}

/**
 * A candidate settlement's score, or null when it cannot beat `best`: the red lines crossed
 * are counted first, and the parties' least margin is given up on as soon as it falls to
 * `best`'s (a candidate must beat the best by more than rounding to replace it).
 */
function candidateScore(parties: readonly CompiledParty[], thresholds: readonly number[], settlement: Int16Array, best: CandidateScore): CandidateScore | null {
  let crossed = 0;
  for (const party of parties) crossed += crossedRedLines(party, settlement);
  if (-crossed < best[0]) return null;
  let least = Infinity;
  for (let p = 0; p < parties.length; p++) {
    least = Math.min(least, utilityFloor(parties[p]!, settlement) - thresholds[p]!);
    if (-crossed === best[0] && !(least > best[1] + 1e-12)) return null;
  }
  return [-crossed, least];
}

/** The options for `issues` that score best, if any beats `initial`: every combination but the current one is tried (none past the limit), the first best kept. */
function bestResettlement(
  optionCounts: readonly number[],
  current: ArrayLike<number>,
  issues: readonly number[],
  initial: CandidateScore,
  scoreOf: (choice: readonly number[], best: CandidateScore) => CandidateScore | null,
): number[] | null {
  let bestChoice: number[] | null = null;
  let bestScore = initial;
  const sizes = issues.map((issue) => optionCounts[issue]!);
  if (completionCount(issues, (issue) => optionCounts[issue]!) > RESETTLEMENT_LIMIT) return null;
  // The choice is enumerated in its own positions 0…k-1, as a completion of k issues.
  const positions = issues.map((_, k) => k);
  const choice = new Int16Array(issues.length);
  forEachCompletion(positions, sizes, choice, () => {
    if (issues.every((issue, k) => current[issue] === choice[k])) return;
    const picked = Array.from(choice);
    const score = scoreOf(picked, bestScore);
    if (score !== null && better(score, bestScore)) {
      bestScore = score;
      bestChoice = picked;
    }
  });
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
  return {
    rationale: `the mediator rewrites ${issues.length} provisions to the settlement that keeps every red line and leaves the worst-off party ${found.margin.toFixed(2)} above its threshold`,
    recipe: (draft) => applySettlement(draft, domain, planText, issues, choice),
  };
}

/**
 * @internal Writes `choice[k]` as the option of `issues[k]`: in every point that settles the
 * issue, or, for an issue the text leaves open, in one new point at the end ("the mediator's
 * settlement"). `text` is the text before the change: only the points it names as settling
 * the issues are touched, so the draft copies nothing else.
 */
export function applySettlement(draft: Draft<PlanSpec>, domain: Domain, text: PlanText, issues: readonly number[], choice: readonly number[]): void {
  const added: { issue: string; option: string }[] = [];
  issues.forEach((issue, k) => {
    const spec = domain.issues[issue]!;
    const option = spec.options[choice[k]!]!.id;
    if (text.settlement[issue] === OPEN) {
      added.push({ issue: spec.id, option });
      return;
    }
    text.points.forEach((settling, index) => {
      if (!settling.issues.includes(issue)) return;
      const point = draft.points[index]!;
      for (const provision of point.provisions) {
        if (provision.issue !== spec.id || provision.option === option) continue;
        provision.option = option;
        // The summary still describes the old provision: say what changed, and that it is ours.
        point.summary = `${point.summary} [Amended in simulation: ${spec.label} — ${spec.options[choice[k]!]!.label}.]`;
        point.assumption = 'Amended in simulation by the mediator strategy; not part of any published text.';
      }
    });
  });
  if (added.length > 0) {
    const number = Math.max(0, ...text.points.map((point) => point.number)) + 1;
    draft.points.push({
      number,
      summary: `Mediator's settlement of issues left open: ${added.map((a) => `${domain.issue(a.issue).label} — ${domain.issue(a.issue).options.find((o) => o.id === a.option)!.label}`).join('; ')}.`,
      category: 'mediation',
      sources: [...(draft.points[0]?.sources.slice(0, 1) ?? [])],
      assumption: 'Added in simulation by the mediator strategy; not part of any published text.',
      provisions: added,
    });
  }
}
