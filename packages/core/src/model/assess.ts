import type { Assessment, AssessmentData, OpenIssue, PointAssessment, RedLineViolation, Stance, UndeterminedRedLine } from './assessment.js';
import type { Domain } from './domain.js';
import { ParleyError } from './errors.js';
import { OPEN, settlementOf, type Outcome, type Settlement } from './outcome.js';
import { compiledParty, type Party } from './party.js';
import type { Plan } from './plan.js';
import { utilityRange } from './preferences.js';
import { evaluateRule, ruleIssues, violationCauses } from './rule.js';
import { renderAssessment } from './explain.js';
import { formatUtility as format } from './format.js';
import { meetsThreshold } from './tolerance.js';

/**
 * How `party` judges `plan`: whether it accepts, its utility and margin over its
 * reservation value, every red line the plan crosses and the points that cause it, a
 * verdict for every point, and the open issues that still block acceptance.
 *
 * Issues the plan does not settle are treated as open, never as a default: a red line
 * that depends on an open issue is *undetermined*, and the party cannot accept until the
 * issue is settled. The utility reported is the lowest the party can be held to, over the
 * ways the open issues could be settled without crossing its own red lines.
 *
 * A point is `crosses-red-line` when it settles an issue that makes a red line crossed;
 * `objectionable` when its provisions, taken on their own, are worth less to the party
 * than its reservation value; `acceptable` otherwise.
 *
 * @example
 * ```ts
 * const scenario = await loadScenario('seeds/ukraine-2025');
 * const verdict = assessPlan(partyOf(scenario, 'ukraine'), planOf(scenario, 'us-28'));
 * verdict.accepts; // false
 * console.log(verdict.explain());
 * ```
 */
export function assessPlan(party: Party, plan: Plan): Assessment {
  requireSameDomain(party.domain, plan.domain, `party "${party.id}"`, `plan "${plan.id}"`);
  return assessSettlement(party, plan.settlement, plan);
}

/**
 * How `party` judges a complete outcome (one option for every issue): whether it accepts,
 * its utility and margin, and every red line the outcome crosses with the issues that
 * cause it.
 *
 * @example
 * ```ts
 * const outcome = outcomeFromChoices(scenario.domain, choices);
 * const verdict = assessOutcome(partyOf(scenario, 'russia'), outcome);
 * verdict.violations.map((violation) => violation.text);
 * ```
 */
export function assessOutcome(party: Party, outcome: Outcome): Assessment {
  const domain = party.domain;
  if (outcome.length !== domain.issues.length) {
    throw new ParleyError('INVALID_OUTCOME', `an outcome of this domain has ${domain.issues.length} entries, one per issue; got ${outcome.length}`);
  }
  domain.issues.forEach((issue) => {
    const option = outcome[issue.index]!;
    if (option >= issue.options.length) throw new ParleyError('INVALID_OUTCOME', `issue "${issue.id}" has no option at index ${option}`);
  });
  return assessSettlement(party, settlementOf(outcome), null);
}

function requireSameDomain(a: Domain, b: Domain, aName: string, bName: string): void {
  if (a === b || JSON.stringify(a) === JSON.stringify(b)) return;
  throw new ParleyError('DOMAIN_MISMATCH', `${aName} and ${bName} belong to different domains; create both against the same domain`);
}

function assessSettlement(party: Party, settlement: Settlement, plan: Plan | null): Assessment {
  const domain = party.domain;
  const { redLines, preferences } = compiledParty(party);
  const issueId = (index: number) => domain.issues[index]!.id;
  const pointsSettling = (issues: readonly number[]) =>
    plan === null ? [] : [...new Set(issues.flatMap((issue) => plan.settledBy[issue] ?? []))].sort((a, b) => a - b);

  const violations: RedLineViolation[] = [];
  const undetermined: UndeterminedRedLine[] = [];
  for (const { spec, rule } of redLines) {
    const truth = evaluateRule(rule, settlement, domain);
    if (truth === 'violated') {
      const causes = violationCauses(rule, settlement);
      violations.push({
        redLine: spec.id,
        text: spec.text,
        sources: spec.sources,
        ...(spec.assumption === undefined ? {} : { assumption: spec.assumption }),
        issues: causes.map(issueId),
        points: pointsSettling(causes),
      });
    } else if (truth === 'undetermined') {
      const open = ruleIssues(rule).filter((issue) => settlement[issue] === OPEN);
      undetermined.push({ redLine: spec.id, text: spec.text, sources: spec.sources, issues: open.map(issueId) });
    }
  }

  const range = utilityRange(preferences, settlement, domain, redLines.map((redLine) => redLine.rule));
  const utility = range.min;
  const reservationValue = party.reservationValue;
  const straddles = violations.length === 0 && range.withinRedLines && !meetsThreshold(range.min, reservationValue) && meetsThreshold(range.max, reservationValue);

  const openIssues: OpenIssue[] = domain.issues
    .filter((issue) => settlement[issue.index] === OPEN)
    .map((issue) => {
      const reasons = undetermined
        .filter((redLine) => redLine.issues.includes(issue.id))
        .map((redLine) => `${party.name}'s red line "${redLine.text}" depends on it`);
      const matters = preferences.weights[issue.index]! > 0 || preferences.interactions.some((term) => ruleIssues(term.rule).includes(issue.index));
      if (straddles && matters) reasons.push(`whether the plan beats walking away for ${party.name} depends on it`);
      return { issue: issue.id, label: issue.label, blocking: reasons.length > 0, reasons };
    });

  const points: PointAssessment[] = (plan?.points ?? []).map((point) => {
    const crossed = violations.filter((violation) => violation.points.includes(point.number)).map((violation) => violation.redLine);
    let weight = 0;
    let worth = 0;
    for (const provision of point.provisions) {
      const issue = domain.issueIndex(provision.issue);
      const w = preferences.weights[issue]!;
      weight += w;
      worth += w * preferences.values[issue]![domain.optionIndex(issue, provision.option)]!;
    }
    const value = weight > 0 ? worth / weight : null;
    if (crossed.length > 0) {
      const texts = violations.filter((violation) => crossed.includes(violation.redLine)).map((violation) => `"${violation.text}"`);
      return { point: point.number, verdict: 'crosses-red-line', value, redLines: crossed, reason: `crosses ${texts.join(' and ')}` };
    }
    if (value === null) {
      const reason = point.provisions.length === 0 ? 'settles no modelled issue' : `settles nothing ${party.name} weighs`;
      return { point: point.number, verdict: 'acceptable', value, redLines: [], reason };
    }
    if (!meetsThreshold(value, reservationValue)) {
      return { point: point.number, verdict: 'objectionable', value, redLines: [], reason: `worth ${format(value)} to ${party.name}, below its reservation value ${format(reservationValue)}` };
    }
    return { point: point.number, verdict: 'acceptable', value, redLines: [], reason: `worth ${format(value)} to ${party.name}, at or above its reservation value ${format(reservationValue)}` };
  });

  const blocking = openIssues.filter((issue) => issue.blocking);
  let stance: Stance;
  const reasons: string[] = [];
  if (violations.length > 0) {
    stance = 'rejects';
    reasons.push(`it crosses ${violations.length === 1 ? 'a red line' : `${violations.length} red lines`}`);
  } else if (!range.withinRedLines && redLines.length > 0) {
    stance = 'rejects';
    reasons.push('however its open issues are settled, at least one red line is crossed: they cannot all hold together on this plan');
  } else if (!meetsThreshold(range.max, reservationValue)) {
    stance = 'rejects';
    reasons.push(`even at best it is worth ${format(range.max)}, below the reservation value ${format(reservationValue)}`);
  } else if (blocking.length > 0) {
    stance = 'undecided';
    reasons.push(`${blocking.length === 1 ? 'an issue' : `${blocking.length} issues`} it needs settled ${blocking.length === 1 ? 'is' : 'are'} still open: ${blocking.map((issue) => issue.label).join('; ')}`);
  } else {
    stance = 'accepts';
    reasons.push(`it crosses no red line and is worth ${format(utility)}, at or above the reservation value ${format(reservationValue)}`);
  }

  const data: AssessmentData = {
    party: party.id,
    partyName: party.name,
    plan: plan?.id ?? null,
    planTitle: plan?.title ?? null,
    accepts: stance === 'accepts',
    stance,
    utility,
    utilityRange: range,
    reservationValue,
    margin: utility - reservationValue,
    violations,
    undetermined,
    points,
    openIssues,
    reasons,
  };
  const assessment = { ...data } as Assessment;
  Object.defineProperty(assessment, 'explain', { value: () => renderAssessment(data, domain, plan, settlement), enumerable: false });
  return Object.freeze(assessment);
}

