import type { Assessment, Party, Plan, Scenario } from '@parley/core';
import { formatUtility } from '@parley/core';
import Table from 'cli-table3';
import type { Output } from '../output.js';
import { isNote } from './source-reliability.js';

/** One plan × party cell's short text: the stance, then the one or two reasons that matter most. */
function cell(assessment: Assessment, output: Output): string {
  const { colors } = output;
  const utility = `${formatUtility(assessment.utility)} (${assessment.margin >= 0 ? '+' : ''}${formatUtility(assessment.margin)})`;
  if (assessment.stance === 'accepts') return `${colors.green('✔ accepts')}\n${utility}`;
  if (assessment.stance === 'rejects') {
    if (assessment.violations.length === 0) return `${colors.red('✘ rejects')}\n${utility}\nbelow reservation`;
    const points = [...new Set(assessment.violations.flatMap((violation) => violation.points))].sort((a, b) => a - b);
    const lines = assessment.violations.length === 1 ? '1 red line' : `${assessment.violations.length} red lines`;
    return `${colors.red('✘ rejects')}\n${utility}\n${lines}${points.length > 0 ? `, pts ${points.join(', ')}` : ''}`;
  }
  const blocking = assessment.openIssues.filter((issue) => issue.blocking).length;
  const objections = assessment.points.filter((point) => point.verdict !== 'acceptable').length;
  return `${colors.yellow('… undecided')}\n${utility}\n${blocking} open issue${blocking === 1 ? '' : 's'} block${blocking === 1 ? 's' : ''}${objections > 0 ? `\n${objections} pt${objections === 1 ? '' : 's'} objected` : ''}`;
}

/**
 * Renders the plan × party matrix as an aligned table, followed by every assessment's
 * reasons as plain sentences (`explain()`), with its notes in yellow: the core's note when
 * a verdict rests only on sources the scenario marks `reliability: low`.
 */
export function renderAssessmentMatrix(
  scenario: Scenario,
  plans: readonly Plan[],
  parties: readonly Party[],
  assessments: ReadonlyMap<string, Assessment>,
  output: Output,
): void {
  const { colors } = output;
  output.out(colors.bold(scenario.title) + (scenario.asOf === undefined ? '' : colors.dim(` — positions as of ${scenario.asOf}`)));
  output.out('');
  const table = new Table({
    head: ['Plan version', ...parties.map((party) => party.name)],
    style: { head: [], border: [] },
    wordWrap: true,
  });
  for (const plan of plans) {
    table.push([
      `${colors.bold(plan.title)}\n${plan.date} · ${plan.points.length} points`,
      ...parties.map((party) => cell(assessments.get(key(plan, party))!, output)),
    ]);
  }
  output.out(table.toString());
  output.out(colors.dim('Cells: stance, utility (margin over the reservation value), and why.'));
  for (const plan of plans) {
    output.out('');
    output.out(colors.bold(colors.underline(`${plan.title} (${plan.id}, ${plan.date})`)));
    for (const party of parties) {
      const assessment = assessments.get(key(plan, party))!;
      const [headline, ...rest] = assessment.explain().split('\n');
      output.out('');
      output.out(`  ${colors.bold(headline ?? '')}`);
      for (const line of rest) output.out(`    ${isNote(line) ? colors.yellow(line) : line}`);
    }
  }
}

/** The key of a plan × party pair in the assessment map. */
export function key(plan: Plan, party: Party): string {
  return `${plan.id}\u0000${party.id}`;
}
