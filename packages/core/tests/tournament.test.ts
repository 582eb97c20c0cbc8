import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fc } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  boulware,
  conceder,
  createDomain,
  createParty,
  frequencyPareto,
  hardliner,
  linear,
  meanInterval,
  mergeTournamentShards,
  offerTable,
  parseTournamentShard,
  ParleyError,
  randomStrategy,
  runTournament,
  ScenarioError,
  studentQuantile,
  titForTat,
  tournamentCsv,
  welchTest,
  type TournamentOptions,
} from '@parley/core';
import { loadTournamentConfig, mergeTournamentShardFiles, runTournamentInParallel } from '@parley/core/node';
import { offerDomainArbitrary } from './support/offer-domains.js';

// Tournaments: every strategy against every other in every role, scored against the exact
// Pareto frontier and Nash point; the same seed gives the same result on any number of
// threads and from merged shards.

const strategies = [
  { name: 'boulware', strategy: boulware },
  { name: 'conceder', strategy: conceder },
  { name: 'hardliner', strategy: hardliner },
  { name: 'tit-for-tat', strategy: titForTat },
  { name: 'frequency-pareto', strategy: frequencyPareto() },
  { name: 'random', strategy: randomStrategy },
];
const [small, other] = fc.sample(offerDomainArbitrary({ issues: { min: 3, max: 4 } }), { numRuns: 2, seed: 11 });
const options: TournamentOptions = {
  strategies,
  domains: [{ id: 'small', parties: small!.parties }, { id: 'other', parties: other!.parties, discountFactors: [0.8, 0.9] }],
  repetitions: 2,
  roles: 'all-permutations',
  deadline: 30,
  protocol: 'alternating-offers',
  seed: 5,
};

describe('runTournament', () => {
  const result = runTournament(options);

  it('plays every strategy against every other, in every role, on every domain, the asked number of times', () => {
    expect(result.rows).toHaveLength(2 * 6 * 5 * 2);
    expect(result.rows.map((row) => row.index)).toEqual(result.rows.map((_, k) => k));
    for (const domain of ['small', 'other']) {
      const pairs = result.rows.filter((row) => row.domain === domain).map((row) => row.strategies.join(' v '));
      for (const a of strategies) for (const b of strategies) if (a !== b) expect(pairs.filter((pair) => pair === `${a.name} v ${b.name}`)).toHaveLength(2);
    }
    expect(result.summary.ranking.map((score) => score.utility.n)).toEqual(strategies.map(() => 2 * 2 * 5 * 2));
  });

  it('scores each negotiation: utilities, welfare, and exact distances to the Pareto frontier and the Nash point', () => {
    const info = result.meta.domains[0]!;
    expect(info.exact).toBe(true);
    const table = offerTable(small!.parties);
    for (const row of result.rows.filter((r) => r.domain === 'small')) {
      expect(row.welfare).toBeCloseTo(row.utilities[0]! + row.utilities[1]!, 12);
      if (row.agreement) {
        const outcome = table.encode(row.outcome!.map((id, i) => small!.parties[0]!.domain.issues[i]!.options.findIndex((option) => option.id === id)));
        expect(row.utilities).toEqual(table.spaces.map((space) => space.utility(outcome)));
      } else expect(row.utilities).toEqual(small!.parties.map((party) => party.reservationValue));
      // No point of the space beats the frontier: the distance to it is the smallest distance to any frontier point.
      const d = Math.min(...info.pareto.map((point) => Math.hypot(point[0]! - row.utilities[0]!, point[1]! - row.utilities[1]!)));
      expect(row.paretoDistance).toBeCloseTo(d, 12);
      if (info.nash !== null) expect(row.nashDistance).toBeCloseTo(Math.hypot(info.nash[0]! - row.utilities[0]!, info.nash[1]! - row.utilities[1]!), 12);
    }
    // Outcomes on the frontier are at distance 0.
    expect(result.rows.some((row) => row.paretoDistance === 0)).toBe(true);
  });

  it('reports the opponent model\'s error for the strategy that has one, and only for it', () => {
    for (const row of result.rows) {
      row.strategies.forEach((name, role) => {
        const error = row.modelError[role];
        if (name === 'frequency-pareto') {
          expect(error).toBeGreaterThanOrEqual(0);
          expect(error).toBeLessThanOrEqual(1);
        } else expect(error).toBeNull();
      });
    }
  });

  it('ranks by mean utility with confidence intervals that contain the mean, and tests every pair', () => {
    const { ranking, pairwise } = result.summary;
    for (let k = 1; k < ranking.length; k++) expect(ranking[k]!.utility.mean).toBeLessThanOrEqual(ranking[k - 1]!.utility.mean);
    for (const score of ranking) {
      expect(score.utility.low).toBeLessThanOrEqual(score.utility.mean);
      expect(score.utility.high).toBeGreaterThanOrEqual(score.utility.mean);
    }
    expect(pairwise).toHaveLength((6 * 5) / 2);
    for (const pair of pairwise) {
      expect(pair.p).toBeGreaterThanOrEqual(0);
      expect(pair.p).toBeLessThanOrEqual(1);
      expect(pair.significant).toBe(pair.p < 0.05);
    }
  });

  it('gives the same result for the same seed, and applies discounting only when asked', () => {
    expect(JSON.stringify(runTournament(options))).toBe(JSON.stringify(result));
    const discounted = runTournament({ ...options, discount: true });
    expect(discounted.meta.fingerprint).not.toBe(result.meta.fingerprint);
    discounted.rows.forEach((row, k) => {
      const plain = result.rows[k]!;
      const deltas = row.domain === 'other' ? [0.8, 0.9] : [1, 1];
      row.utilities.forEach((u, p) => expect(u).toBeCloseTo(plain.utilities[p]! * deltas[p]! ** row.time, 12));
    });
  });

  it('keeps every offer when asked for a trace, the last one the agreement', () => {
    const traced = runTournament({ ...options, trace: true });
    expect(traced.meta.fingerprint).not.toBe(result.meta.fingerprint);
    traced.rows.forEach((row, k) => {
      const { trace, ...rest } = row;
      expect({ ...rest }).toEqual(result.rows[k]);
      expect(trace!.length).toBeGreaterThan(0);
      trace!.forEach(([round, by], j) => {
        expect(round).toBe(j);
        expect(by).toBe(j % 2);
      });
      if (row.agreement && row.domain === 'small') expect(trace!.at(-1)!.slice(2)).toEqual(row.utilities);
    });
    expect(result.rows.every((row) => row.trace === undefined)).toBe(true);
  });

  it('writes one CSV row per negotiation, with a column group per role', () => {
    const lines = tournamentCsv(result.rows).trimEnd().split('\n');
    expect(lines).toHaveLength(result.rows.length + 1);
    expect(lines[0]).toBe('index,domain,repetition,status,agreement,rounds,time,welfare,pareto_distance,nash_distance,outcome,strategy_1,party_1,utility_1,model_error_1,strategy_2,party_2,utility_2,model_error_2');
    expect(lines[1]!.split(',')[11]).toBe(result.rows[0]!.strategies[0]);
  });

  it('merges shards into the very result of the whole tournament, and refuses damaged or missing ones', async () => {
    const { compileTournament, serializeTournamentShard, shardRange } = await import('@parley/core');
    const tournament = compileTournament(options);
    const texts = [1, 2, 3].map((index) => {
      const { from, to } = shardRange(tournament.meta.negotiations, index, 3);
      return serializeTournamentShard(tournament.meta, { index, count: 3 }, tournament.runRange(from, to));
    });
    const files = texts.map((text, k) => ({ name: `s${k + 1}`, file: parseTournamentShard(text, `s${k + 1}`) }));
    expect(JSON.stringify(mergeTournamentShards([files[2]!, files[0]!, files[1]!]))).toBe(JSON.stringify(result));
    expect(() => mergeTournamentShards(files.slice(0, 2))).toThrow(/shard 3\/3 is missing/);
    expect(() => parseTournamentShard(texts[0]!.replace('"agreement":true', '"agreement":false'), 's1')).toThrow(/checksum/);
    expect(() => parseTournamentShard(texts[0]!.slice(0, 100), 's1')).toThrow(/not JSON/);
    const seeded = compileTournament({ ...options, seed: 6 });
    const foreign = parseTournamentShard(serializeTournamentShard(seeded.meta, { index: 3, count: 3 }, seeded.runRange(...(Object.values(shardRange(seeded.meta.negotiations, 3, 3)) as [number, number]))), 'x3');
    expect(() => mergeTournamentShards([files[0]!, files[1]!, { name: 'x3', file: foreign }])).toThrow(/another tournament/);
  });

  it('refuses bad options with a typed error that says what to fix', () => {
    const fail = (changed: Partial<TournamentOptions>) => {
      try {
        runTournament({ ...options, ...changed });
      } catch (error) {
        expect(error).toBeInstanceOf(ParleyError);
        return (error as ParleyError).message;
      }
      return 'no error';
    };
    expect(fail({ deadline: -1 })).toMatch(/deadline: must be a whole number/);
    expect(fail({ strategies: [strategies[0]!, strategies[0]!] })).toMatch(/entered twice/);
    expect(fail({ domains: [] })).toMatch(/at least one domain/);
  });
});

describe('the offer table', () => {
  it('ranks outcomes best first, ties in outcome order, as a comparison sort does; numbers and options round-trip', () => {
    const table = offerTable(small!.parties);
    for (const space of table.spaces) {
      const ranks = Array.from({ length: space.offerable }, (_, k) => space.ranked(k));
      const sorted = [...ranks].sort((a, b) => space.utility(b) - space.utility(a) || a - b);
      expect(ranks).toEqual(sorted);
    }
    for (let k = 0; k < table.spaces[0]!.size; k++) expect(table.encode(table.decode(k))).toBe(k);
  });

  it('refuses a domain too large to enumerate', () => {
    const domain = createDomain({ issues: Array.from({ length: 12 }, (_, i) => ({ id: `i${i}`, label: `I${i}`, ordered: false, options: Array.from({ length: 4 }, (_, o) => ({ id: `o${o}`, label: `O${o}` })) })) });
    const party = createParty(domain, { id: 'p', name: 'P', reservationValue: 0, redLines: [], preferences: { weights: { i0: 1 }, values: { i0: { o0: 1, o1: 0, o2: 0, o3: 0 } } } });
    expect(() => offerTable([party, party])).toThrow(expect.objectContaining({ code: 'OUTCOME_SPACE_TOO_LARGE' }));
  });
});

describe('statistics', () => {
  it('uses Student t quantiles and Welch\'s test', () => {
    expect(studentQuantile(0.975, 10)).toBeCloseTo(2.228139, 5);
    expect(studentQuantile(0.975, 1)).toBeCloseTo(12.7062, 3);
    const interval = meanInterval([0.5, 0.7, 0.6]);
    expect(interval.mean).toBeCloseTo(0.6, 12);
    expect(interval.high - interval.mean).toBeCloseTo(4.302653 * 0.1 / Math.sqrt(3), 5);
    // R: t.test(c(.5,.6,.7), c(.1,.2,.3)) — t = 4.899, df = 4, p-value = 0.008051
    const test = welchTest([0.5, 0.6, 0.7], [0.1, 0.2, 0.3]);
    expect(test.t).toBeCloseTo(4.898979, 5);
    expect(test.df).toBeCloseTo(4, 9);
    expect(test.p).toBeCloseTo(0.008051, 5);
  });
});

describe('tournament files, worker threads and shards', () => {
  const domains = fileURLToPath(new URL('../../../../shared/genius-domains/', import.meta.url));
  let directory: string;
  let file: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'parley-tournament-'));
    file = join(directory, 'tournament.yaml');
    await writeFile(
      file,
      [
        'deadline: 40',
        'repetitions: 2',
        'seed: 3',
        'strategies:',
        '  - { name: boulware, kind: boulware }',
        '  - { name: td-0.5, kind: time-dependent, e: 0.5 }',
        '  - { name: pareto, kind: frequency-pareto }',
        '  - { name: random, kind: random }',
        'domains:',
        '  - id: itex-cypress',
        `    genius: { domain: ${domains}itex-cypress/ItexvsCypress_domain.xml, profiles: [${domains}itex-cypress/ItexvsCypress_Itex.xml, ${domains}itex-cypress/ItexvsCypress_Cypress.xml] }`,
        '  - id: england-zimbabwe',
        `    genius: { domain: ${domains}england-zimbabwe/EnglandZimbabwe_domain.xml, profiles: [${domains}england-zimbabwe/England.xml, ${domains}england-zimbabwe/Zimbabwe.xml] }`,
      ].join('\n'),
    );
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('gives the same result on one thread, on two, and from merged shard files', async () => {
    const config = await loadTournamentConfig(file);
    const one = await runTournamentInParallel(config, { workers: 1 });
    expect(one.rows).toHaveLength(2 * 12 * 2);
    const two = await runTournamentInParallel(config, { workers: 2 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    const paths: string[] = [];
    for (const index of [1, 2]) {
      const path = join(directory, `shard-${index}.json`);
      await writeFile(path, await runTournamentInParallel(config, { workers: 1, shard: { index, count: 2 } }));
      paths.push(path);
    }
    expect(JSON.stringify(await mergeTournamentShardFiles(paths.reverse()))).toBe(JSON.stringify(one));
    await writeFile(paths[0]!, (await readFile(paths[0]!, 'utf8')).slice(0, 50));
    await expect(mergeTournamentShardFiles(paths)).rejects.toThrow(/shard-2\.json: not JSON/);
  }, 120_000);

  it('reports every problem of a tournament file with its path and the fix', async () => {
    const bad = join(directory, 'bad.yaml');
    await writeFile(bad, 'deadline: 1.5\nstrategies:\n  - { name: x, kind: bulware }\n  - { name: y, kind: time-dependent }\ndomains: []\n');
    const error = await loadTournamentConfig(bad).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScenarioError);
    const problems = (error as ScenarioError).problems.map((problem) => `${problem.file}: ${problem.path}: ${problem.message}`);
    expect(problems).toEqual([
      'bad.yaml: deadline: must be a whole number of rounds',
      expect.stringMatching(/^bad\.yaml: strategies\[0\]\.kind: must be one of boulware, linear/),
      'bad.yaml: strategies[1].e: a time-dependent strategy needs its exponent e, e.g. e: 0.5',
      'bad.yaml: domains: enter at least one domain',
    ]);
  });
});
