import type { Assessment, AssessmentData, OpenIssue, PointAssessment, RedLineViolation, Stance, UndeterminedRedLine } from './assessment.js';
import type { CompiledParty } from './compiled-party.js';
import type { Domain } from './domain.js';
import { renderAssessment } from './explain.js';
import { formatUtility as format } from './format.js';
import type { PlanText } from './plan-text.js';
import { sourceReliability, type SourceMarks } from './source-reliability.js';
import type { PlanSpec } from './specs.js';
import { verdictAt, type TextView, type Verdict } from './text-view.js';
import { meetsThreshold } from './tolerance.js';

/**
 * Why a party takes its stance on a text at `threshold`, in one sentence: the reason
 * `assessPlan` gives and the talks record with each response.
 *
 * `bar` names the number the text is judged against. The talks judge at a party's current
 * threshold, which its strategy keeps at or above its reservation value, so the default says
 * "threshold"; `assessPlan` judges at the reservation value itself and says so. One word for
 * each number, so that a reader never sees a threshold called a reservation value.
 *
 * @example
 * ```ts
 * stanceReason(viewOf(ukraine, text), verdictAt(viewOf(ukraine, text), 0.52), 0.52, domain);
 * // 'it crosses 2 red lines'
 * ```
 */
export function stanceReason(view: TextView, verdict: Verdict, threshold: number, domain: Domain, bar: 'threshold' | 'reservation value' = 'threshold'): string {
  const violations = view.violations.length;
  if (violations > 0) return `it crosses ${violations === 1 ? 'a red line' : `${violations} red lines`}`;
  if (!view.range.withinRedLines && view.heldRedLines > 0) return 'however its open issues are settled, at least one red line is crossed: they cannot all hold together on this plan';
  if (!meetsThreshold(view.range.max, threshold)) return `even at best it is worth ${format(view.range.max)}, below the ${bar} ${format(threshold)}`;
  const blocking = verdict.blocking;
  if (blocking.length > 0) {
    const labels = blocking.map((issue) => domain.issues[issue]!.label).join('; ');
    return `${blocking.length === 1 ? 'an issue' : `${blocking.length} issues`} it needs settled ${blocking.length === 1 ? 'is' : 'are'} still open: ${labels}`;
  }
  return `it crosses no red line and is worth ${format(verdict.utility)}, at or above the ${bar} ${format(threshold)}`;
}

const NO_MARKS: SourceMarks = { party: new Set(), plan: new Set() };

/**
 * A view rendered as an explained {@link Assessment} at `threshold` (the party's reservation
 * value for `assessPlan`): every red line crossed with its causes and points, every red line
 * left undetermined, a verdict and reason per point, each open issue with why it blocks, and
 * `explain()`, whose sentences are written when it is called. `sourceMarks`: the source keys
 * marked `reliability: low` for the party's red lines and for the plan's points, which
 * `restsOnLowReliabilitySources` and the notes of `explain()` are judged with (none by default).
 *
 * @example
 * ```ts
 * const text = planTextOf(domain, plan);
 * explainedAssessment(party, domain, text, viewOf(party, text), plan, party.reservation).stance;
 * ```
 */
export function explainedAssessment(
  party: CompiledParty,
  domain: Domain,
  text: PlanText,
  view: TextView,
  plan: PlanSpec | null,
  threshold: number,
  sourceMarks: SourceMarks = NO_MARKS,
): Assessment {
  const { rules } = party;
  const issueId = (index: number) => domain.issues[index]!.id;
  const pointsSettling = (issues: readonly number[]) => [...new Set(issues.flatMap((issue) => text.settledBy[issue] ?? []))].sort((a, b) => a - b);
  const verdict = verdictAt(view, threshold);

  const violations: RedLineViolation[] = view.violations.map((index) => {
    const redLine = rules.redLines[index]!;
    const causes = view.facts[index]!.issues;
    return {
      redLine: redLine.id,
      text: redLine.text,
      sources: redLine.sources,
      ...(redLine.assumption === undefined ? {} : { assumption: redLine.assumption }),
      issues: causes.map(issueId),
      points: pointsSettling(causes),
    };
  });
  const undetermined: UndeterminedRedLine[] = view.undetermined.map((index) => {
    const redLine = rules.redLines[index]!;
    return { redLine: redLine.id, text: redLine.text, sources: redLine.sources, issues: view.facts[index]!.issues.map(issueId) };
  });

  const { range } = view;
  const straddles = violations.length === 0 && range.withinRedLines && !meetsThreshold(range.min, threshold) && meetsThreshold(range.max, threshold);
  const openIssues: OpenIssue[] = view.open.map((issue) => {
    const reasons = undetermined.filter((redLine) => redLine.issues.includes(issueId(issue))).map((redLine) => `${party.name}'s red line "${redLine.text}" depends on it`);
    if (straddles && view.openThatMatter.includes(issue)) reasons.push(`whether the plan beats walking away for ${party.name} depends on it`);
    const { id, label } = domain.issues[issue]!;
    return { issue: id, label, blocking: reasons.length > 0, reasons };
  });

  const points: PointAssessment[] = text.points.map((point, k) => {
    const crossed = violations.filter((violation) => violation.points.includes(point.number)).map((violation) => violation.redLine);
    const value = view.pointValues[k]!;
    if (crossed.length > 0) {
      const texts = violations.filter((violation) => crossed.includes(violation.redLine)).map((violation) => `"${violation.text}"`);
      return { point: point.number, verdict: 'crosses-red-line', value, redLines: crossed, reason: `crosses ${texts.join(' and ')}` };
    }
    if (value === null) {
      const reason = point.issues.length === 0 ? 'settles no modelled issue' : `settles nothing ${party.name} weighs`;
      return { point: point.number, verdict: 'acceptable', value, redLines: [], reason };
    }
    if (!meetsThreshold(value, threshold)) {
      return { point: point.number, verdict: 'objectionable', value, redLines: [], reason: `worth ${format(value)} to ${party.name}, below its reservation value ${format(threshold)}` };
    }
    return { point: point.number, verdict: 'acceptable', value, redLines: [], reason: `worth ${format(value)} to ${party.name}, at or above its reservation value ${format(threshold)}` };
  });

  const stance: Stance = verdict.stance;
  const weak = sourceReliability(stance, party.name, violations, plan, sourceMarks);
  const data: AssessmentData = {
    party: party.id,
    partyName: party.name,
    plan: plan?.id ?? null,
    planTitle: plan?.title ?? null,
    accepts: verdict.accepts,
    stance,
    utility: range.min,
    utilityRange: range,
    reservationValue: threshold,
    margin: range.min - threshold,
    violations,
    undetermined,
    points,
    openIssues,
    reasons: [stanceReason(view, verdict, threshold, domain, 'reservation value')],
    restsOnLowReliabilitySources: weak.restsOnLowReliabilitySources,
  };
  const assessment = { ...data } as Assessment;
  Object.defineProperty(assessment, 'explain', { value: () => renderAssessment(data, domain, plan, text.settlement, weak.notes()), enumerable: false });
  return Object.freeze(assessment);
}
