import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ParleyError, runScenario, type Scenario, type TournamentResult } from '@parley/core';
import { loadScenarioWithOverrides, loadTalks, type AppliedOverride, type ScenarioOverride } from '@parley/core/node';
import type { Command } from 'commander';
import { checkOutputFile, writeOutputFile } from '../output-file.js';
import { startProgress, type Output } from '../output.js';
import { wholeNumberOption } from '../parse-options.js';
import { buildReportData, type ReportData } from '../render/report-data.js';
import { addOverrideOptions, overridesLine, overridesOf, sayOverrides, withOverrides, type OverrideOptions } from '../scenario-overrides.js';

/** Options of `parley report`. */
export interface ReportOptions extends OverrideOptions {
  readonly out?: string;
  readonly json?: boolean;
  readonly seed?: number;
  /** Two party ids for the utility space, e.g. `russia,ukraine`. */
  readonly parties?: string;
  /** A tournament's results (`parley tournament --out results.json`) to report instead of a scenario. */
  readonly tournament?: string;
}

/**
 * The data and the HTML of a scenario's report, from its directory: the talks are replayed
 * with `seed`, and the utility space is drawn for `parties` (default the first two). A
 * scenario without `talks.yaml` still gets its report, with the talks left out: the data's
 * `timeline` is null, and the HTML says the section is left out because there is no
 * `talks.yaml`. A `talks.yaml` that is there but invalid is still an error. `overrides`
 * (the command line's `--set` and `--drop`) change the scenario as it is read; `applied`
 * says what they changed, and the HTML says so under its title.
 *
 * @example
 * ```ts
 * const { html } = await scenarioReport('seeds/ukraine-2025', { seed: 1 });
 * ```
 */
export async function scenarioReport(
  dir: string,
  options: {
    readonly seed?: number;
    readonly parties?: readonly string[];
    readonly overrides?: readonly ScenarioOverride[];
    readonly onStep?: (done: number, step: string) => void;
  } = {},
): Promise<{ scenario: Scenario; data: ReportData; html: string; applied: AppliedOverride[] }> {
  const step = options.onStep ?? (() => {});
  step(0, 'loading the scenario');
  const { scenario, applied } = await loadScenarioWithOverrides(dir, options.overrides ?? []);
  const directory = await scenarioDirectory(dir);
  const seed = options.seed ?? 1;
  const hasTalks = await exists(join(directory, TALKS_FILE));
  step(1, hasTalks ? 'replaying the talks' : `no ${TALKS_FILE}: leaving the talks out`);
  const transcript = hasTalks ? runScenario(scenario, await loadTalks(directory, scenario, TALKS_FILE), { seed }) : null;
  step(2, 'analysing the utility space');
  const data = buildReportData(scenario, transcript, {
    seed,
    ...(options.parties === undefined ? {} : { parties: options.parties }),
    ...(transcript === null ? { talksLeftOut: `there is no ${TALKS_FILE} beside the scenario file, so there are no talks to replay; add one (docs/talks.md) to chart them` } : {}),
  });
  step(3, 'drawing the charts');
  // Loaded here, not with the program: Vega and Vega-Lite take a few tenths of a second to
  // load, which every other command (and `--help`) would otherwise wait for.
  const { renderReportHtml } = await import('../render/report-html.js');
  // The report's header says what was overridden, in a paragraph of its own.
  const line = overridesLine(applied);
  const html = await renderReportHtml(line === undefined ? data : { ...data, overrides: line });
  step(4, 'done');
  return { scenario, data, html, applied };
}

/** The file of a scenario's talks, read from the scenario's directory when it is there. */
const TALKS_FILE = 'talks.yaml';

/** The scenario's directory: `path` itself, or the directory of the scenario file it names (as `loadScenario` takes either). */
async function scenarioDirectory(path: string): Promise<string> {
  return (await stat(path)).isDirectory() ? path : dirname(path);
}

/**
 * Whether anything is at `path`. Only "nothing there" means no talks: anything else (a file
 * that cannot be read, a directory of that name) is left to `loadTalks`, which reports it
 * with the file's name.
 */
async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** Adds `parley report <scenario-dir> --out report.html` to `program`. */
export function registerReport(program: Command, output: Output): void {
  const command = program
    .command('report')
    .description('Write a self-contained HTML report: the acceptability heatmap, the utility timeline of the talks, the two-party utility space, the version diffs and the smallest relaxations.')
    .argument('[scenario-dir]', 'a scenario directory with scenario.yaml; without a talks.yaml the report leaves the talks out')
    .option('--tournament <results.json>', 'report a tournament\'s results (written by parley tournament --out) instead of a scenario')
    .option('--out <file>', 'the HTML file to write (required unless --json)')
    .option('--json', 'print the report\'s data as JSON instead of writing HTML')
    .option('--seed <n>', 'seed of the talks replay and of the utility-space sample', wholeNumberOption(0), 1)
    .option('--parties <a,b>', 'the two parties of the utility space (default the first two)')
    .addHelpText('after', '\nExamples:\n  pnpm parley report seeds/ukraine-2025 --out report.html\n  pnpm parley report seeds/ukraine-2025 --out report.html --seed 7 --parties russia,united-states\n  pnpm parley report seeds/ukraine-2025 --json > report-data.json\n  pnpm parley report seeds/ukraine-2025 --out report-no-recognition.html --drop russia/recognition-of-annexed-regions\n  pnpm parley report --tournament results.json --out tournament.html');
  addOverrideOptions(command)
    .action(async (dir: string | undefined, options: ReportOptions) => {
      if (options.tournament !== undefined) {
        await tournamentReport(options, output, dir);
        return;
      }
      if (dir === undefined) throw new ParleyError('USAGE', 'say which scenario to report, e.g. pnpm parley report seeds/ukraine-2025 --out report.html, or give --tournament results.json');
      const parties = options.parties?.split(',').map((id) => id.trim()).filter((id) => id !== '');
      if (options.json !== true && options.out === undefined) throw new ParleyError('USAGE', 'say where to write the report with --out report.html, or print its data with --json');
      // Before the work, so that a path that cannot be written fails now, not after it.
      if (options.json !== true) await checkOutputFile('--out', options.out!);
      // Writing a report takes a few seconds: show the steps on a terminal.
      const progress = startProgress(output, 'Reporting', 4, options.json === true);
      let report: Awaited<ReturnType<typeof scenarioReport>>;
      try {
        report = await scenarioReport(dir, { seed: options.seed ?? 1, ...(parties === undefined ? {} : { parties }), overrides: overridesOf(options), onStep: (done, step) => progress.update(done, step) });
      } finally {
        progress.stop();
      }
      const { data, html, applied } = report;
      sayOverrides(output, applied);
      if (options.json === true) {
        output.out(JSON.stringify(withOverrides(data, applied), null, 2));
        return;
      }
      const file = await writeOutputFile('--out', options.out!, html);
      output.out(`Wrote ${file} (${Math.round(Buffer.byteLength(html) / 1024)} KiB)`);
    });
}

/** `parley report --tournament results.json --out F`: the tournament's HTML page (or its results as JSON). */
async function tournamentReport(options: ReportOptions, output: Output, dir: string | undefined): Promise<void> {
  if (dir !== undefined) throw new ParleyError('USAGE', `--tournament reports a tournament, not a scenario: leave out ${dir}`);
  if (options.json !== true && options.out === undefined) throw new ParleyError('USAGE', 'say where to write the report with --out tournament.html');
  if (options.json !== true) await checkOutputFile('--out', options.out!);
  const file = options.tournament!;
  let result: TournamentResult;
  try {
    result = JSON.parse(await readFile(file, 'utf8')) as TournamentResult;
  } catch {
    throw new ParleyError('INVALID_SHARD_FILE', `${file}: not a tournament's results; write them with pnpm parley tournament <config.yaml> --out ${file}`);
  }
  if (typeof result !== 'object' || result === null || !Array.isArray(result.rows) || typeof result.meta?.fingerprint !== 'string' || !Array.isArray(result.summary?.ranking)) {
    throw new ParleyError('INVALID_SHARD_FILE', `${file}: not a tournament's results (no meta, rows and summary); write them with pnpm parley tournament <config.yaml> --out ${file}`);
  }
  if (options.json === true) {
    output.out(JSON.stringify(result, null, 2));
    return;
  }
  const { renderTournamentHtml } = await import('../render/tournament-report.js');
  const html = await renderTournamentHtml(result);
  const written = await writeOutputFile('--out', options.out!, html);
  output.out(`Wrote ${written} (${Math.round(Buffer.byteLength(html) / 1024)} KiB)`);
}
