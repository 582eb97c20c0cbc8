import type { Draft } from 'immer';
import type { Assessment } from '../model/assessment.js';
import { OPEN } from '../model/outcome.js';
import type { Party } from '../model/party.js';
import type { Plan } from '../model/plan.js';
import type { PlanSpec } from '../model/specs.js';
import { maxLeastMargin } from '../analysis/least-margin.js';
import type { MediatorStrategyName } from './strategies.js';

/** A revision the mediator proposes: an immer recipe and why. */
export interface MediatorRevision {
  readonly rationale: string;
  readonly recipe: (draft: Draft<PlanSpec>) => void;
}

/** What the mediator knows when it revises: the text, each party's verdict, and how to score alternatives. */
export interface MediationInput {
  readonly plan: Plan;
  /** Each party's assessment of `plan`, at its current threshold. */
  readonly assessments: readonly Assessment[];
  /** The parties as they stand now (reservation values moved to their current thresholds). */
  readonly parties: readonly Party[];
  /** Assesses any candidate text at the parties' current thresholds. */
  readonly assess: (text: PlanSpec) => readonly Assessment[];
  /**
   * Each party's leverage (1 = ordinary), in the order of `assessments`: a stronger party's
   * objections weigh more with the mediator. Battlefield shocks move it. Default: all 1.
   */
  readonly leverage?: readonly number[];
}

/**
 * The mediator's revision under `strategy`, or null when it has nothing to change.
 * - `drop-most-objected`: remove the point with the most objections (a red line crossed
 *   counts two, an objection one; ties go to the lowest number).
 * - `amend-most-objected`: re-settle that point's issues with the options that cross the
 *   fewest red lines and then leave the worst-off party best placed; if no point draws an
 *   objection but open issues block, settle the most blocking open issue the same way.
 * - `maximize-least-margin`: replace the text's settlement with the outcome that keeps every
 *   red line and maximises the smallest margin over the thresholds; when no such outcome
 *   exists, amend the most objected point instead.
 *
 * @example
 * ```ts
 * const revision = mediatorRevision('amend-most-objected', { plan, assessments, parties, assess });
 * revision?.rationale; // 'point 21 drew the most objections (…); amended …'
 * ```
 */
export function mediatorRevision(strategy: MediatorStrategyName, input: MediationInput): MediatorRevision | null {
  if (strategy === 'maximize-least-margin') return maximizeLeastMargin(input) ?? amendMostObjected(input);
  if (strategy === 'drop-most-objected') return dropMostObjected(input);
  return amendMostObjected(input);
}

function objectionScores(assessments: readonly Assessment[], leverage: readonly number[] = []): Map<number, number> {
  const scores = new Map<number, number>();
  assessments.forEach((assessment, index) => {
    const weight = Math.max(0, leverage[index] ?? 1);
    for (const point of assessment.points) {
      const score = point.verdict === 'crosses-red-line' ? 2 : point.verdict === 'objectionable' ? 1 : 0;
      if (score > 0) scores.set(point.point, (scores.get(point.point) ?? 0) + score * weight);
    }
  });
  return scores;
}

function mostObjected(assessments: readonly Assessment[], leverage?: readonly number[]): { point: number; score: number } | null {
  // Ties go to the lowest point number, so the choice never depends on iteration order.
  let best: { point: number; score: number } | null = null;
  for (const [point, score] of objectionScores(assessments, leverage)) {
    if (best === null || score > best.score || (score === best.score && point < best.point)) best = { point, score };
  }
  return best;
}

function dropMostObjected({ plan, assessments, leverage }: MediationInput): MediatorRevision | null {
  const target = mostObjected(assessments, leverage);
  if (target === null || plan.points.length <= 1) return null;
  return {
    rationale: `point ${target.point} drew the most objections (score ${Number(target.score.toFixed(2))}); the mediator drops it`,
    recipe: (draft) => {
      draft.points = draft.points.filter((point) => point.number !== target.point);
    },
  };
}

/** A candidate text's score: minus the red lines crossed (over all parties), then the smallest margin. */
export type CandidateScore = readonly [number, number];

/** Lexicographic score of a candidate text: fewer red lines crossed, then a larger smallest margin. */
function candidateScore(assessments: readonly Assessment[]): CandidateScore {
  const crossed = assessments.reduce((sum, assessment) => sum + assessment.violations.length, 0);
  const least = Math.min(...assessments.map((assessment) => assessment.margin));
  return [-crossed, least];
}

function better(a: CandidateScore, b: CandidateScore): boolean {
  return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1] + 1e-12);
}

/**
 * @internal The options for `issues` that score best, if any beats `initial`: every
 * combination but the current one is tried (none when there are more than 4 096), the first
 * best kept. Shared by the mediator and the exploration's batch path, so both choose alike.
 */
export function bestResettlement(
  optionCounts: readonly number[],
  current: ArrayLike<number>,
  issues: readonly number[],
  initial: CandidateScore,
  scoreOf: (choice: readonly number[]) => CandidateScore,
): number[] | null {
  let bestChoice: number[] | null = null;
  let bestScore = initial;
  const sizes = issues.map((issue) => optionCounts[issue]!);
  const total = sizes.reduce((product, size) => product * size, 1);
  for (let n = 0; n < total && total <= 4096; n++) {
    let rest = n;
    const choice = sizes.map((size) => {
      const option = rest % size;
      rest = Math.floor(rest / size);
      return option;
    });
    if (choice.every((option, k) => current[issues[k]!] === option)) continue;
    const score = scoreOf(choice);
    if (better(score, bestScore)) {
      bestScore = score;
      bestChoice = choice;
    }
  }
  return bestChoice;
}

function amendMostObjected(input: MediationInput): MediatorRevision | null {
  const { plan, assessments, leverage } = input;
  const domain = plan.domain;
  // Candidates, most objected first: the points that draw objections (a red line crossed
  // counts two), then the open issues that block the most parties. The first candidate
  // whose re-settlement improves the text is amended.
  const candidates: { issues: number[]; where: string }[] = [...objectionScores(assessments, leverage).entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([number, score]) => ({
      issues: plan.points.find((point) => point.number === number)!.provisions.map((provision) => domain.issueIndex(provision.issue)),
      where: `point ${number} drew the most objections that can still be met (score ${Number(score.toFixed(2))})`,
    }));
  const blockCounts = new Map<string, number>();
  for (const assessment of assessments) for (const open of assessment.openIssues) if (open.blocking) blockCounts.set(open.issue, (blockCounts.get(open.issue) ?? 0) + 1);
  for (const [issue, count] of [...blockCounts.entries()].sort((a, b) => b[1] - a[1] || domain.issueIndex(a[0]) - domain.issueIndex(b[0]))) {
    candidates.push({ issues: [domain.issueIndex(issue)], where: `the open issue "${domain.issue(issue).label}" blocks ${count} ${count === 1 ? 'party' : 'parties'}` });
  }
  for (const candidate of candidates) {
    const revision = resettle(input, candidate.issues, candidate.where);
    if (revision !== null) return revision;
  }
  return null;
}

/** The best re-settlement of `issues`, if it improves on the current text. */
function resettle(input: MediationInput, issues: readonly number[], where: string): MediatorRevision | null {
  const { plan, assessments, assess } = input;
  const domain = plan.domain;
  if (issues.length === 0) return null;
  const base = JSON.parse(JSON.stringify(plan)) as PlanSpec;
  const optionCounts = domain.issues.map((issue) => issue.options.length);
  const chosen = bestResettlement(optionCounts, plan.settlement, issues, candidateScore(assessments), (choice) => candidateScore(assess(withSettlement(base, plan, issues, choice))));
  if (chosen === null) return null;
  const changes = issues.map((issue, k) => `${domain.issues[issue]!.label}: ${domain.issues[issue]!.options[chosen[k]!]!.label}`);
  return {
    rationale: `${where}; the mediator amends it to ${changes.join('; ')}`,
    recipe: (draft) => applySettlement(draft, plan, issues, chosen),
  };
}

function maximizeLeastMargin(input: MediationInput): MediatorRevision | null {
  const { plan, parties } = input;
  const found = maxLeastMargin(parties, parties.map((party) => party.reservationValue), { budget: 2_000_000 });
  if (found === null) return null;
  const domain = plan.domain;
  const issues = domain.issues.map((issue) => issue.index).filter((issue) => plan.settlement[issue] !== found.outcome[issue]);
  if (issues.length === 0) return null;
  const choice = issues.map((issue) => found.outcome[issue]!);
  return {
    rationale: `the mediator rewrites ${issues.length} provisions to the settlement that keeps every red line and leaves the worst-off party ${found.margin.toFixed(2)} above its threshold`,
    recipe: (draft) => applySettlement(draft, plan, issues, choice),
  };
}

function withSettlement(base: PlanSpec, plan: Plan, issues: readonly number[], choice: readonly number[]): PlanSpec {
  const copy = structuredClone(base) as PlanSpec;
  applySettlement(copy as Draft<PlanSpec>, plan, issues, choice);
  return copy;
}

/**
 * @internal Writes `choice[k]` as the option of `issues[k]`: in every point that settles the issue,
 * or, for an open issue, in one new point at the end ("the mediator's settlement").
 */
export function applySettlement(draft: Draft<PlanSpec>, plan: Plan, issues: readonly number[], choice: readonly number[]): void {
  const domain = plan.domain;
  const added: { issue: string; option: string }[] = [];
  issues.forEach((issue, k) => {
    const spec = domain.issues[issue]!;
    const option = spec.options[choice[k]!]!.id;
    if (plan.settlement[issue] === OPEN) {
      added.push({ issue: spec.id, option });
      return;
    }
    for (const point of draft.points) {
      for (const provision of point.provisions) {
        if (provision.issue !== spec.id || provision.option === option) continue;
        provision.option = option;
        // The summary still describes the old provision: say what changed, and that it is ours.
        point.summary = `${point.summary} [Amended in simulation: ${spec.label} — ${spec.options[choice[k]!]!.label}.]`;
        point.assumption = 'Amended in simulation by the mediator strategy; not part of any published text.';
      }
    }
  });
  if (added.length > 0) {
    const number = Math.max(0, ...draft.points.map((point) => point.number)) + 1;
    draft.points.push({
      number,
      summary: `Mediator's settlement of issues left open: ${added.map((a) => `${domain.issue(a.issue).label} — ${domain.issue(a.issue).options.find((o) => o.id === a.option)!.label}`).join('; ')}.`,
      category: 'mediation',
      sources: [...(plan.points[0]?.sources.slice(0, 1) ?? [])],
      assumption: 'Added in simulation by the mediator strategy; not part of any published text.',
      provisions: added,
    });
  }
}
