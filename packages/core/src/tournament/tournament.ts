import { nashPoint } from '../analysis/bargaining-solutions.js';
import { paretoFrontier } from '../analysis/pareto-frontier.js';
import { canonical, fnv1a64 } from '../explore/shard-file.js';
import { ParleyError } from '../model/errors.js';
import { compiledParty } from '../model/party.js';
import type { Party } from '../model/party.js';
import { negotiate, seededUniform } from '../negotiation/negotiate.js';
import type { OfferStrategy } from '../negotiation/offer-strategy.js';
import { offerTable, type OfferTable } from '../negotiation/offer-table.js';
import type { StrategySpec } from './strategy-specs.js';

/** A strategy entered in a tournament: its name in the results and the function. */
export interface TournamentStrategy {
  readonly name: string;
  readonly strategy: OfferStrategy;
  /** The built-in it is, when it is one: recorded in the tournament's fingerprint. */
  readonly spec?: StrategySpec;
}

/** A domain of a tournament: its parties (the roles, in turn order: the first opens) and their discount factors. */
export interface TournamentDomain {
  readonly id: string;
  /** The profiles, all on one domain: a GENIUS scenario's parties, say. */
  readonly parties: readonly Party[];
  /** Each role's discount factor δ (GENIUS `discount_factor`), applied when the tournament asks for discounting. */
  readonly discountFactors?: readonly number[];
}

/** Options of {@link runTournament}. */
export interface TournamentOptions {
  readonly strategies: readonly TournamentStrategy[];
  readonly domains: readonly TournamentDomain[];
  /** How many times each pairing is negotiated (each with its own random stream). Default 1. */
  readonly repetitions?: number;
  /** Every assignment of strategies to the roles of every domain (each strategy in each role). */
  readonly roles?: 'all-permutations';
  /** Whether a strategy also meets itself. Default false. */
  readonly selfPlay?: boolean;
  /** The last round in which an offer may be made. */
  readonly deadline: number;
  readonly protocol?: 'alternating-offers';
  /** Seeds every negotiation's random stream. Default 1. */
  readonly seed?: number;
  /** Apply the domains' discount factors to the utilities (u·δ^t). Default false. */
  readonly discount?: boolean;
  /** Keep every offer's utilities in each row (`TournamentRow.trace`), for offer-trace charts. Default false. */
  readonly trace?: boolean;
}

/** What a tournament is, as its results and shard files record it. */
export interface TournamentMeta {
  readonly protocol: 'alternating-offers';
  readonly seed: number;
  readonly deadline: number;
  readonly repetitions: number;
  readonly selfPlay: boolean;
  readonly discount: boolean;
  /** Whether the rows carry their offer traces. */
  readonly trace: boolean;
  readonly negotiations: number;
  readonly strategies: readonly { readonly name: string; readonly spec: StrategySpec | null }[];
  readonly domains: readonly TournamentDomainInfo[];
  /** `fnv1a64:` hash of everything above and the parties' preferences: shards of one tournament share it. */
  readonly fingerprint: string;
}

/** A domain as the results describe it, with its exact reference points. */
export interface TournamentDomainInfo {
  readonly id: string;
  readonly parties: readonly string[];
  readonly outcomes: number;
  readonly discountFactors: readonly number[];
  /** The Pareto frontier's utility vectors (over every outcome, as GENIUS draws it). */
  readonly pareto: readonly (readonly number[])[];
  /** The Nash point's utilities, or null when no outcome beats every reservation value. */
  readonly nash: readonly number[] | null;
  /** Whether the frontier and Nash point are exact (false only when the analysis budget ran out). */
  readonly exact: boolean;
}

/** One negotiation of a tournament. */
export interface TournamentRow {
  readonly index: number;
  readonly domain: string;
  readonly repetition: number;
  /** The strategy in each role (the domain's parties, in order). */
  readonly strategies: readonly string[];
  readonly parties: readonly string[];
  readonly status: 'agreed' | 'expired' | 'broken-off';
  readonly agreement: boolean;
  /** Rounds in which an offer was made: the agreement's round + 1, or deadline + 1. */
  readonly rounds: number;
  /** Normalised time the talks ended at. */
  readonly time: number;
  /** Each role's utility: the agreement's, or its reservation value; discounted when the tournament discounts. */
  readonly utilities: readonly number[];
  /** Sum of `utilities`. */
  readonly welfare: number;
  /** Euclidean distance in (undiscounted) utility space to the nearest Pareto-frontier point. */
  readonly paretoDistance: number | null;
  /** Euclidean distance in (undiscounted) utility space to the Nash point, null when there is none. */
  readonly nashDistance: number | null;
  /**
   * Per role, its opponent model's error when it has one: the total-variation distance
   * ½·Σ|ŵᵢ − wᵢ| between the estimated and the true normalised issue weights, averaged over
   * its opponents (0 perfect, 1 worst); null for a strategy without a model.
   */
  readonly modelError: readonly (number | null)[];
  /** The agreement as option ids, one per issue, or null. */
  readonly outcome: readonly string[] | null;
  /**
   * With `trace`: every offer in order, as `[round, proposer, u₀, u₁, …]` (undiscounted
   * utilities of every role).
   */
  readonly trace?: readonly (readonly number[])[];
}

/** A tournament compiled once: its meta and a way to run any range of its negotiations. */
export interface CompiledTournament {
  readonly meta: TournamentMeta;
  /** Runs negotiations `[from, to)`; each depends only on its index, so any split gives the same rows. */
  runRange(from: number, to: number, onRow?: (row: TournamentRow) => void): TournamentRow[];
}

interface PreparedDomain {
  readonly domain: TournamentDomain;
  readonly table: OfferTable;
  readonly info: TournamentDomainInfo;
  readonly tuples: readonly (readonly number[])[];
  readonly trueWeights: readonly Float64Array[];
  readonly start: number;
  readonly count: number;
}

/**
 * Compiles a tournament: checks the options, builds every domain's offer table (every
 * outcome's utilities, each party's ranking) and its exact Pareto frontier and Nash point
 * (`acceptableOnly: false`, as GENIUS computes them), and numbers the negotiations: domain
 * by domain, every assignment of strategies to roles, each `repetitions` times.
 *
 * @throws ParleyError `INVALID_TOURNAMENT` for bad options; `OUTCOME_SPACE_TOO_LARGE` for a domain too large to enumerate.
 *
 * @example
 * ```ts
 * const tournament = compileTournament({ strategies, domains, deadline: 100, seed: 7 });
 * const rows = tournament.runRange(0, tournament.meta.negotiations);
 * ```
 */
export function compileTournament(options: TournamentOptions): CompiledTournament {
  const problems = optionProblems(options);
  if (problems.length > 0) throw new ParleyError('INVALID_TOURNAMENT', `the tournament is invalid:\n  - ${problems.join('\n  - ')}`);
  const seed = options.seed ?? 1;
  const repetitions = options.repetitions ?? 1;
  const selfPlay = options.selfPlay ?? false;
  const discount = options.discount ?? false;
  const trace = options.trace ?? false;
  const { deadline } = options;
  const strategies = options.strategies;
  let start = 0;
  const prepared: PreparedDomain[] = options.domains.map((domain) => {
    const table = offerTable(domain.parties);
    const tuples = assignments(strategies.length, domain.parties.length, selfPlay);
    const frontier = paretoFrontier(domain.parties, { acceptableOnly: false });
    const nash = nashPoint(domain.parties, { acceptableOnly: false });
    const nashUtilities = nash !== null && 'found' in nash && nash.found ? [...nash.utilities] : null;
    const info: TournamentDomainInfo = {
      id: domain.id,
      parties: domain.parties.map((party) => party.id),
      outcomes: table.spaces[0]!.size,
      discountFactors: domain.parties.map((_, p) => domain.discountFactors?.[p] ?? 1),
      pareto: frontier.points.map((point) => [...point.utilities]),
      nash: nashUtilities,
      exact: frontier.exact && (nash === null || nash.exact),
    };
    const count = tuples.length * repetitions;
    const entry: PreparedDomain = { domain, table, info, tuples, trueWeights: domain.parties.map((party) => Float64Array.from(compiledParty(party).weights)), start, count };
    start += count;
    return entry;
  });
  const negotiations = start;
  const body = {
    protocol: 'alternating-offers' as const,
    seed,
    deadline,
    repetitions,
    selfPlay,
    discount,
    trace,
    negotiations,
    strategies: strategies.map((s) => ({ name: s.name, spec: s.spec ?? null })),
    domains: prepared.map((d) => d.info),
  };
  const preferences = options.domains.map((domain) => domain.parties.map((party) => ({ id: party.id, reservationValue: party.reservationValue, preferences: party.preferences, redLines: party.redLines })));
  const meta: TournamentMeta = { ...body, fingerprint: `fnv1a64:${fnv1a64(canonical({ body, preferences }))}` };

  const runOne = (index: number): TournamentRow => {
    let d = 0;
    while (index >= prepared[d]!.start + prepared[d]!.count) d++;
    const entry = prepared[d]!;
    const local = index - entry.start;
    const tuple = entry.tuples[Math.floor(local / repetitions)]!;
    const repetition = local % repetitions;
    const result = negotiate(
      entry.table,
      tuple.map((s) => strategies[s]!.strategy),
      { deadline, random: seededUniform(negotiationSeed(seed, index)), trace, ...(discount ? { discountFactors: entry.info.discountFactors } : {}) },
    );
    const point = result.undiscounted;
    const modelError = result.negotiators.map((negotiator, p) => {
      if (negotiator.estimate === undefined) return null;
      let total = 0;
      let opponents = 0;
      for (let q = 0; q < point.length; q++) {
        if (q === p) continue;
        const estimate = negotiator.estimate(q);
        if (estimate === null) continue;
        const truth = entry.trueWeights[q]!;
        let distance = 0;
        for (let i = 0; i < truth.length; i++) distance += Math.abs(estimate.weights[i]! - truth[i]!);
        total += distance / 2;
        opponents++;
      }
      return opponents === 0 ? null : total / opponents;
    });
    const domain = entry.domain.parties[0]!.domain;
    let welfare = 0;
    for (const utility of result.utilities) welfare += utility;
    return {
      index,
      domain: entry.info.id,
      repetition,
      strategies: tuple.map((s) => strategies[s]!.name),
      parties: entry.info.parties,
      status: result.status,
      agreement: result.status === 'agreed',
      rounds: result.status === 'agreed' ? result.round + 1 : deadline + 1,
      time: result.time,
      utilities: result.utilities,
      welfare,
      paretoDistance: entry.info.pareto.length === 0 ? null : nearest(point, entry.info.pareto),
      nashDistance: entry.info.nash === null ? null : distance(point, entry.info.nash),
      modelError,
      outcome: result.agreement === null ? null : entry.table.decode(result.agreement).map((option, i) => domain.issues[i]!.options[option]!.id),
      ...(result.offers === undefined ? {} : { trace: result.offers.map((offer) => [offer.round, offer.by, ...entry.table.spaces.map((space) => space.utility(offer.outcome))]) }),
    };
  };

  return {
    meta,
    runRange(from, to, onRow) {
      if (!(Number.isSafeInteger(from) && Number.isSafeInteger(to) && 0 <= from && from <= to && to <= negotiations)) {
        throw new ParleyError('INVALID_TOURNAMENT', `negotiations [${from}, ${to}) are not within the tournament's [0, ${negotiations})`);
      }
      const rows: TournamentRow[] = [];
      for (let index = from; index < to; index++) {
        const row = runOne(index);
        rows.push(row);
        onRow?.(row);
      }
      return rows;
    },
  };
}

/**
 * The seed of negotiation `index`'s generator (xoroshiro128+): the tournament's seed and the
 * index mixed by a 32-bit hash (murmur3's finaliser), so every negotiation has its own
 * stream whichever thread or machine runs it.
 *
 * @example
 * ```ts
 * negotiationSeed(1, 0) !== negotiationSeed(1, 1); // true
 * ```
 */
export function negotiationSeed(seed: number, index: number): number {
  let h = Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(index | 0, 0x85ebca6b) ^ Math.floor(index / 2 ** 32);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Every assignment of `strategies` strategies to `roles` roles, lexicographic; without repeats unless `selfPlay`. */
function assignments(strategies: number, roles: number, selfPlay: boolean): number[][] {
  const out: number[][] = [];
  const current: number[] = [];
  const walk = (): void => {
    if (current.length === roles) {
      out.push([...current]);
      return;
    }
    for (let s = 0; s < strategies; s++) {
      if (!selfPlay && current.includes(s)) continue;
      current.push(s);
      walk();
      current.pop();
    }
  };
  walk();
  return out;
}

function distance(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += (a[k]! - b[k]!) ** 2;
  return Math.sqrt(sum);
}

function nearest(point: readonly number[], frontier: readonly (readonly number[])[]): number {
  let best = Infinity;
  for (const other of frontier) best = Math.min(best, distance(point, other));
  return best;
}

function optionProblems(options: TournamentOptions): string[] {
  const problems: string[] = [];
  if ((options.protocol ?? 'alternating-offers') !== 'alternating-offers') problems.push(`protocol: only "alternating-offers" is supported, not "${options.protocol}"`);
  if ((options.roles ?? 'all-permutations') !== 'all-permutations') problems.push(`roles: only "all-permutations" is supported, not "${options.roles}"`);
  if (!(Number.isSafeInteger(options.deadline) && options.deadline >= 0)) problems.push(`deadline: must be a whole number of rounds ≥ 0, not ${options.deadline}`);
  const repetitions = options.repetitions ?? 1;
  if (!(Number.isSafeInteger(repetitions) && repetitions >= 1)) problems.push(`repetitions: must be a whole number ≥ 1, not ${repetitions}`);
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) problems.push(`seed: must be a whole number, not ${options.seed}`);
  if (options.strategies.length === 0) problems.push('strategies: enter at least one strategy');
  const names = new Set<string>();
  options.strategies.forEach((s, k) => {
    if (names.has(s.name)) problems.push(`strategies[${k}].name: "${s.name}" is entered twice; give each strategy its own name`);
    names.add(s.name);
  });
  if (options.domains.length === 0) problems.push('domains: enter at least one domain');
  const ids = new Set<string>();
  options.domains.forEach((domain, k) => {
    if (ids.has(domain.id)) problems.push(`domains[${k}].id: "${domain.id}" is entered twice`);
    ids.add(domain.id);
    if (domain.parties.length < 2) problems.push(`domains[${k}] (${domain.id}): a negotiation needs at least two parties, it has ${domain.parties.length}`);
    if (!(options.selfPlay ?? false) && domain.parties.length > options.strategies.length) {
      problems.push(`domains[${k}] (${domain.id}): ${domain.parties.length} roles need at least as many strategies without self-play; enter more strategies or set selfPlay`);
    }
    domain.discountFactors?.forEach((delta, p) => {
      if (!(delta > 0 && delta <= 1)) problems.push(`domains[${k}].discountFactors[${p}]: must be in (0, 1], not ${delta}`);
    });
  });
  return problems;
}
