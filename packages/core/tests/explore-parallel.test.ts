import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basePartiesOf, compileExploration, explore, ParleyError, type ExploreOptions, type ExploreResult, type Scenario } from '@parley/core';
import { exploreInParallel, exploreShard, loadPerturbation, loadScenario, loadTalks, mergeShardFiles } from '@parley/core/node';
// Internal: the tally of a compiled model, to check how an error inside a worker surfaces.
import { bundledSourceWorker, tallyRuns } from '@parley/core/internal';

// exploreInParallel and shards must give exactly what explore gives, however the runs are
// split over threads and shards; worker threads run the TypeScript sources (this test runs
// them as vitest does, from the `.ts` files).

const seeds = fileURLToPath(new URL('../../../seeds/ukraine-2025', import.meta.url));
const RUNS = 24;

let scenario: Scenario;
let options: ExploreOptions;
let single: ExploreResult;
let directory: string;

beforeAll(async () => {
  scenario = await loadScenario(seeds);
  const talks = await loadTalks(seeds, scenario);
  const file = await loadPerturbation(seeds, basePartiesOf(scenario, talks.setup.strategies));
  options = { runs: RUNS, seed: 5, talks, perturb: file?.perturb ?? {} };
  single = explore(scenario, options);
  directory = await mkdtemp(join(tmpdir(), 'parley-explore-parallel-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('exploreInParallel', () => {
  it('gives the same result as explore with 1, 2 and 4 workers: deep-equal and the same JSON', async () => {
    for (const workers of [1, 2, 4]) {
      const progress: number[] = [];
      const result = await exploreInParallel(scenario, { ...options, workers, onProgress: (done, total) => {
        expect(total).toBe(RUNS);
        progress.push(done);
      } });
      expect(result, `${workers} workers`).toEqual(single);
      expect(JSON.stringify(result), `${workers} workers`).toBe(JSON.stringify(single));
      // Progress only moves forward, and ends at every run done.
      expect(progress.length).toBeGreaterThan(workers === 1 ? RUNS - 1 : 1);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(progress.at(-1)).toBe(RUNS);
    }
  }, 30_000);

  it('uses no more threads than there are runs', async () => {
    const result = await exploreInParallel(scenario, { ...options, runs: 1, workers: 4 });
    expect(result).toEqual(explore(scenario, { ...options, runs: 1 }));
  }, 30_000);

  it('refuses a number of workers that is not a whole number ≥ 1', async () => {
    for (const workers of [0, -1, 1.5, Number.NaN]) {
      await expect(exploreInParallel(scenario, { ...options, workers })).rejects.toThrow(/workers must be a whole number ≥ 1/);
    }
  });

  it('rethrows an error inside a worker with its message', async () => {
    const model = compileExploration(scenario, options);
    const broken = { ...model, seed: 1.5 };
    const failure = tallyRuns(broken, { from: 0, to: 4 }, 2, undefined);
    await expect(failure).rejects.toThrow('drawRun: seed must be a whole number (got 1.5)');
    await expect(failure).rejects.toMatchObject({ name: 'RangeError' });
  }, 30_000);
});

describe('worker threads from the TypeScript sources', () => {
  it('load one bundle of plain JavaScript made once per process, without tsx', async () => {
    const worker = new URL('../src/node/explore-worker.ts', import.meta.url);
    const start = bundledSourceWorker(worker);
    expect(start).not.toBeNull();
    expect(start!.filename).toMatch(/\/node_modules\/\.cache\/parley\/explore-worker-[0-9a-f]{16}\.mjs$/);
    expect(start!.execArgv?.join(' ')).not.toMatch(/tsx/);
    // Made once: the same start, the same file, however many pools start threads from it.
    expect(bundledSourceWorker(worker)).toBe(start);
    const text = await readFile(fileURLToPath(start!.filename), 'utf8');
    expect(text).toContain('function runExploreChunk(');
    expect(text).not.toMatch(/from ["']\.{1,2}\//); // its own files are in it, not imported
  }, 30_000);
});

describe('exploreShard and mergeShardFiles', () => {
  it('4 shards, merged, give the result of explore', async () => {
    const paths: string[] = [];
    for (const index of [1, 2, 3, 4]) {
      const path = join(directory, `shard-${index}-of-4.json`);
      // Alternating one and two workers: how a shard was made does not change it.
      await writeFile(path, await exploreShard(scenario, { ...options, workers: 1 + (index % 2), shard: { index, count: 4 } }));
      paths.push(path);
    }
    // Given in any order.
    const merged = await mergeShardFiles([...paths].reverse());
    expect(merged).toEqual(single);
    expect(JSON.stringify(merged)).toBe(JSON.stringify(single));
  }, 30_000);

  it('rejects a damaged file, naming it, before merging anything', async () => {
    const paths = await Promise.all([1, 2].map(async (index) => {
      const path = join(directory, `pair-${index}-of-2.json`);
      await writeFile(path, await exploreShard(scenario, { ...options, workers: 1, shard: { index, count: 2 } }));
      return path;
    }));
    expect(await mergeShardFiles(paths)).toEqual(single);

    const damaged = join(directory, 'damaged.json');
    const text = await readFile(paths[1]!, 'utf8');
    await writeFile(damaged, text.replace(/"runs": (\d+)/, (_, runs: string) => `"runs": ${Number(runs) + 1}`));
    const failure = mergeShardFiles([paths[0]!, damaged]);
    await expect(failure).rejects.toBeInstanceOf(ParleyError);
    await expect(failure).rejects.toMatchObject({ code: 'INVALID_SHARD_FILE' });
    await expect(failure).rejects.toThrow(`${damaged}: its checksum does not match its content`);

    const missing = join(directory, 'no-such-shard.json');
    await expect(mergeShardFiles([paths[0]!, missing])).rejects.toThrow(`${missing}: no such file`);
    await expect(mergeShardFiles([paths[0]!])).rejects.toThrow(/shard 2\/2 is missing/);
  }, 30_000);
});
