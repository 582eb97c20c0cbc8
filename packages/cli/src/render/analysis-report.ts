import type { AnalysisReport, ConstraintReport, Scenario, SolutionReport } from '@parley/core';
import Table from 'cli-table3';
import type { PlanRepairReport } from '../commands/analyze.js';
import type { Output } from '../output.js';

const number = new Intl.NumberFormat('en-GB');
const utility = (value: number) => value.toFixed(4);

/** Renders an analysis for people: the verdict on agreement first, then the evidence. */
export function renderAnalysis(scenario: Scenario, report: AnalysisReport, elapsedMs: number, output: Output, repairs: readonly PlanRepairReport[] = []): void {
  const { colors } = output;
  const names = report.parties.map((party) => party.name);
  output.out(colors.bold(scenario.title));
  output.out(`${report.parties.length} parties, ${scenario.domain.issues.length} issues, ${number.format(report.outcomes)} outcomes; analysed in ${elapsedMs.toFixed(1)} ms${report.exact ? ' (exact)' : ' (cut short: see the bounds below)'}.`);
  output.out('');
  if (report.agreements === 0) {
    output.out(colors.red(colors.bold('No outcome satisfies every party\'s red lines and reservation values: no compromise plan currently exists.')));
    report.conflicts.forEach((conflict, index) => {
      output.out('');
      output.out(index === 0 ? 'The red lines that cannot hold together (a minimal set):' : 'Even without the first line above, these cannot hold together either:');
      for (const line of conflict) output.out(`  ${colors.red('✘')} ${constraintText(line)}`);
    });
  } else {
    output.out(colors.green(`${number.format(report.agreements)} outcomes are acceptable to every party.`));
  }
  for (const [label, solution] of [['Nash point', report.nash], ['Kalai–Smorodinsky point', report.kalaiSmorodinsky], ['Max welfare', report.maxWelfare]] as const) {
    output.out('');
    output.out(colors.bold(label));
    output.out(solution === null ? '  none: no outcome is acceptable to every party' : solutionText(solution, names));
  }
  if (report.pareto.length > 0) {
    output.out('');
    output.out(colors.bold(`Pareto frontier of the agreements: ${report.pareto.length} points`));
    const table = new Table({ head: ['#', ...names, 'outcomes'], style: { head: [], border: [] } });
    report.pareto.slice(0, 15).forEach((point, index) => table.push([String(index + 1), ...point.utilities.map(utility), number.format(point.outcomeCount)]));
    output.out(table.toString());
    if (report.pareto.length > 15) output.out(colors.dim(`  … ${report.pareto.length - 15} more (use --json for all)`));
  }
  if (report.relaxations.length > 0) {
    output.out('');
    output.out(colors.bold('The smallest relaxations that would open a zone of agreement'));
    const table = new Table({ head: ['#', 'Set aside', 'Opens', `Nash point (${names.join(', ')})`], style: { head: [], border: [] }, wordWrap: true, colWidths: [4, 70, 14, 34] });
    report.relaxations.forEach((relaxation, index) => {
      table.push([
        String(index + 1),
        relaxation.relax.map((line) => `${line.partyName}: ${line.text}`).join('\n'),
        `${number.format(relaxation.agreements)}${relaxation.exact ? '' : '+'} outcomes`,
        relaxation.nash === null ? '—' : relaxation.nash.found ? relaxation.nash.utilities.map((value) => value.toFixed(2)).join(', ') : `not found: ${relaxation.nash.guarantee}`,
      ]);
    });
    output.out(table.toString());
  }

  for (const plan of repairs) {
    output.out('');
    output.out(colors.bold(`What would make "${plan.title}" acceptable to every party`));
    if (plan.repairs.length === 0) {
      output.out('  nothing within the relaxation limit (raise --max-size)');
      continue;
    }
    plan.repairs.slice(0, 3).forEach((repair, index) => {
      const relax = repair.relax.length === 0 ? 'no red line set aside' : `set aside ${repair.relax.map((line) => `${line.party}'s "${line.text}"`).join('; ')}`;
      output.out(`  ${index + 1}. ${relax}`);
      for (const edit of repair.changes) output.out(`     change point ${edit.points.join(', ')}: ${edit.issue} ${edit.from} → ${edit.to}`);
      if (repair.settlements.length > 0) output.out(`     settle the open issues: ${repair.settlements.map((edit) => `${edit.issue} = ${edit.to}`).join(', ')}`);
      output.out(colors.dim(`     utilities then: ${repair.utilities.map((value, p) => `${names[p]} ${value.toFixed(2)}`).join(', ')}`));
    });
  }
}

function constraintText(line: ConstraintReport): string {
  const sources = line.sources.length > 0 ? ` [${line.sources.join(', ')}]` : '';
  return `${line.partyName}: "${line.text}"${sources}`;
}

function solutionText(solution: SolutionReport, names: readonly string[]): string {
  if (!solution.found) return `  not found: ${solution.guarantee}`;
  const utilities = solution.utilities.map((value, index) => `${names[index]} ${utility(value)}`).join(', ');
  const ties = solution.ties > 0 ? `; ${solution.ties} other utility vector${solution.ties === 1 ? '' : 's'} tie with it` : '';
  const outcome = Object.entries(solution.outcome).map(([issue, option]) => `${issue}=${option}`).join(', ');
  return `  ${utilities}${ties}${solution.exact ? '' : ' (best found; not proven)'}\n  outcome: ${outcome}`;
}
