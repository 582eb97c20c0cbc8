import type { IssueMove, PlanDiff } from './diff-plans.js';

/**
 * A plain-text account of a {@link PlanDiff}, in aligned columns with no colour: the issues
 * that moved (with the points responsible), then the points removed, added and changed.
 * For logs, tests and Markdown code blocks; the `parley diff` command draws tables instead.
 *
 * @example
 * ```ts
 * console.log(renderPlanDiff(diffPlans(planOf(scenario, 'us-28'), planOf(scenario, 'e3-counterproposal'))));
 * // us-28 → e3-counterproposal (points matched by basedOn)
 * //
 * // Issues that moved (12)
 * //   changed  Ukraine's NATO membership  Banned in the constitution (pt 7) → Depends on a consensus of NATO members (pt 7)
 * //   …
 * ```
 */
export function renderPlanDiff(diff: PlanDiff): string {
  const lines: string[] = [`${diff.from.id} → ${diff.to.id} (points matched by ${describeMatching(diff)})`];
  lines.push('', diff.issues.length === 0 ? 'No issue moved.' : `Issues that moved (${diff.issues.length})`);
  lines.push(...columns(diff.issues.map((move) => [move.kind, move.label, `${side(move, 'from')} → ${side(move, 'to')}`])));
  const section = (title: string, rows: readonly string[][]) => {
    lines.push('', `${title} (${rows.length})`);
    lines.push(...columns(rows));
  };
  section('Points removed', diff.removed.map((point) => [`pt ${point.number}`, point.category, clip(point.summary)]));
  section('Points added', diff.added.map((point) => [`pt ${point.number}`, point.category, clip(point.summary)]));
  section('Points changed', diff.changed.map((change) => [pointPair(change.from, change.to), change.category, change.fields.join(', ')]));
  if (diff.unchanged.length > 0) lines.push('', `Unchanged: ${diff.unchanged.length === 1 ? 'point' : 'points'} ${diff.unchanged.join(', ')}`);
  return lines.join('\n');
}

/**
 * How the points of a diff were paired, in words, for the line above a diff.
 *
 * @example
 * ```ts
 * describeMatching(diffPlans(planOf(scenario, 'us-28'), planOf(scenario, 'us-ukraine-19')));
 * // 'basedOn: us-ukraine-19 is based on us-28'
 * ```
 */
export function describeMatching(diff: PlanDiff): string {
  switch (diff.matchedBy) {
    case 'basedOn':
      return `basedOn: ${diff.to.id} is based on ${diff.from.id}`;
    case 'basedOn-reversed':
      return `basedOn: ${diff.from.id} is based on ${diff.to.id}`;
    case 'common-base':
      return 'basedOn: both are based on the same plan';
    case 'number':
      return 'number: the plans are not based on one another';
  }
}

/** One side of an issue move: `Option label (pts 3, 7)` or `open`. */
function side(move: IssueMove, which: 'from' | 'to'): string {
  const option = move[which];
  const points = which === 'from' ? move.fromPoints : move.toPoints;
  if (option === null) return 'open';
  return points.length === 0 ? option.label : `${option.label} (${points.length === 1 ? 'pt' : 'pts'} ${points.join(', ')})`;
}

function pointPair(from: number, to: number): string {
  return from === to ? `pt ${to}` : `pt ${from} → ${to}`;
}

function clip(text: string, width = 72): string {
  return text.length <= width ? text : `${text.slice(0, width - 1).trimEnd()}…`;
}

/** Rows of cells as lines, each column padded to its widest cell, indented by two spaces. */
function columns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, [...cell].length)));
  return rows.map((row) => `  ${row.map((cell, index) => (index === row.length - 1 ? cell : cell + ' '.repeat(widths[index]! - [...cell].length))).join('  ')}`.trimEnd());
}
