import { analysisPartLabels, formatCount, type AnalysisReport, type ConstraintReport, type Domain, type Scenario, type SearchReport, type SolutionReport } from '@parley/core';
import Table from 'cli-table3';
import type { PlanRepairReport } from '../commands/analyze.js';
import type { Output } from '../output.js';
import { choiceText, issueLabel, optionLabel, outcomeLines, partyName, pointsWithTitles, possessive, printWrapped } from './labels.js';

const utility = (value: number) => value.toFixed(4);

/** Renders an analysis for people: the verdict on agreement first, then the evidence. */
export function renderAnalysis(scenario: Scenario, report: AnalysisReport, elapsedMs: number, output: Output, repairs: readonly PlanRepairReport[] = []): void {
  const { colors } = output;
  const names = report.parties.map((party) => party.name);
  output.out(colors.bold(scenario.title));
  output.out(`${report.parties.length} parties, ${scenario.domain.issues.length} issues, ${formatCount(report.outcomes)} outcomes; analysed in ${elapsedMs.toFixed(1)} ms${report.complete ? ' (exact)' : ' (cut short: see below)'}.`);
  output.out('');
  if (!report.complete) cutShortNotice(report, output);
  const counted = report.searches.agreements;
  if (!counted.exact) {
    // Never "N outcomes are acceptable" from a count that did not finish: only what it proves.
    output.out(report.agreements === 0
      ? colors.yellow('No acceptable outcome found yet: the count was cut short before it found one, so it is not known whether a compromise exists.')
      : colors.green(`At least ${formatCount(report.agreements)} outcomes are acceptable to every party (the count was cut short; the true number may be far larger).`));
  } else if (report.agreements === 0) {
    output.out(colors.red(colors.bold('No outcome satisfies every party\'s red lines and reservation values: no compromise plan currently exists.')));
    report.conflicts.forEach((conflict, index) => {
      output.out('');
      output.out(index === 0 ? 'The red lines that cannot hold together (a minimal set):' : 'Even without the first line above, these cannot hold together either:');
      for (const line of conflict) output.out(`  ${colors.red('✘')} ${constraintText(line)}`);
    });
  } else {
    output.out(colors.green(`${formatCount(report.agreements)} outcomes are acceptable to every party.`));
  }
  for (const [label, solution] of [['Nash point', report.nash], ['Kalai–Smorodinsky point', report.kalaiSmorodinsky], ['Max welfare', report.maxWelfare]] as const) {
    output.out('');
    output.out(colors.bold(label));
    output.out(solution === null ? '  none: no outcome is acceptable to every party' : solutionText(solution, names, scenario.domain));
  }
  if (report.pareto.length > 0) {
    output.out('');
    output.out(colors.bold(`Pareto frontier of the agreements: ${report.pareto.length} points`));
    const table = new Table({ head: ['#', ...names, 'outcomes'], style: { head: [], border: [] } });
    report.pareto.slice(0, 15).forEach((point, index) => table.push([String(index + 1), ...point.utilities.map(utility), formatCount(point.outcomeCount)]));
    output.out(table.toString());
    if (report.pareto.length > 15) output.out(colors.dim(`  … ${report.pareto.length - 15} more (use --json for all)`));
  } else if (!report.searches.pareto.exact) {
    output.out('');
    output.out(colors.bold('Pareto frontier of the agreements'));
    output.out(`  ${report.searches.pareto.guarantee}`);
  }
  if (report.relaxations.length > 0) {
    output.out('');
    output.out(colors.bold('The smallest relaxations that would open a zone of agreement'));
    const table = new Table({ head: ['#', 'Set aside', 'Opens', `Nash point (${names.join(', ')})`], style: { head: [], border: [] }, wordWrap: true, colWidths: [4, 70, 14, 34] });
    report.relaxations.forEach((relaxation, index) => {
      table.push([
        String(index + 1),
        relaxation.relax.map((line) => `${line.partyName}: ${line.text}`).join('\n'),
        `${formatCount(relaxation.agreements)}${relaxation.exact ? '' : '+'} outcomes`,
        relaxation.nash === null ? '—' : relaxation.nash.found ? relaxation.nash.utilities.map((value) => value.toFixed(2)).join(', ') : `not found: ${relaxation.nash.guarantee}`,
      ]);
    });
    output.out(table.toString());
  }
  const relaxationSearch = report.searches.relaxations;
  if (relaxationSearch !== null && !relaxationSearch.exact) {
    output.out(colors.yellow(`  The search for relaxations was cut short: ${relaxationSearch.guarantee}.`));
  }

  for (const plan of repairs) {
    output.out('');
    output.out(colors.bold(`What would make "${plan.title}" acceptable to every party`));
    if (!plan.exact) output.out(colors.yellow(`  Cut short: ${plan.guarantee}.`));
    if (plan.repairs.length === 0) {
      output.out(plan.exact ? '  nothing within the relaxation limit (raise --max-size)' : '  none found before the search stopped (raise --budget or --time-limit)');
      continue;
    }
    // The points of the plan, for their short titles: a repair names the points it changes.
    const points = scenario.plans.find((candidate) => candidate.id === plan.plan)?.points;
    const domain = scenario.domain;
    plan.repairs.slice(0, 3).forEach((repair, index) => {
      const relax = repair.relax.length === 0 ? 'no red line set aside' : `set aside ${repair.relax.map((line) => `${possessive(partyName(scenario, line.party))} "${line.text}"`).join('; ')}`;
      printWrapped(output, 2, `${index + 1}. ${relax}`, undefined, { hang: 3 });
      for (const edit of repair.changes) {
        const from = edit.from === null ? 'open' : optionLabel(domain, edit.issue, edit.from);
        printWrapped(output, 5, `change ${pointsWithTitles(edit.points, points)}:`);
        printWrapped(output, 7, `${issueLabel(domain, edit.issue)}: ${from} → ${optionLabel(domain, edit.issue, edit.to)}`);
      }
      if (repair.settlements.length > 0) {
        output.out('     settle the open issues:');
        for (const edit of repair.settlements) printWrapped(output, 7, choiceText(domain, edit.issue, edit.to));
      }
      output.out(colors.dim(`     utilities then: ${repair.utilities.map((value, p) => `${names[p]} ${value.toFixed(2)}`).join(', ')}`));
    });
  }
}

/** What was cut short, by what, and what still holds: before any result, so none is read as exact. */
function cutShortNotice(report: AnalysisReport, output: Output): void {
  const { colors } = output;
  const cut = (Object.entries(report.searches) as [keyof AnalysisReport['searches'], SearchReport | null][])
    .filter((entry): entry is [keyof AnalysisReport['searches'], SearchReport] => entry[1] !== null && !entry[1].exact);
  const { budget, timeLimitMs } = report.limits;
  const limits = [
    budget === null ? null : `${formatCount(budget)} work units per analysis`,
    timeLimitMs === null ? null : `${formatSeconds(timeLimitMs)} in all`,
  ].filter((text) => text !== null).join(', ');
  output.out(colors.yellow(colors.bold(`Cut short: not every analysis finished within its limits (${limits}).`)));
  output.out(colors.yellow('What they found is below, with what it still guarantees; raise --budget or --time-limit to go further.'));
  for (const [part, search] of cut) output.out(colors.yellow(`  … ${analysisPartLabels[part]} (stopped by ${stopLabels[search.stoppedBy ?? 'budget']}): ${search.guarantee}`));
  if (report.relaxations.some((relaxation) => !relaxation.exact || (relaxation.nash !== null && !relaxation.nash.exact))) {
    output.out(colors.yellow('  … smallest relaxations: what some of them open was not counted to the end (marked +), or its Nash point is the best found'));
  }
  output.out('');
}

const stopLabels = { budget: 'the work budget', time: 'the time limit', aborted: 'a cancel' } as const;

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function constraintText(line: ConstraintReport): string {
  const sources = line.sources.length > 0 ? ` [${line.sources.join(', ')}]` : '';
  return `${line.partyName}: "${line.text}"${sources}`;
}

function solutionText(solution: SolutionReport, names: readonly string[], domain: Domain): string {
  if (!solution.found) return `  not found: ${solution.guarantee}`;
  const utilities = solution.utilities.map((value, index) => `${names[index]} ${utility(value)}`).join(', ');
  const ties = solution.ties > 0 ? `; ${solution.ties} other utility vector${solution.ties === 1 ? '' : 's'} tie with it` : '';
  // One line per issue, by label: an outcome is read issue by issue, not as one string of ids.
  const outcome = outcomeLines(domain, solution.outcome).map((line) => `    ${line}`).join('\n');
  return `  ${utilities}${ties}${solution.exact ? '' : ' (best found; not proven)'}\n  outcome:\n${outcome}`;
}
