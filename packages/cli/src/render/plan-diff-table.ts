import { describeMatching, planOf, type IssueMove, type IssueMoveKind, type PointSpec, type Scenario } from '@parley/core';
import Table from 'cli-table3';
import type { DiffReport } from '../commands/diff.js';
import type { Output } from '../output.js';
import { choiceText, printWrapped, TEXT_WIDTH, wrap } from './labels.js';

const SUMMARY_WIDTH = 64;

/**
 * Renders a plan diff as aligned tables: the issues that moved, then the points removed,
 * added and changed. Colour (through `output.colors`) marks the kind of move only, so the
 * tables read the same without it.
 */
export function renderPlanDiffTables(scenario: Scenario, report: DiffReport, output: Output): void {
  const { colors } = output;
  const { diff, revision } = report;
  const from = planOf(scenario, diff.from.id);
  const to = planOf(scenario, diff.to.id);
  output.out(colors.bold(`${diff.from.title} → ${diff.to.title}`));
  output.out(`${diff.from.id} (${diff.from.date}, ${from.points.length} points) → ${diff.to.id} (${diff.to.date}, ${to.points.length} points)`);
  output.out(colors.dim(`Points matched by ${describeMatching(diff)}.`));
  if (revision !== null) {
    output.out('');
    const direction = revision.base === diff.from.id ? '' : ' (this diff runs it backwards)';
    output.out(`Revision ${colors.bold(revision.id)} by ${revision.author}, ${revision.date} [${revision.sources.join(', ')}]${direction}:`);
    for (const line of wrap(revision.rationale, 88)) output.out(`  ${line}`);
  }

  output.out('');
  if (diff.issues.length === 0) {
    output.out('No issue moved: both versions settle every issue the same way.');
  } else {
    output.out(colors.bold(`Issues that moved (${diff.issues.length})`));
    const table = newTable(['Issue', 'Change', diff.from.id, diff.to.id], { colWidths: [26, 9, 30, 30] });
    for (const move of diff.issues) table.push([move.label, kindText(move.kind, output), sideText(move, 'from'), sideText(move, 'to')]);
    output.out(table.toString());
  }

  const pointTable = (title: string, points: DiffReport['diff']['removed']) => {
    output.out('');
    if (points.length === 0) {
      output.out(`${title}: none.`);
      return;
    }
    output.out(colors.bold(`${title} (${points.length})`));
    const table = newTable(['Pt', 'Category', 'Summary'], { colWidths: [null, null, SUMMARY_WIDTH] });
    for (const point of points) table.push([String(point.number), point.category, point.summary]);
    output.out(table.toString());
  };
  pointTable('Points removed', diff.removed);
  pointTable('Points added', diff.added);

  output.out('');
  if (diff.changed.length === 0) {
    output.out('Points changed: none.');
  } else {
    output.out(colors.bold(`Points changed (${diff.changed.length})`));
    // One line per point: no rules between rows.
    const table = newTable([`${diff.from.id} pt`, `${diff.to.id} pt`, 'Category', 'Changed'], { compact: true });
    for (const change of diff.changed) table.push([String(change.from), String(change.to), change.category, change.fields.join(', ')]);
    output.out(table.toString());
    renderChangedTexts(scenario, report, output);
  }
  if (diff.unchanged.length > 0) output.out(`Unchanged: ${diff.unchanged.length === 1 ? 'point' : 'points'} ${diff.unchanged.join(', ')}.`);
}

function newTable(head: string[], { colWidths, compact = false }: { colWidths?: (number | null)[]; compact?: boolean } = {}): Table.Table {
  // No colour in borders or headers: cli-table3 would otherwise add ANSI codes even when
  // the output is piped. Colour, when wanted, comes from `output.colors` in the cells.
  // Fixed widths keep long labels and summaries wrapped inside a terminal's width.
  return new Table({ head, style: { head: [], border: [], compact }, wordWrap: true, ...(colWidths === undefined ? {} : { colWidths }) });
}

function kindText(kind: IssueMoveKind, output: Output): string {
  const { colors } = output;
  if (kind === 'settled') return colors.green('settled');
  if (kind === 'opened') return colors.yellow('opened');
  return colors.cyan('changed');
}

function sideText(move: IssueMove, which: 'from' | 'to'): string {
  const option = move[which];
  const points = which === 'from' ? move.fromPoints : move.toPoints;
  if (option === null) return 'open';
  return points.length === 0 ? option.label : `${option.label}\n(${points.length === 1 ? 'pt' : 'pts'} ${points.join(', ')})`;
}

/**
 * The old and the new text of every changed point whose wording or provisions changed: the
 * table above says *that* a summary changed, a reader needs to see *how*. Provisions are
 * shown by issue and option label. Points where only the number, sources or assumption
 * changed are named on one line.
 */
function renderChangedTexts(scenario: Scenario, report: DiffReport, output: Output): void {
  const { colors } = output;
  const { diff } = report;
  const from = planOf(scenario, diff.from.id);
  const to = planOf(scenario, diff.to.id);
  const settles = (point: PointSpec) => (point.provisions.length === 0 ? 'settles no issue' : `settles ${point.provisions.map((provision) => choiceText(scenario.domain, provision.issue, provision.option)).join('; ')}`);
  const sameText: string[] = [];
  const label = Math.max(diff.from.id.length, diff.to.id.length) + 1;
  output.out('');
  output.out(colors.bold(`Old and new text of the changed points (${diff.from.id} → ${diff.to.id})`));
  for (const change of diff.changed) {
    const before = from.points.find((point) => point.number === change.from);
    const after = to.points.find((point) => point.number === change.to);
    const wording = change.fields.includes('summary');
    const provisions = change.fields.includes('provisions');
    if (before === undefined || after === undefined || (!wording && !provisions)) {
      sameText.push(change.from === change.to ? `${change.from}` : `${change.from} → ${change.to}`);
      continue;
    }
    output.out('');
    output.out(`  Point ${change.from}${change.from === change.to ? '' : ` → ${change.to}`} (${change.category}): ${change.fields.join(', ')} changed`);
    // Each side's text in a column of its own, under the plan id that says which side it is.
    const side = (id: string, point: PointSpec, style: (text: string) => string) => {
      const lines = wrap(`${point.summary}${provisions ? ` [${settles(point)}]` : ''}`, TEXT_WIDTH - 4 - label - 1);
      lines.forEach((line, index) => output.out(`    ${(index === 0 ? `${id}:` : '').padEnd(label + 1)}${style(line)}`));
    };
    side(diff.from.id, before, colors.red);
    side(diff.to.id, after, colors.green);
  }
  if (sameText.length > 0) {
    output.out('');
    printWrapped(output, 2, `Same wording and provisions, only the number, sources or assumption changed: ${sameText.length === 1 ? 'point' : 'points'} ${sameText.join(', ')}.`);
  }
}
