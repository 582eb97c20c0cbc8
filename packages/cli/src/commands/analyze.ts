import { ParleyError, analyzeParties, minimalRelaxations, planRepairs, type PlanRepair, type Scenario } from '@parley/core';
import { loadGeniusScenario, loadScenario } from '@parley/core/node';
import type { Command } from 'commander';
import { startProgress, type Output, type Progress } from '../output.js';
import { wholeNumberOption } from '../parse-options.js';
import { renderAnalysis } from '../render/analysis-report.js';

/** Options of `parley analyze`. */
export interface AnalyzeOptions {
  readonly json?: boolean;
  readonly genius?: boolean;
  readonly maxSize?: number;
  readonly budget?: number;
}

const positiveInteger = wholeNumberOption(1);

/** Adds `parley analyze` to `program`. */
export function registerAnalyze(program: Command, output: Output): void {
  program
    .command('analyze')
    .description('Find the agreement space, the Pareto frontier, the Nash, Kalai–Smorodinsky and max-welfare points, and the smallest relaxations that would open a deal.')
    .argument('<paths...>', 'a scenario directory; or, with --genius, a GENIUS domain XML followed by its profile XMLs')
    .option('--json', 'print machine-readable JSON')
    .option('--genius', 'read a GENIUS domain and linear-additive profiles instead of a scenario')
    .option('--max-size <n>', 'the most constraints to relax together when looking for relaxations', positiveInteger, 3)
    .option('--budget <steps>', 'stop each search after this many steps (results then say they are bounds)', positiveInteger)
    .addHelpText('after', [
      '',
      'Examples:',
      '  pnpm parley analyze seeds/ukraine-2025',
      '  pnpm parley analyze --genius ../shared/genius-domains/energy/energy_domain.xml \\',
      '      ../shared/genius-domains/energy/energy_consumer.xml ../shared/genius-domains/energy/energy_distributor.xml --json',
    ].join('\n'))
    .action(async (paths: string[], options: AnalyzeOptions) => {
      const scenario = await load(paths, options);
      // Steps: the analysis, the relaxations behind the repairs, then one per plan.
      const progress = startProgress(output, 'Analysing', 1 + (scenario.plans.length === 0 ? 0 : 1 + scenario.plans.length), options.json === true);
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
        output.out(JSON.stringify({
          scenario: { id: scenario.id, title: scenario.title, asOf: scenario.asOf ?? null },
          ...report,
          planRepairs: repairs,
          timing: { analysisMs: elapsedMs, repairsMs: repairsElapsedMs },
        }, null, 2));
        return;
      }
      renderAnalysis(scenario, report, elapsedMs, output, repairs);
    });
}

function analyse(scenario: Scenario, options: AnalyzeOptions, progress: Progress) {
  progress.update(0, 'agreement space, frontier and relaxations');
  // Time the analysis itself, not start-up and loading.
  const started = performance.now();
  const report = analyzeParties(scenario.parties, {
    maxSize: options.maxSize ?? 3,
    ...(options.budget === undefined ? {} : { budget: options.budget }),
  });
  const elapsedMs = performance.now() - started;
  const repairsStarted = performance.now();
  const repairs = planRepairReports(scenario, options, progress);
  const repairsElapsedMs = performance.now() - repairsStarted;
  return { report, elapsedMs, repairs, repairsElapsedMs };
}

async function load(paths: readonly string[], options: AnalyzeOptions): Promise<Scenario> {
  if (options.genius !== true) {
    if (paths.length !== 1) throw new ParleyError('USAGE', `expected one scenario directory, got ${paths.length} paths (use --genius for GENIUS files)`);
    return loadScenario(paths[0]!);
  }
  const [domainFile, ...profileFiles] = paths;
  if (domainFile === undefined || profileFiles.length === 0) throw new ParleyError('USAGE', '--genius needs a domain XML followed by at least one profile XML');
  return (await loadGeniusScenario(domainFile, profileFiles)).scenario;
}

/** For every plan of the scenario, the smallest edits and relaxations that make it acceptable to all. */
export interface PlanRepairReport {
  readonly plan: string;
  readonly title: string;
  readonly repairs: readonly (Omit<PlanRepair, 'relax'> & { readonly relax: readonly { readonly party: string; readonly redLine: string | null; readonly text: string }[] })[];
}

function planRepairReports(scenario: Scenario, options: AnalyzeOptions, progress: Progress): PlanRepairReport[] {
  if (scenario.plans.length === 0) return [];
  const limits = { maxSize: options.maxSize ?? 3, ...(options.budget === undefined ? {} : { budget: options.budget }) };
  progress.update(1, 'relaxations for plan repairs');
  const relaxations = minimalRelaxations(scenario.parties, limits);
  return scenario.plans.map((plan, index) => {
    progress.update(2 + index, `repairs for ${plan.id}`);
    return {
      plan: plan.id,
      title: plan.title,
      repairs: planRepairs(scenario.parties, plan, { ...limits, relaxations }).map((repair) => ({
        ...repair,
        relax: repair.relax.map((line) => ({ party: line.ref.party, redLine: line.ref.kind === 'red-line' ? line.ref.redLine : null, text: line.text })),
      })),
    };
  });
}
