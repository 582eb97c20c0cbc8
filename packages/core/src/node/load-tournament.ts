import { basename, dirname, resolve } from 'node:path';
import { z } from 'zod';
import { ScenarioError, type Problem } from '../model/errors.js';
import { formatPath } from '../model/problems.js';
import { strategyKinds, strategyOf, type StrategySpec } from '../tournament/strategy-specs.js';
import type { TournamentDomain, TournamentOptions } from '../tournament/tournament.js';
import { loadGeniusScenario } from './load-genius.js';
import { readDataFile } from './read-data-file.js';

/**
 * A tournament as a file describes it, plain data with absolute paths: what worker threads
 * and shards are given, so each can load the same tournament.
 */
export interface TournamentConfig {
  readonly deadline: number;
  readonly repetitions: number;
  readonly seed: number;
  readonly selfPlay: boolean;
  readonly discount: boolean;
  /** Keep every offer's utilities in the rows (for the report's offer trace). */
  readonly trace: boolean;
  readonly strategies: readonly ({ readonly name: string } & StrategySpec)[];
  readonly domains: readonly { readonly id: string; readonly genius: { readonly domain: string; readonly profiles: readonly string[] } }[];
}

const strategySchema = z
  .object({
    name: z.string().min(1, 'give the strategy a name, e.g. name: boulware'),
    kind: z.enum(strategyKinds as [StrategySpec['kind'], ...StrategySpec['kind'][]], { error: `must be one of ${strategyKinds.join(', ')}` }),
    e: z.number().min(0, 'must be ≥ 0 (e < 1 Boulware, 1 linear, > 1 conceder)').optional(),
    window: z.number().int('must be a whole number').min(1, 'must be ≥ 1').optional(),
    learningRate: z.number().positive('must be > 0').optional(),
  })
  .strict()
  .superRefine((value, context) => {
    if (value.kind === 'time-dependent' && value.e === undefined) context.addIssue({ code: 'custom', path: ['e'], message: 'a time-dependent strategy needs its exponent e, e.g. e: 0.5' });
    if (value.kind !== 'time-dependent' && value.kind !== 'frequency-pareto' && value.e !== undefined) context.addIssue({ code: 'custom', path: ['e'], message: `${value.kind} has no exponent; use kind: time-dependent with e, or remove e` });
    if (value.kind !== 'frequency-pareto' && (value.window !== undefined || value.learningRate !== undefined)) context.addIssue({ code: 'custom', path: [value.window !== undefined ? 'window' : 'learningRate'], message: 'only frequency-pareto takes window and learningRate' });
  });

const configSchema = z
  .object({
    deadline: z.number().int('must be a whole number of rounds').min(0, 'must be ≥ 0'),
    repetitions: z.number().int('must be a whole number').min(1, 'must be ≥ 1').default(1),
    seed: z.number().int('must be a whole number').default(1),
    selfPlay: z.boolean().default(false),
    discount: z.boolean().default(false),
    trace: z.boolean().default(false),
    roles: z.literal('all-permutations', { error: 'only all-permutations is supported' }).default('all-permutations'),
    protocol: z.literal('alternating-offers', { error: 'only alternating-offers is supported' }).default('alternating-offers'),
    strategies: z.array(strategySchema).min(1, 'enter at least one strategy'),
    domains: z
      .array(
        z
          .object({
            id: z.string().min(1, 'give the domain an id'),
            genius: z.object({ domain: z.string().min(1), profiles: z.array(z.string().min(1)).min(2, 'a negotiation needs at least two profiles') }).strict(),
          })
          .strict(),
      )
      .min(1, 'enter at least one domain'),
  })
  .strict();

/**
 * Reads and checks a tournament file (YAML or JSON): the deadline, repetitions, seed,
 * self-play and discounting, the strategies (built-ins by `kind`, see `StrategySpec`) and the
 * domains (GENIUS domain and profile files, relative to the tournament file). Every problem
 * is reported at once, with the file and the path, as a {@link ScenarioError}.
 *
 * @example
 * ```ts
 * const config = await loadTournamentConfig('examples/tournament/tournament.yaml');
 * config.strategies.map((s) => s.name); // ['boulware', 'conceder', …]
 * ```
 */
export async function loadTournamentConfig(file: string): Promise<TournamentConfig> {
  const baseDir = dirname(resolve(file));
  const problems: Problem[] = [];
  const raw = await readDataFile(resolve(file), baseDir, problems, 'check the tournament file name');
  const subject = `Tournament ${file}`;
  if (raw === undefined) throw new ScenarioError(subject, problems);
  const parsed = configSchema.safeParse(raw);
  const name = basename(file);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ code: issue.code === 'unrecognized_keys' ? 'invalid-shape' : 'invalid-value', path: formatPath(issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))), file: name, message: issue.message });
    }
    throw new ScenarioError(subject, problems);
  }
  const data = parsed.data;
  const names = new Set<string>();
  data.strategies.forEach((strategy, k) => {
    if (names.has(strategy.name)) problems.push({ code: 'duplicate-id', path: `strategies[${k}].name`, file: name, message: `"${strategy.name}" is entered twice; give each strategy its own name` });
    names.add(strategy.name);
  });
  const ids = new Set<string>();
  data.domains.forEach((domain, k) => {
    if (ids.has(domain.id)) problems.push({ code: 'duplicate-id', path: `domains[${k}].id`, file: name, message: `"${domain.id}" is entered twice` });
    ids.add(domain.id);
  });
  if (problems.length > 0) throw new ScenarioError(subject, problems);
  return {
    deadline: data.deadline,
    repetitions: data.repetitions,
    seed: data.seed,
    selfPlay: data.selfPlay,
    discount: data.discount,
    trace: data.trace,
    strategies: data.strategies.map((s) => ({ name: s.name, ...specOf(s) })),
    domains: data.domains.map((d) => ({ id: d.id, genius: { domain: resolve(baseDir, d.genius.domain), profiles: d.genius.profiles.map((p) => resolve(baseDir, p)) } })),
  };
}

/**
 * The {@link TournamentOptions} of a {@link TournamentConfig}: its GENIUS domains loaded
 * (with their discount factors) and its strategies built.
 *
 * @example
 * ```ts
 * const options = await tournamentOptionsOf(await loadTournamentConfig('tournament.yaml'));
 * const result = runTournament(options);
 * ```
 */
export async function tournamentOptionsOf(config: TournamentConfig): Promise<TournamentOptions> {
  const domains: TournamentDomain[] = [];
  for (const domain of config.domains) {
    const { scenario, profiles } = await loadGeniusScenario(domain.genius.domain, domain.genius.profiles);
    domains.push({ id: domain.id, parties: scenario.parties, discountFactors: profiles.map((profile) => profile.discountFactor) });
  }
  return {
    strategies: config.strategies.map(({ name, ...spec }) => ({ name, strategy: strategyOf(spec as StrategySpec), spec: spec as StrategySpec })),
    domains,
    repetitions: config.repetitions,
    roles: 'all-permutations',
    selfPlay: config.selfPlay,
    deadline: config.deadline,
    protocol: 'alternating-offers',
    seed: config.seed,
    discount: config.discount,
    trace: config.trace,
  };
}

function specOf(s: { kind: StrategySpec['kind']; e?: number | undefined; window?: number | undefined; learningRate?: number | undefined }): StrategySpec {
  if (s.kind === 'time-dependent') return { kind: 'time-dependent', e: s.e! };
  if (s.kind === 'frequency-pareto') return { kind: 'frequency-pareto', ...(s.e === undefined ? {} : { e: s.e }), ...(s.window === undefined ? {} : { window: s.window }), ...(s.learningRate === undefined ? {} : { learningRate: s.learningRate }) };
  return { kind: s.kind };
}
