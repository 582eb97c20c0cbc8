import { access } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { assumptionsOf, basePartiesOf, ParleyError, parseShardSpec, shardRange, validatePerturbation, type ExploreResult, type PerturbationSpec, type Scenario, type ShardSpec, type TalksSpec } from '@parley/core';
import { exploreInParallel, exploreShard, loadPerturbation, loadScenarioWithOverrides, loadTalks, mergeShardFiles, type AppliedOverride, type ScenarioOverride } from '@parley/core/node';
import type { Command } from 'commander';
import { checkOutputFile, writeOutputFile } from '../output-file.js';
import { formatDuration, startProgress, type Output } from '../output.js';
import { wholeNumberOption } from '../parse-options.js';
import { renderExploration } from '../render/exploration-summary.js';
import { addOverrideOptions, droppedRedLines, overridesOf, sayOverrides, withOverrides, type OverrideOptions } from '../scenario-overrides.js';

/** Options of `parley explore <scenario-dir>`. */
export interface ExploreCommandOptions extends OverrideOptions {
  readonly runs?: number;
  readonly seed?: number;
  readonly workers?: number;
  /** `k/n`: make only shard k of n and write it to `out`. */
  readonly shard?: string;
  readonly out?: string;
  readonly rounds?: number;
  /** False with `--no-sensitivity`. */
  readonly sensitivity?: boolean;
  readonly json?: boolean;
  /** An exploration file to use instead of the scenario's explore.yaml. */
  readonly perturb?: string;
  /** Go ahead with an exploration past {@link MAX_RUNS_UNASKED} runs or {@link MAX_MS_UNASKED}. */
  readonly yes?: boolean;
}

/** Options of `parley explore merge <files...>`. */
export interface ExploreMergeOptions {
  readonly json?: boolean;
}

/** How many runs an exploration makes when neither `--runs` nor the scenario's explore.yaml says. */
const DEFAULT_RUNS = 1000;

/**
 * The most runs one `parley explore` makes without `--yes`. A few thousand runs already pin
 * every probability to about ±1–3 %; ten million take hours on a laptop, so more than that is
 * far more likely a slip (`--runs 1e9`) than a plan.
 */
export const MAX_RUNS_UNASKED = 10_000_000;

/** The longest an exploration may look like taking, by its speed so far, without `--yes`. */
export const MAX_MS_UNASKED = 10 * 60 * 1000;

/**
 * How long the runs are watched before their speed is trusted for an estimate: long enough
 * for the first chunks on worker threads to report and the JIT to warm up.
 */
const ESTIMATE_AFTER_MS = 2000;

/** What to do instead of a huge exploration; ends every refusal. */
const INSTEAD = 'add --yes to run it anyway, make fewer runs (10000 runs already pin every probability to about ±1 %), or split the runs over machines with --shard k/n --out FILE';

/**
 * The threads an exploration of `runs` runs is made on when `requested` are asked for (none:
 * one per core), and a note when fewer are used than asked: never more than there are runs
 * (a thread with no run only costs its start-up), nor than the machine's cores (threads beyond
 * them share the cores, each with its own start-up and heap: `--workers 1000 --runs 50` took
 * 53 s and 2.1 GB). 1 means the main thread.
 *
 * @example
 * ```ts
 * workerThreads(50, 1000, 8); // { threads: 8, note: 'Note: using 8 worker threads, not 1000: …' }
 * ```
 */
export function workerThreads(runs: number, requested: number | undefined, cores: number = availableParallelism()): { threads: number; note?: string } {
  const threads = Math.max(1, Math.min(requested ?? cores, runs, cores));
  if (requested === undefined || threads >= requested) return { threads };
  const using = threads === 1 ? 'the main thread' : `${threads} worker threads`;
  const why = runs <= cores
    ? `there ${runs === 1 ? 'is 1 run' : `are ${runs} runs`} to make, and a thread with no run only costs its start-up`
    : `this machine has ${cores} CPU cores available, and threads beyond them only add start-up time and memory`;
  return { threads, note: `Note: using ${using}, not --workers ${requested}: ${why}.` };
}

/** What `parley explore` explores: the scenario, its talks if it has any, its perturbation and run count. */
interface Exploration {
  readonly scenario: Scenario;
  readonly talks: TalksSpec | undefined;
  readonly perturb: PerturbationSpec;
  readonly runs: number;
  /** What the overrides changed (none without `--set` or `--drop`). */
  readonly applied: AppliedOverride[];
}

/**
 * Reads what `parley explore` explores from a scenario directory: the scenario; its
 * talks.yaml when there is one (the talks are then simulated in every run); the uncertain
 * assumptions and default run count from explore.yaml (none uncertain without it); and the
 * number of runs (`runs`, else explore.yaml's, else 1000). `note` is told when nothing is
 * uncertain. `perturbFile` replaces explore.yaml with another exploration file.
 * `overrides` (`--set`, `--drop`) change the scenario as it is read; the exploration file's
 * probabilities of the red lines they drop are left out.
 *
 * @example
 * ```ts
 * const { scenario, talks, perturb, runs } = await loadExploration('seeds/ukraine-2025', undefined, console.error);
 * ```
 */
export async function loadExploration(
  dir: string,
  runs: number | undefined,
  note: (text: string) => void,
  perturbFile?: string,
  overrides: readonly ScenarioOverride[] = [],
): Promise<Exploration> {
  const { scenario, applied } = await loadScenarioWithOverrides(dir, overrides);
  const dropped = { droppedRedLines: droppedRedLines(applied) };
  const talks = (await exists(join(dir, 'talks.yaml'))) ? await loadTalks(dir, scenario) : undefined;
  const parties = basePartiesOf(scenario, talks?.setup.strategies);
  if (perturbFile !== undefined) {
    const chosen = await loadPerturbation(dirname(resolve(perturbFile)), parties, basename(perturbFile), dropped);
    if (chosen === null) throw new ParleyError('USAGE', `--perturb ${perturbFile}: no such file; give an exploration file (YAML or JSON with \`perturb:\`), e.g. ${join(dir, 'explore.yaml')}`);
    return { scenario, talks, perturb: chosen.perturb, runs: runs ?? chosen.runs ?? DEFAULT_RUNS, applied };
  }
  const file = await loadPerturbation(dir, parties, undefined, dropped);
  if (file === null) {
    note(
      `Note: ${join(dir, 'explore.yaml')} does not exist, so nothing is uncertain: one run of the scenario as written is the whole answer (with --rounds, runs differ only in the order the parties are seen). ` +
        'Say what is uncertain (weights, values, reservation, redLines, strategies) under `perturb:` in explore.yaml.',
    );
  }
  return { scenario, talks, perturb: file?.perturb ?? {}, runs: runs ?? file?.runs ?? DEFAULT_RUNS, applied };
}

/**
 * Adds `parley explore <scenario-dir>` (Monte Carlo over the scenario's uncertain
 * assumptions, on worker threads, optionally one shard of it) and `parley explore merge
 * <files...>` (the result of shard files) to `program`.
 *
 * @example
 * ```ts
 * const program = new Command('parley');
 * registerExplore(program, processOutput());
 * await program.parseAsync(['node', 'parley', 'explore', 'seeds/ukraine-2025', '--runs', '200']);
 * ```
 */
export function registerExplore(program: Command, output: Output): void {
  const explore = program
    .command('explore')
    .description('Monte Carlo over the scenario\'s uncertain assumptions (explore.yaml): the probability that each party accepts each plan version, how the talks end, and which assumptions the verdict depends on most.')
    .usage('[options] <scenario-dir>\n       parley explore merge [options] <files...>')
    .argument('<scenario-dir>', 'a scenario directory; its explore.yaml says what is uncertain, its talks.yaml (if any) is simulated in every run')
    .option('--runs <n>', 'how many runs (default: explore.yaml\'s runs, else 1000)', wholeNumberOption(1))
    .option('--seed <n>', 'seed of every draw (same seed, same result, however the runs are split)', wholeNumberOption(0), 1)
    .option('--workers <n>', 'worker threads to run on (default: one per available CPU; never more than the CPUs or the runs; 1 runs on the main thread)', wholeNumberOption(1))
    .option('--shard <k/n>', 'make only shard k of n of the runs and write it to --out; merge the shards with `parley explore merge`')
    .option('--out <file>', 'with --shard, the shard file to write (required); without, also write the result as JSON there')
    .option('--perturb <file>', 'an exploration file (like explore.yaml) to use instead of the scenario\'s explore.yaml')
    .option('--rounds <n>', 'free rounds of talks to simulate after the timeline in every run', wholeNumberOption(0), 0)
    .option('--no-sensitivity', 'skip ranking the assumptions by how often each alone flips the verdict (much faster)')
    .option('--json', 'print the result as JSON')
    .option('-y, --yes', `go ahead with an exploration of more than ${MAX_RUNS_UNASKED.toLocaleString('en-US')} runs, or one that looks like taking more than ${MAX_MS_UNASKED / 60_000} minutes (without it such an exploration is refused)`)
    // Options after `merge` belong to merge.
    .enablePositionalOptions()
    .addHelpText('after', [
      '',
      '`parley explore merge <files...>` merges shard files; to explore a scenario directory named "merge", write ./merge.',
      '',
      'Examples:',
      '  pnpm parley explore seeds/ukraine-2025',
      '  pnpm parley explore seeds/ukraine-2025 --runs 5000 --seed 7 --workers 4',
      '  pnpm parley explore seeds/ukraine-2025 --perturb seeds/ukraine-2025/explore-wide.yaml',
      '  pnpm parley explore seeds/ukraine-2025 --json > exploration.json',
      '  pnpm parley explore seeds/ukraine-2025 --runs 20000 --shard 1/4 --out shards/1.json   # one machine of four',
      '  pnpm parley explore merge shards/1.json shards/2.json shards/3.json shards/4.json',
      '  pnpm parley explore seeds/ukraine-2025 --runs 500 --drop russia/recognition-of-annexed-regions',
    ].join('\n'));
  addOverrideOptions(explore)
    .action(async (dir: string, options: ExploreCommandOptions) => {
      const shard = options.shard === undefined ? undefined : parseShardSpec(options.shard);
      if (shard !== undefined && options.out === undefined) {
        throw new ParleyError('USAGE', `--shard ${options.shard} needs --out FILE: say where to write the shard file, e.g. --out shard-${shard.index}-of-${shard.count}.json`);
      }
      const loaded = await loadExploration(dir, options.runs, output.err, options.perturb, overridesOf(options));
      const { scenario, talks, perturb, applied } = loaded;
      sayOverrides(output, applied);
      const rounds = options.rounds ?? 0;
      // With nothing uncertain and no free rounds (whose order is drawn), every run is the
      // scenario as written: one run is the whole answer, not N copies with intervals.
      const base = basePartiesOf(scenario, talks?.setup.strategies);
      const certain = shard === undefined && rounds === 0 && assumptionsOf(base, validatePerturbation(perturb, base)).length === 0;
      // Without explore.yaml, loadExploration has said so already.
      const hasFile = options.perturb !== undefined || (await exists(join(dir, 'explore.yaml')));
      if (certain && hasFile) output.err(`Note: the exploration file perturbs nothing, so one run of the scenario as written is the whole answer${loaded.runs > 1 ? ` (not ${loaded.runs})` : ''}.`);
      const runs = certain ? 1 : loaded.runs;
      if (rounds > 0 && talks === undefined) {
        throw new ParleyError('USAGE', `--rounds ${rounds} continues the scenario's talks, but ${dir} has no talks.yaml`);
      }
      // The runs made here: a shard's, or all of them.
      const total = shard === undefined ? runs : runSpan(shardRange(runs, shard.index, shard.count));
      const askedFor = options.runs === undefined ? `the exploration file's runs: ${runs}` : `--runs ${runs}`;
      if (total > MAX_RUNS_UNASKED && options.yes !== true) {
        const here = shard === undefined ? '' : ` in shard ${shard.index}/${shard.count}`;
        throw new ParleyError('USAGE', `${askedFor} makes ${total.toLocaleString('en-US')} runs${here}, more than the ${MAX_RUNS_UNASKED.toLocaleString('en-US')} explored without asking (it would take hours or days); ${INSTEAD}`);
      }
      // Before the work, so that a path that cannot be written fails now, not after it.
      if (options.out !== undefined) await checkOutputFile('--out', options.out);
      const { threads, note } = workerThreads(total, options.workers);
      if (note !== undefined) output.err(note);
      const settings = {
        runs,
        seed: options.seed ?? 1,
        perturb,
        rounds,
        sensitivity: options.sensitivity !== false,
        ...(talks === undefined ? {} : { talks }),
        workers: threads,
      };
      const progress = startProgress(output, shard === undefined ? 'Exploring' : `Shard ${shard.index}/${shard.count}`, total, options.json === true, { timeLeft: true });
      const started = performance.now();
      const watch = options.yes === true ? undefined : speedWatch(total, started, askedFor);
      let made: { result: ExploreResult } | { text: string };
      try {
        progress.update(0, 'starting');
        const onProgress = (done: number) => {
          progress.update(done, 'runs');
          watch?.(done);
        };
        const signal = watch?.signal;
        const parallel = { ...settings, onProgress, ...(signal === undefined ? {} : { signal }) };
        made = shard === undefined
          ? { result: await exploreInParallel(scenario, parallel) }
          : { text: await exploreShard(scenario, { ...parallel, shard }) };
      } finally {
        progress.stop();
      }
      const seconds = (performance.now() - started) / 1000;

      if ('text' in made) {
        const file = await writeOutputFile('--out', options.out!, made.text);
        output.out(shardSummary(file, made.text, shard!, options.json === true, applied));
        return;
      }
      const { result } = made;
      const json = JSON.stringify(withOverrides(result, applied), null, 2);
      const file = options.out === undefined ? undefined : await writeOutputFile('--out', options.out, `${json}\n`);
      if (options.json === true) {
        output.out(json);
        return;
      }
      renderExploration(result, output, {
        certain,
        overridden: applied.length > 0,
        title: scenario.title,
        partyNames: Object.fromEntries(scenario.parties.map((party) => [party.id, party.name])),
        how: `in ${seconds.toFixed(1)} s on ${threads === 1 ? 'the main thread' : `${threads} worker threads`}`,
      });
      if (file !== undefined) {
        output.out('');
        output.out(`Wrote ${file}`);
      }
    });

  explore
    .command('merge')
    .description('Merge the shard files of one exploration (written by `parley explore --shard k/n --out FILE`) into its result, the same as exploring in one go.')
    .argument('<files...>', 'the shard files: every shard of one exploration, each once, in any order')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', [
      '',
      'Every file is checked before anything is merged: damaged, truncated or edited files, shards of',
      'another exploration (scenario, perturbation, seed or runs), missing and repeated shards are refused.',
      '',
      'Examples:',
      '  pnpm parley explore merge shards/1.json shards/2.json shards/3.json shards/4.json',
      '  pnpm parley explore merge shards/*.json --json > exploration.json',
    ].join('\n'))
    .action(async (files: string[], options: ExploreMergeOptions) => {
      const result = await mergeShardFiles(files);
      if (options.json === true) {
        output.out(JSON.stringify(result, null, 2));
        return;
      }
      renderExploration(result, output, { how: `merged from ${files.length} shard files` });
    });
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Watches the speed of an exploration of `total` runs started at `started` (by
 * `performance.now()`): fed the runs done, it aborts its signal with a usage error once
 * the speed, measured over {@link ESTIMATE_AFTER_MS} after the first runs finish (so thread
 * start-up does not count), says the exploration would take more than {@link MAX_MS_UNASKED}.
 * It judges once.
 */
function speedWatch(total: number, started: number, askedFor: string): ((done: number) => void) & { readonly signal: AbortSignal } {
  const controller = new AbortController();
  let first: { at: number; done: number } | undefined;
  let judged = false;
  const watch = (done: number): void => {
    if (judged || done <= 0) return;
    const now = performance.now();
    if (first === undefined) {
      first = { at: now, done };
      return;
    }
    if (now - first.at < ESTIMATE_AFTER_MS || done === first.done) return;
    judged = true;
    const perMs = (done - first.done) / (now - first.at);
    const estimate = now - started + (total - done) / perMs;
    if (estimate <= MAX_MS_UNASKED) return;
    const speed = Math.round(perMs * 1000).toLocaleString('en-US');
    controller.abort(new ParleyError(
      'USAGE',
      `stopped: at ${speed} runs a second, ${askedFor} would take about ${formatDuration(estimate)}, more than the ${MAX_MS_UNASKED / 60_000} minutes explored without asking; ${INSTEAD}`,
    ));
  };
  return Object.assign(watch, { signal: controller.signal });
}

function runSpan({ from, to }: { from: number; to: number }): number {
  return to - from;
}

/** What `--shard` wrote, in one line (or as JSON). */
function shardSummary(file: string, text: string, shard: ShardSpec, json: boolean, applied: readonly AppliedOverride[]): string {
  const written = JSON.parse(text) as { meta: { runs: number; seed: number; fingerprint: string }; shard: { from: number; to: number } };
  const { meta } = written;
  const { from, to } = written.shard;
  if (json) {
    return JSON.stringify(withOverrides({ file, shard: { index: shard.index, count: shard.count, from, to }, runs: meta.runs, seed: meta.seed, fingerprint: meta.fingerprint }, applied), null, 2);
  }
  const runs = to === from ? 'no runs' : `runs ${from}–${to - 1}`;
  return `Wrote shard ${shard.index}/${shard.count} (${runs} of ${meta.runs}, seed ${meta.seed}) to ${file}; merge all ${shard.count} with \`parley explore merge\`.`;
}
