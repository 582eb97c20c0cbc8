import { ParleyError, parseShardSpec, tournamentCsv, type TournamentResult } from '@parley/core';
import { loadTournamentConfig, mergeTournamentShardFiles, runTournamentInParallel } from '@parley/core/node';
import type { Command } from 'commander';
import { checkOutputFile, writeOutputFile } from '../output-file.js';
import { startProgress, type Output } from '../output.js';
import { wholeNumberOption } from '../parse-options.js';
import { workerThreads } from './explore.js';

/** Options of `parley tournament <config>`. */
export interface TournamentCommandOptions {
  readonly workers?: number;
  readonly shard?: string;
  readonly out?: string;
  readonly json?: boolean;
  readonly csv?: string;
  readonly trace?: boolean;
}

/**
 * Adds `parley tournament <config.yaml>` (every strategy against every other, on every
 * domain, in every role, on worker threads, optionally one shard of it) and
 * `parley tournament merge <files...>` to `program`.
 *
 * @example
 * ```ts
 * registerTournament(program, processOutput());
 * await program.parseAsync(['node', 'parley', 'tournament', 'examples/tournament/tournament.yaml', '--json']);
 * ```
 */
export function registerTournament(program: Command, output: Output): void {
  const tournament = program
    .command('tournament')
    .description('Run a tournament of alternating-offers strategies over GENIUS domains: every strategy against every other, in every role, ranked by mean utility with confidence intervals and Welch t-tests.')
    .usage('[options] <config.yaml>\n       parley tournament merge [options] <files...>')
    .argument('<config.yaml>', 'a tournament file: deadline, repetitions, seed, strategies and domains (see docs/tournaments.md)')
    .option('--workers <n>', 'worker threads (default: one per available CPU; 1 runs on the main thread)', wholeNumberOption(1))
    .option('--shard <k/n>', 'run only shard k of n of the negotiations and write it to --out; merge with `parley tournament merge`')
    .option('--out <file>', 'with --shard, the shard file to write (required); without, also write the result as JSON there')
    .option('--csv <file>', 'write one row per negotiation as CSV')
    .option('--json', 'print the result (meta, rows, summary) as JSON')
    .option('--trace', 'keep every offer\'s utilities in the rows (as trace: true in the file), for the offer trace of `parley report --tournament`')
    .enablePositionalOptions()
    .addHelpText('after', [
      '',
      'Examples:',
      '  pnpm parley tournament examples/tournament/tournament.yaml',
      '  pnpm parley tournament examples/tournament/tournament.yaml --workers 2 --csv results.csv --out results.json',
      '  pnpm parley tournament examples/tournament/tournament.yaml --shard 1/4 --out shards/1.json   # one machine of four',
      '  pnpm parley tournament merge shards/1.json shards/2.json shards/3.json shards/4.json --csv results.csv',
    ].join('\n'))
    .action(async (file: string, options: TournamentCommandOptions) => {
      const shard = options.shard === undefined ? undefined : parseShardSpec(options.shard);
      if (shard !== undefined && options.out === undefined) {
        throw new ParleyError('USAGE', `--shard ${options.shard} needs --out FILE: say where to write the shard file, e.g. --out shard-${shard.index}-of-${shard.count}.json`);
      }
      if (shard !== undefined && options.csv !== undefined) throw new ParleyError('USAGE', '--csv writes a whole tournament: give it to `parley tournament merge` once the shards are made');
      for (const [flag, path] of [['--out', options.out], ['--csv', options.csv]] as const) if (path !== undefined) await checkOutputFile(flag, path);
      const loaded = await loadTournamentConfig(file);
      const config = options.trace === true ? { ...loaded, trace: true } : loaded;
      const { threads, note } = workerThreads(Number.MAX_SAFE_INTEGER, options.workers);
      if (note !== undefined) output.err(note);
      const started = performance.now();
      // A one-step display while the domains load, replaced by a bar once the number of negotiations is known.
      const label = shard === undefined ? 'Negotiating' : `Shard ${shard.index}/${shard.count}`;
      const progress = startProgress(output, label, 1, options.json === true, { timeLeft: true });
      let bar: ReturnType<typeof startProgress> | undefined;
      let made: TournamentResult | string;
      try {
        progress.update(0, 'loading the domains');
        const onProgress = (done: number, total: number) => {
          if (bar === undefined) {
            progress.stop();
            bar = startProgress(output, label, total, options.json === true, { timeLeft: true });
          }
          bar.update(done, 'negotiations');
        };
        made = shard === undefined
          ? await runTournamentInParallel(config, { workers: threads, onProgress })
          : await runTournamentInParallel(config, { workers: threads, onProgress, shard });
      } finally {
        bar?.stop();
        progress.stop();
      }
      const seconds = (performance.now() - started) / 1000;
      if (typeof made === 'string') {
        const written = await writeOutputFile('--out', options.out!, made);
        output.out(`Wrote shard ${shard!.index}/${shard!.count} to ${written}; merge every shard with \`pnpm parley tournament merge <files...>\`.`);
        return;
      }
      await finish(made, options, output, `in ${seconds.toFixed(1)} s on ${threads === 1 ? 'the main thread' : `${threads} worker threads`}`);
    });

  tournament
    .command('merge')
    .description('Merge the shard files of one tournament (written by `parley tournament --shard k/n --out FILE`) into its result, the same as running it in one go.')
    .argument('<files...>', 'every shard file of one tournament, each once, in any order')
    .option('--out <file>', 'also write the result as JSON there')
    .option('--csv <file>', 'write one row per negotiation as CSV')
    .option('--json', 'print the result as JSON')
    .action(async (files: string[], options: TournamentCommandOptions) => {
      for (const [flag, path] of [['--out', options.out], ['--csv', options.csv]] as const) if (path !== undefined) await checkOutputFile(flag, path);
      await finish(await mergeTournamentShardFiles(files), options, output, `merged from ${files.length} shard files`);
    });
}

async function finish(result: TournamentResult, options: TournamentCommandOptions, output: Output, how: string): Promise<void> {
  const json = JSON.stringify(result, null, 2);
  const written: string[] = [];
  if (options.out !== undefined) written.push(await writeOutputFile('--out', options.out, `${json}\n`));
  if (options.csv !== undefined) written.push(await writeOutputFile('--csv', options.csv, tournamentCsv(result.rows)));
  if (options.json === true) {
    output.out(json);
    return;
  }
  renderTournament(result, output, how);
  for (const file of written) output.out(`Wrote ${file}`);
}

/**
 * The ranking as a table: rank, strategy, mean utility with its 95% interval, agreement
 * rate, mean distances to the Pareto frontier and the Nash point, and the opponent model's
 * error; then the pairs whose difference is significant.
 *
 * @example
 * ```ts
 * renderTournament(result, processOutput(), 'in 2.0 s on 2 worker threads');
 * ```
 */
export function renderTournament(result: TournamentResult, output: Output, how: string): void {
  const { meta, summary } = result;
  const { bold, dim } = output.colors;
  output.out(bold(`Tournament: ${meta.strategies.length} strategies, ${meta.domains.map((d) => d.id).join(', ')}; ${meta.negotiations} negotiations (deadline ${meta.deadline}, ${meta.repetitions} repetition${meta.repetitions === 1 ? '' : 's'}, seed ${meta.seed}${meta.discount ? ', discounted' : ''}) ${how}`));
  output.out(`Agreements: ${(summary.agreementRate * 100).toFixed(1)} %`);
  output.out('');
  const f = (x: number | null) => (x === null ? '—' : x.toFixed(3));
  const rows = summary.ranking.map((s) => [String(s.rank), s.name, f(s.utility.mean), `[${f(s.utility.low)}, ${f(s.utility.high)}]`, `${(s.agreementRate * 100).toFixed(0)} %`, f(s.paretoDistance), f(s.nashDistance), f(s.modelError)]);
  const header = ['#', 'strategy', 'utility', '95 % CI', 'agreed', 'to Pareto', 'to Nash', 'model error'];
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((row) => row[k]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, k) => (k <= 1 ? cell.padEnd(widths[k]!) : cell.padStart(widths[k]!))).join('  ');
  output.out(bold(line(header)));
  for (const row of rows) output.out(line(row));
  const significant = summary.pairwise.filter((pair) => pair.significant);
  output.out('');
  output.out(dim(`Welch t-tests (two-sided, p < 0.05, not corrected for ${summary.pairwise.length} pairs): ${significant.length} of ${summary.pairwise.length} pairs differ.`));
  for (const pair of significant.slice(0, 12)) output.out(dim(`  ${pair.a} > ${pair.b}: +${pair.difference.toFixed(3)} (p = ${pair.p < 1e-4 ? pair.p.toExponential(1) : pair.p.toFixed(4)})`));
}
