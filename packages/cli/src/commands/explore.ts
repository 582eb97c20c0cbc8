import { access, mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { basePartiesOf, ParleyError, parseShardSpec, shardRange, type ExploreResult, type PerturbationSpec, type Scenario, type ShardSpec, type TalksSpec } from '@parley/core';
import { exploreInParallel, exploreShard, loadPerturbation, loadScenario, loadTalks, mergeShardFiles } from '@parley/core/node';
import type { Command } from 'commander';
import { startProgress, type Output } from '../output.js';
import { wholeNumberOption } from '../parse-options.js';
import { renderExploration } from '../render/exploration-summary.js';

/** Options of `parley explore <scenario-dir>`. */
export interface ExploreCommandOptions {
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
}

/** Options of `parley explore merge <files...>`. */
export interface ExploreMergeOptions {
  readonly json?: boolean;
}

/** How many runs an exploration makes when neither `--runs` nor the scenario's explore.yaml says. */
const DEFAULT_RUNS = 1000;

/** What `parley explore` explores: the scenario, its talks if it has any, its perturbation and run count. */
interface Exploration {
  readonly scenario: Scenario;
  readonly talks: TalksSpec | undefined;
  readonly perturb: PerturbationSpec;
  readonly runs: number;
}

/**
 * Reads what `parley explore` explores from a scenario directory: the scenario; its
 * talks.yaml when there is one (the talks are then simulated in every run); the uncertain
 * assumptions and default run count from explore.yaml (none uncertain without it); and the
 * number of runs (`runs`, else explore.yaml's, else 1000). `note` is told when nothing is
 * uncertain. `perturbFile` replaces explore.yaml with another exploration file.
 *
 * @example
 * ```ts
 * const { scenario, talks, perturb, runs } = await loadExploration('seeds/ukraine-2025', undefined, console.error);
 * ```
 */
export async function loadExploration(dir: string, runs: number | undefined, note: (text: string) => void, perturbFile?: string): Promise<Exploration> {
  const scenario = await loadScenario(dir);
  const talks = (await exists(join(dir, 'talks.yaml'))) ? await loadTalks(dir, scenario) : undefined;
  const parties = basePartiesOf(scenario, talks?.setup.strategies);
  if (perturbFile !== undefined) {
    const chosen = await loadPerturbation(dirname(resolve(perturbFile)), parties, basename(perturbFile));
    if (chosen === null) throw new ParleyError('USAGE', `--perturb ${perturbFile}: no such file; give an exploration file (YAML or JSON with \`perturb:\`), e.g. ${join(dir, 'explore.yaml')}`);
    return { scenario, talks, perturb: chosen.perturb, runs: runs ?? chosen.runs ?? DEFAULT_RUNS };
  }
  const file = await loadPerturbation(dir, parties);
  if (file === null) {
    note(
      `Note: ${join(dir, 'explore.yaml')} does not exist, so nothing is uncertain: every run is the scenario as written and every probability is 0 or 1. ` +
        'Say what is uncertain (weights, values, reservation, redLines, strategies) under `perturb:` in explore.yaml.',
    );
  }
  return { scenario, talks, perturb: file?.perturb ?? {}, runs: runs ?? file?.runs ?? DEFAULT_RUNS };
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
    .option('--workers <n>', 'worker threads to run on (default: one per available CPU; 1 runs on the main thread)', wholeNumberOption(1))
    .option('--shard <k/n>', 'make only shard k of n of the runs and write it to --out; merge the shards with `parley explore merge`')
    .option('--out <file>', 'with --shard, the shard file to write (required); without, also write the result as JSON there')
    .option('--perturb <file>', 'an exploration file (like explore.yaml) to use instead of the scenario\'s explore.yaml')
    .option('--rounds <n>', 'free rounds of talks to simulate after the timeline in every run', wholeNumberOption(0), 0)
    .option('--no-sensitivity', 'skip ranking the assumptions by how often each alone flips the verdict (much faster)')
    .option('--json', 'print the result as JSON')
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
    ].join('\n'))
    .action(async (dir: string, options: ExploreCommandOptions) => {
      const shard = options.shard === undefined ? undefined : parseShardSpec(options.shard);
      if (shard !== undefined && options.out === undefined) {
        throw new ParleyError('USAGE', `--shard ${options.shard} needs --out FILE: say where to write the shard file, e.g. --out shard-${shard.index}-of-${shard.count}.json`);
      }
      const { scenario, talks, perturb, runs } = await loadExploration(dir, options.runs, output.err, options.perturb);
      const rounds = options.rounds ?? 0;
      if (rounds > 0 && talks === undefined) {
        throw new ParleyError('USAGE', `--rounds ${rounds} continues the scenario's talks, but ${dir} has no talks.yaml`);
      }
      const settings = {
        runs,
        seed: options.seed ?? 1,
        perturb,
        rounds,
        sensitivity: options.sensitivity !== false,
        ...(talks === undefined ? {} : { talks }),
        ...(options.workers === undefined ? {} : { workers: options.workers }),
      };
      const total = shard === undefined ? runs : runSpan(shardRange(runs, shard.index, shard.count));
      const progress = startProgress(output, shard === undefined ? 'Exploring' : `Shard ${shard.index}/${shard.count}`, total, options.json === true);
      const started = performance.now();
      let made: { result: ExploreResult } | { text: string };
      try {
        progress.update(0, 'starting');
        const onProgress = (done: number) => progress.update(done, 'runs');
        made = shard === undefined
          ? { result: await exploreInParallel(scenario, { ...settings, onProgress }) }
          : { text: await exploreShard(scenario, { ...settings, shard, onProgress }) };
      } finally {
        progress.stop();
      }
      const seconds = (performance.now() - started) / 1000;

      if ('text' in made) {
        const file = await writeOut(options.out!, made.text);
        output.out(shardSummary(file, made.text, shard!, options.json === true));
        return;
      }
      const { result } = made;
      const json = JSON.stringify(result, null, 2);
      const file = options.out === undefined ? undefined : await writeOut(options.out, `${json}\n`);
      if (options.json === true) {
        output.out(json);
        return;
      }
      const threads = Math.min(options.workers ?? availableParallelism(), runs);
      renderExploration(result, output, {
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

async function writeOut(path: string, text: string): Promise<string> {
  const file = resolve(path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text, 'utf8');
  return file;
}

function runSpan({ from, to }: { from: number; to: number }): number {
  return to - from;
}

/** What `--shard` wrote, in one line (or as JSON). */
function shardSummary(file: string, text: string, shard: ShardSpec, json: boolean): string {
  const written = JSON.parse(text) as { meta: { runs: number; seed: number; fingerprint: string }; shard: { from: number; to: number } };
  const { meta } = written;
  const { from, to } = written.shard;
  if (json) {
    return JSON.stringify({ file, shard: { index: shard.index, count: shard.count, from, to }, runs: meta.runs, seed: meta.seed, fingerprint: meta.fingerprint }, null, 2);
  }
  const runs = to === from ? 'no runs' : `runs ${from}–${to - 1}`;
  return `Wrote shard ${shard.index}/${shard.count} (${runs} of ${meta.runs}, seed ${meta.seed}) to ${file}; merge all ${shard.count} with \`parley explore merge\`.`;
}
