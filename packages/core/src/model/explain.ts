import type { AssessmentData, PointAssessment } from './assessment.js';
import type { Domain } from './domain.js';
import { asSentence, formatUtility, joinPhrases, pointTitle } from './format.js';
import type { Settlement } from './outcome.js';
import type { PlanSpec } from './specs.js';

/**
 * Renders an assessment as plain sentences, one per line: the stance and why, utility
 * against the reservation value, each red line crossed with the points that cross it,
 * the verdict on every point, and the open issues with whether they block; then `notes`
 * (each a line of its own, starting `Note:`), such as the one saying that the verdict rests
 * only on sources marked `reliability: low`.
 */
export function renderAssessment(data: AssessmentData, domain: Domain, plan: PlanSpec | null, settlement: Settlement, notes: readonly string[] = []): string {
  const subject = plan === null ? 'the outcome' : `"${plan.title}" (${plan.date})`;
  const lines: string[] = [];
  const reason = data.reasons.join('; ');
  if (data.stance === 'accepts') lines.push(`${data.partyName} accepts ${subject}: ${reason}.`);
  else if (data.stance === 'rejects') lines.push(`${data.partyName} rejects ${subject}: ${reason}.`);
  else lines.push(`${data.partyName} does not accept ${subject} yet: ${reason}.`);

  const range = data.utilityRange.min === data.utilityRange.max
    ? ''
    : ` (between ${formatUtility(data.utilityRange.min)} and ${formatUtility(data.utilityRange.max)} depending on how the open issues are settled${data.utilityRange.exact ? '' : ', a bound'})`;
  lines.push(`Utility ${formatUtility(data.utility)}${range} against a reservation value of ${formatUtility(data.reservationValue)}: margin ${formatUtility(data.margin)}.`);

  for (const violation of data.violations) {
    const where = violation.points.length > 0 ? ` through point${violation.points.length === 1 ? '' : 's'} ${joinPhrases(violation.points.map(String))}` : '';
    const settled = joinPhrases(violation.issues.map((issue) => settledPhrase(domain, issue, settlement)));
    const assumed = violation.assumption === undefined ? '' : ' (an assumption)';
    lines.push(`Crosses the red line "${violation.text}"${assumed} [${violation.sources.join(', ')}]${where}: ${settled}.`);
  }
  for (const redLine of data.undetermined) {
    lines.push(`The red line "${redLine.text}" [${redLine.sources.join(', ')}] depends on open issues: ${joinPhrases(redLine.issues.map((issue) => domain.issue(issue).label))}.`);
  }

  if (plan !== null) {
    const by = (verdict: PointAssessment['verdict']) => data.points.filter((point) => point.verdict === verdict);
    const acceptable = by('acceptable');
    const objectionable = by('objectionable');
    const crossing = by('crosses-red-line');
    if (acceptable.length > 0 && objectionable.length + crossing.length > 0) {
      lines.push(`Some points are acceptable to ${data.partyName}, some are not.`);
    }
    if (acceptable.length > 0) lines.push(`Acceptable points: ${acceptable.map((point) => point.point).join(', ')}.`);
    for (const point of objectionable) lines.push(asSentence(`Point ${point.point} is objectionable: ${point.reason}`));
    for (const point of crossing) lines.push(asSentence(`Point ${point.point} crosses ${point.reason.replace(/^crosses /, '')}`));
    // A number alone sends the reader to the plan file: say once what each point named above is.
    const named = data.points.filter((point) => point.verdict !== 'acceptable');
    const titled = named.flatMap((point) => {
      const summary = plan.points.find((candidate) => candidate.number === point.point)?.summary;
      return summary === undefined ? [] : [`${point.point} (${pointTitle(summary)})`];
    });
    if (titled.length > 0) lines.push(`The point${titled.length === 1 ? '' : 's'} named above: ${titled.join(', ')}.`);
    if (data.openIssues.length === 0) lines.push('The plan leaves no issue open.');
    for (const open of data.openIssues) {
      lines.push(open.blocking
        ? asSentence(`Open issue "${open.label}" blocks acceptance: ${open.reasons.join('; ')}`)
        : `Open issue "${open.label}" is left open; it does not block acceptance.`);
    }
  }
  lines.push(...notes);
  return lines.join('\n');
}

function settledPhrase(domain: Domain, issueId: string, settlement: Settlement): string {
  const issue = domain.issue(issueId);
  const option = issue.options[settlement[issue.index]!];
  return `${issue.label} = ${option?.label ?? 'open'}`;
}
