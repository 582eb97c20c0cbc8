import { ParleyError, runScenario, type Scenario } from '@parley/core';
import { loadScenario, loadTalks } from '@parley/core/node';
import type { Command } from 'commander';
import { checkOutputFile, writeOutputFile } from '../output-file.js';
import { startProgress, type Output } from '../output.js';
import { wholeNumberOption } from '../parse-options.js';
import { buildReportData, type ReportData } from '../render/report-data.js';

/** Options of `parley report`. */
export interface ReportOptions {
  readonly out?: string;
  readonly json?: boolean;
  readonly seed?: number;
  /** Two party ids for the utility space, e.g. `russia,ukraine`. */
  readonly parties?: string;
}

/**
 * The data and the HTML of a scenario's report, from its directory: the talks are replayed
 * with `seed`, and the utility space is drawn for `parties` (default the first two).
 *
 * @example
 * ```ts
 * const { html } = await scenarioReport('seeds/ukraine-2025', { seed: 1 });
 * ```
 */
export async function scenarioReport(
  dir: string,
  options: { readonly seed?: number; readonly parties?: readonly string[]; readonly onStep?: (done: number, step: string) => void } = {},
): Promise<{ scenario: Scenario; data: ReportData; html: string }> {
  const step = options.onStep ?? (() => {});
  step(0, 'loading the scenario');
  const scenario = await loadScenario(dir);
  const talks = await loadTalks(dir, scenario);
  const seed = options.seed ?? 1;
  step(1, 'replaying the talks');
  const transcript = runScenario(scenario, talks, { seed });
  step(2, 'analysing the utility space');
  const data = buildReportData(scenario, transcript, { seed, ...(options.parties === undefined ? {} : { parties: options.parties }) });
  step(3, 'drawing the charts');
  // Loaded here, not with the program: Vega and Vega-Lite take a few tenths of a second to
  // load, which every other command (and `--help`) would otherwise wait for.
  const { renderReportHtml } = await import('../render/report-html.js');
  const html = await renderReportHtml(data);
  step(4, 'done');
  return { scenario, data, html };
}

/** Adds `parley report <scenario-dir> --out report.html` to `program`. */
export function registerReport(program: Command, output: Output): void {
  program
    .command('report')
    .description('Write a self-contained HTML report: the acceptability heatmap, the utility timeline of the talks, the two-party utility space, the version diffs and the smallest relaxations.')
    .argument('<scenario-dir>', 'a scenario directory with scenario.yaml and talks.yaml')
    .option('--out <file>', 'the HTML file to write (required unless --json)')
    .option('--json', 'print the report\'s data as JSON instead of writing HTML')
    .option('--seed <n>', 'seed of the talks replay and of the utility-space sample', wholeNumberOption(0), 1)
    .option('--parties <a,b>', 'the two parties of the utility space (default the first two)')
    .addHelpText('after', '\nExamples:\n  pnpm parley report seeds/ukraine-2025 --out report.html\n  pnpm parley report seeds/ukraine-2025 --out report.html --seed 7 --parties russia,united-states\n  pnpm parley report seeds/ukraine-2025 --json > report-data.json')
    .action(async (dir: string, options: ReportOptions) => {
      const parties = options.parties?.split(',').map((id) => id.trim()).filter((id) => id !== '');
      if (options.json !== true && options.out === undefined) throw new ParleyError('USAGE', 'say where to write the report with --out report.html, or print its data with --json');
      // Before the work, so that a path that cannot be written fails now, not after it.
      if (options.json !== true) await checkOutputFile('--out', options.out!);
      // Writing a report takes a few seconds: show the steps on a terminal.
      const progress = startProgress(output, 'Reporting', 4, options.json === true);
      let report: Awaited<ReturnType<typeof scenarioReport>>;
      try {
        report = await scenarioReport(dir, { seed: options.seed ?? 1, ...(parties === undefined ? {} : { parties }), onStep: (done, step) => progress.update(done, step) });
      } finally {
        progress.stop();
      }
      const { data, html } = report;
      if (options.json === true) {
        output.out(JSON.stringify(data, null, 2));
        return;
      }
      const file = await writeOutputFile('--out', options.out!, html);
      output.out(`Wrote ${file} (${Math.round(Buffer.byteLength(html) / 1024)} KiB)`);
    });
}
