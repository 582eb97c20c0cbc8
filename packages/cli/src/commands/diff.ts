import { diffPlans, planOf, type PlanDiff, type Revision, type Scenario } from '@parley/core';
import { loadScenario } from '@parley/core/node';
import type { Command } from 'commander';
import type { Output } from '../output.js';
import { renderPlanDiffTables } from '../render/plan-diff-table.js';

/** Options of `parley diff`. */
export interface DiffOptions {
  readonly json?: boolean;
}

/** What `parley diff` reports: the diff, and the revision that links the two plans when there is one. */
export interface DiffReport {
  readonly scenario: { readonly id: string; readonly title: string };
  /** The revision whose base is the first plan and whose result is the second (or the reverse), without its patches. */
  readonly revision: Omit<Revision, 'patches' | 'inversePatches'> | null;
  readonly diff: PlanDiff;
}

/**
 * Compares two plan versions of a scenario: the data behind `parley diff`. Throws a
 * `ParleyError` (`UNKNOWN_PLAN`) with the likely intended id when a plan id is unknown.
 *
 * @example
 * ```ts
 * const { diff } = planDiffReport(scenario, 'us-28', 'us-ukraine-19');
 * diff.removed.length; // 9
 * ```
 */
export function planDiffReport(scenario: Scenario, fromId: string, toId: string): DiffReport {
  const from = planOf(scenario, fromId);
  const to = planOf(scenario, toId);
  const linking = scenario.revisions.find((revision) => (revision.base === from.id && revision.result === to.id) || (revision.base === to.id && revision.result === from.id));
  let revision: DiffReport['revision'] = null;
  if (linking !== undefined) {
    const { patches: _patches, inversePatches: _inverse, ...meta } = linking;
    revision = meta;
  }
  return { scenario: { id: scenario.id, title: scenario.title }, revision, diff: diffPlans(from, to) };
}

/** Adds `parley diff <scenario-dir> <planA> <planB>` to `program`. */
export function registerDiff(program: Command, output: Output): void {
  program
    .command('diff')
    .description('Compare two plan versions: the issues that were settled, opened or changed, and the points removed, added and changed.')
    .argument('<scenario-dir>', 'a scenario directory (with scenario.yaml) or scenario file')
    .argument('<planA>', 'the id of the earlier plan version, e.g. us-28')
    .argument('<planB>', 'the id of the later plan version, e.g. us-ukraine-19')
    .option('--json', 'print machine-readable JSON instead of tables')
    .addHelpText('after', [
      '',
      'Examples:',
      '  pnpm parley diff seeds/ukraine-2025 us-28 us-ukraine-19',
      '  pnpm parley diff seeds/ukraine-2025 us-28 e3-counterproposal --json > diff.json',
      '',
      'Points are paired by basedOn when one plan is based on the other (or both on the same',
      'plan), and by number otherwise.',
    ].join('\n'))
    .action(async (dir: string, planA: string, planB: string, options: DiffOptions) => {
      const scenario = await loadScenario(dir);
      const report = planDiffReport(scenario, planA, planB);
      if (options.json === true) {
        output.out(JSON.stringify(report, null, 2));
        return;
      }
      renderPlanDiffTables(scenario, report, output);
    });
}
