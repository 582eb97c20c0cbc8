import {
  DEFAULT_BUDGET,
  ParleyError,
  analysisPartLabels,
  analyzeParties,
  findPlanRepairs,
  findRelaxations,
  type AnalysisReport,
  type PlanRepair,
  type RelaxationSearch,
  type Scenario,
  type SearchReport,
} from '@parley/core';
import { loadGeniusScenario, type AppliedOverride } from '@parley/core/node';
import type { Command } from 'commander';
import { startProgress, type Output, type Progress } from '../output.js';
import { positiveNumberOption, wholeNumberOption } from '../parse-options.js';
import { renderAnalysis } from '../render/analysis-report.js';
import { addOverrideOptions, loadScenarioFor, refuseOverrides, withOverrides, type OverrideOptions } from '../scenario-overrides.js';

/** Options of `parley analyze`. */
export interface AnalyzeOptions extends OverrideOptions {
  readonly json?: boolean;
  readonly genius?: boolean;
  readonly maxSize?: number;
  /** Work units each analysis may spend (default `DEFAULT_BUDGET`). */
  readonly budget?: number;
  /** Seconds the whole command may take (default {@link DEFAULT_TIME_LIMIT_S}). */
  readonly timeLimit?: number;
}

/**
 * The time limit of `parley analyze` when none is given, in seconds: a backstop for the whole
 * command. The work budget is what normally stops a search (deterministically); this only
 * bites on a slow machine or a scenario with many plans and relaxations.
 */
export const DEFAULT_TIME_LIMIT_S = 60;

const positiveInteger = wholeNumberOption(1);

/** Adds `parley analyze` to `program`. */
export function registerAnalyze(program: Command, output: Output): void {
  const command = program
    .command('analyze')
    .description('Find the agreement space, the Pareto frontier, the Nash, Kalai–Smorodinsky and max-welfare points, and the smallest relaxations that would open a deal.')
    .argument('<paths...>', 'a scenario directory; or, with --genius, a GENIUS domain XML followed by its profile XMLs')
    .option('--json', 'print machine-readable JSON')
    .option('--genius', 'read a GENIUS domain and linear-additive profiles instead of a scenario')
    .option('--max-size <n>', 'the most constraints to relax together when looking for relaxations', positiveInteger, 3)
    .option('--budget <n>', 'work units (search nodes visited, candidates merged) each analysis may spend; one cut short says so and what still holds', positiveInteger, DEFAULT_BUDGET)
    .option('--time-limit <seconds>', 'the most time the whole command may take; analyses still running then stop and say so', positiveNumberOption, DEFAULT_TIME_LIMIT_S)
    .addHelpText('after', [
      '',
      'Each analysis (the agreement count, the frontier, each bargaining point, the relaxations,',
      'each plan\'s repairs) stops at its work budget; the result then says it was cut short and',
      'what it still guarantees ("at least N outcomes are acceptable"). The budget is counted,',
      'not timed, so the same input gives the same result on any machine; the time limit is a',
      'backstop that makes the result depend on the machine only when it is reached.',
      '',
      'Examples:',
      '  pnpm parley analyze seeds/ukraine-2025',
      '  pnpm parley analyze seeds/ukraine-2025 --budget 20000000 --time-limit 600   # dig deeper',
      '  pnpm parley analyze my-scenario --budget 100000 --json                      # a quick look',
      '  pnpm parley analyze --genius ../shared/genius-domains/energy/energy_domain.xml \\',
      '      ../shared/genius-domains/energy/energy_consumer.xml ../shared/genius-domains/energy/energy_distributor.xml --json',
      '  pnpm parley analyze seeds/ukraine-2025 --drop russia/recognition-of-annexed-regions --drop ukraine/no-recognition',
    ].join('\n'));
  addOverrideOptions(command)
    .action(async (paths: string[], options: AnalyzeOptions) => {
      const { scenario, applied } = await load(paths, options, output);
      const progress = startProgress(output, 'Analysing', stepCount(scenario), options.json === true);
      let analysis: ReturnType<typeof analyse>;
      try {
        analysis = analyse(scenario, options, progress);
      } finally {
        progress.stop();
      }
      const { report, elapsedMs, repairs, repairsElapsedMs } = analysis;
      if (options.json === true) {
        // The timings are the one part that varies from run to run: kept apart under
        // `timing`, so that comparing two outputs byte for byte can leave that key out.
        output.out(JSON.stringify(withOverrides({
          scenario: { id: scenario.id, title: scenario.title, asOf: scenario.asOf ?? null },
          ...report,
          planRepairs: repairs,
          timing: { analysisMs: elapsedMs, repairsMs: repairsElapsedMs },
        }, applied), null, 2));
        return;
      }
      renderAnalysis(scenario, report, elapsedMs, output, repairs);
    });
}

/**
 * The steps the progress display counts: the relaxations, the five analyses of the report,
 * then one per plan. Each is a search of its own budget, so they take comparable time at most.
 */
function stepCount(scenario: Scenario): number {
  return 6 + scenario.plans.length;
}

/**
 * The limits every core call gets: the budget, and what is left of the command's time limit,
 * measured on `performance.now` (the library reads no clock itself: see search-budget.ts).
 * `onWork` moves the progress display's detail while a search runs.
 */
function limitsFor(options: AnalyzeOptions, deadline: number, onWork: (spent: number, budget: number) => void) {
  const clock = () => performance.now();
  return {
    maxSize: options.maxSize ?? 3,
    budget: options.budget ?? DEFAULT_BUDGET,
    // At least 1 ms: a call started after the deadline still stops at its first check, and says why.
    timeLimitMs: Math.max(1, deadline - clock()),
    clock,
    onWork,
  };
}

/**
 * Reports each step as it starts (`done` of the total), and while it runs, how much of its
 * work budget it has spent, in steps of 5 %: a few redraws a second at most, and the bar
 * never looks stuck on a search that takes seconds.
 */
function stepReporter(progress: Progress) {
  let done = 0;
  let label = '';
  let shownPercent = -1;
  return {
    start(step: number, what: string) {
      done = step;
      label = what;
      shownPercent = -1;
      progress.update(done, label);
    },
    work(spent: number, budget: number) {
      if (budget === Infinity) return;
      const percent = Math.min(100, Math.floor((spent / budget) * 20) * 5);
      if (percent === shownPercent || percent === 0) return;
      shownPercent = percent;
      progress.update(done, `${label} · ${percent}% of its work budget`);
    },
  };
}

function analyse(scenario: Scenario, options: AnalyzeOptions, progress: Progress) {
  // Time the analysis itself, not start-up and loading.
  const started = performance.now();
  const deadline = started + (options.timeLimit ?? DEFAULT_TIME_LIMIT_S) * 1000;
  const steps = stepReporter(progress);
  const limits = () => limitsFor(options, deadline, steps.work);
  steps.start(0, analysisPartLabels.relaxations);
  // Found once: the report lists them when no agreement exists, and the plan repairs use them.
  const relaxations = findRelaxations(scenario.parties, limits());
  const analysed = analyzeParties(scenario.parties, {
    ...limits(),
    relaxations,
    onPart: (part, index) => {
      if (part !== 'relaxations') steps.start(1 + index, analysisPartLabels[part]);
    },
  });
  // The limits as given on the command line (not the time left when each call started), so
  // that two runs with the same options print the same JSON.
  const report: AnalysisReport = {
    ...analysed,
    limits: { budget: options.budget ?? DEFAULT_BUDGET, timeLimitMs: (options.timeLimit ?? DEFAULT_TIME_LIMIT_S) * 1000 },
  };
  const elapsedMs = performance.now() - started;
  const repairsStarted = performance.now();
  const repairs = planRepairReports(scenario, relaxations, () => limits(), steps);
  const repairsElapsedMs = performance.now() - repairsStarted;
  return { report, elapsedMs, repairs, repairsElapsedMs };
}

async function load(paths: readonly string[], options: AnalyzeOptions, output: Output): Promise<{ scenario: Scenario; applied: AppliedOverride[] }> {
  if (options.genius !== true) {
    if (paths.length !== 1) throw new ParleyError('USAGE', `expected one scenario directory, got ${paths.length} paths (use --genius for GENIUS files)`);
    return loadScenarioFor(paths[0]!, options, output);
  }
  refuseOverrides(options, '--genius');
  const [domainFile, ...profileFiles] = paths;
  if (domainFile === undefined || profileFiles.length === 0) throw new ParleyError('USAGE', '--genius needs a domain XML followed by at least one profile XML');
  return { scenario: (await loadGeniusScenario(domainFile, profileFiles)).scenario, applied: [] };
}

/**
 * For every plan of the scenario, the smallest edits and relaxations that make it acceptable
 * to all, and whether the search for them finished (`exact`, `stoppedBy`, `work`, `guarantee`:
 * a repair listed always works, but when cut short one with fewer edits may exist).
 */
export interface PlanRepairReport extends SearchReport {
  readonly plan: string;
  readonly title: string;
  readonly repairs: readonly (Omit<PlanRepair, 'relax'> & { readonly relax: readonly { readonly party: string; readonly redLine: string | null; readonly text: string }[] })[];
}

function planRepairReports(
  scenario: Scenario,
  relaxations: RelaxationSearch,
  limits: () => ReturnType<typeof limitsFor>,
  steps: ReturnType<typeof stepReporter>,
): PlanRepairReport[] {
  return scenario.plans.map((plan, index) => {
    steps.start(6 + index, `repairs for ${plan.id}`);
    // The whole relaxation search, so that repairs under relaxations it did not get to say so.
    const search = findPlanRepairs(scenario.parties, plan, { ...limits(), relaxations });
    return {
      plan: plan.id,
      title: plan.title,
      exact: search.exact,
      stoppedBy: search.stoppedBy,
      work: search.work,
      guarantee: search.guarantee,
      repairs: search.repairs.map((repair) => ({
        ...repair,
        relax: repair.relax.map((line) => ({ party: line.ref.party, redLine: line.ref.kind === 'red-line' ? line.ref.redLine : null, text: line.text })),
      })),
    };
  });
}
