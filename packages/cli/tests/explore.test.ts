import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ansi, parley, root, seeds } from './support/run-parley.js';

// `parley explore`: Monte Carlo over the scenario's explore.yaml, on worker threads or in
// shards merged with `parley explore merge`. Small run counts keep it quick; the same
// seed must give the same JSON however the runs are split.

const RUNS = '40';
/** A single-threaded run: the reference every split must match. */
const base = ['explore', seeds, '--runs', RUNS, '--seed', '3'];

let directory: string;
let reference: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'parley-explore-'));
  const { code, stdout } = await parley([...base, '--workers', '1', '--json']);
  expect(code).toBe(0);
  reference = stdout;
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Writes shard k of n of the reference exploration to the temp directory and returns its path. */
async function shard(index: number, count: number, extra: readonly string[] = [], name = `shard-${index}-of-${count}.json`): Promise<string> {
  const out = join(directory, name);
  const { code, stdout, stderr } = await parley([...base, '--workers', '1', '--shard', `${index}/${count}`, '--out', out, ...extra]);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(stdout).toContain(`Wrote shard ${index}/${count}`);
  expect(stdout).toContain(out);
  return out;
}

describe('parley explore', () => {
  it('prints the acceptance table with 95% intervals, the endings and the baseline', async () => {
    const { code, stdout, stderr } = await parley([...base, '--workers', '1']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('Exploration of The late-2025 US-brokered Ukraine peace process');
    expect(stdout).toContain('40 runs, seed 3');
    expect(stdout).toContain('Probability that each party accepts each plan version');
    for (const heading of ['Plan version', 'Russia', 'Ukraine', 'United States', 'All']) expect(stdout).toContain(heading);
    expect(stdout).toMatch(/US 28-point peace plan.*\(us-28\).*\d\.\d\d \(\d\.\d\d–\d\.\d\d\)/);
    expect(stdout).toContain('How the talks end');
    expect(stdout).toMatch(/adjourned\s+│ \d\.\d\d \(\d\.\d\d–\d\.\d\d\) │ \d+ of 40/);
    expect(stdout).toContain('What the verdict depends on');
    expect(stdout).toContain('Without perturbation (the scenario as written)');
    expect(stdout).toMatch(/US 28-point peace plan \(leaked draft\): accepted by .*Russia/);
    expect(stdout).toContain('The talks end: adjourned');
    expect(stdout).not.toMatch(ansi);
  });

  it('ranks the assumptions that flip the verdict, with the smallest change that did', async () => {
    // A copy of the scenario with wide reservation bounds, so that some runs flip.
    const scenario = join(directory, 'wide');
    await cp(seeds, scenario, { recursive: true });
    await writeFile(join(scenario, 'explore.yaml'), 'runs: 30\nperturb:\n  reservation: 0.3\n  redLines: 0.5\n');
    const { code, stdout } = await parley(['explore', scenario, '--workers', '1']);
    expect(code).toBe(0);
    expect(stdout).toContain('30 runs');
    expect(stdout).toMatch(/What the verdict depends on most \(the \d+ assumptions? that alone flipped it\)/);
    expect(stdout).toMatch(/│ 1 +│ .*reservation value +│ \d\.\d\d \(\d\.\d\d–\d\.\d\d\) +│ by 0\.\d+/);
    expect(stdout).toMatch(/The other \d+ of \d+ assumptions never did/);
    const json = JSON.parse((await parley(['explore', scenario, '--workers', '1', '--json'])).stdout);
    expect(json.sensitivity[0]).toMatchObject({ kind: 'reservation', flips: { count: expect.any(Number) }, smallestChange: expect.any(Number) });
    expect(json.sensitivity[0].flips.count).toBeGreaterThan(0);
  });

  it('prints the result as JSON with --json', async () => {
    const result = JSON.parse(reference);
    expect(Object.keys(result)).toEqual(['scenario', 'seed', 'runs', 'rounds', 'confidence', 'fingerprint', 'plans', 'talks', 'sensitivity']);
    expect(result).toMatchObject({ scenario: 'ukraine-2025', seed: 3, runs: 40, rounds: 0, confidence: 0.95, fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(result.plans.map((plan: { plan: string }) => plan.plan)).toEqual(['us-28', 'us-ukraine-19', 'e3-counterproposal']);
    expect(Object.keys(result.plans[0].acceptedBy)).toEqual(['russia', 'ukraine', 'united-states', 'europe']);
    expect(result.plans[0].acceptedByAll).toEqual({ probability: expect.any(Number), low: expect.any(Number), high: expect.any(Number), count: expect.any(Number), runs: 40 });
    expect(Object.keys(result.talks.endings)).toEqual(['agreed', 'broken-off', 'stalled', 'expired', 'adjourned']);
    expect(result.talks.baseline).toBe('adjourned');
    expect(result.sensitivity.length).toBeGreaterThan(10);
    expect(result.sensitivity[0]).toEqual({
      assumption: expect.any(String), label: expect.any(String), kind: expect.any(String), party: expect.any(String),
      flips: expect.objectContaining({ runs: 40 }), smallestChange: null,
    });
  });

  it('gives the same JSON for the same seed with 1, 2 and 4 workers', async () => {
    for (const workers of ['2', '4']) {
      const { code, stdout } = await parley([...base, '--workers', workers, '--json']);
      expect(code).toBe(0);
      expect(stdout, `--workers ${workers}`).toBe(reference);
    }
  }, 30_000);

  it('takes the number of runs from explore.yaml, skips the ranking with --no-sensitivity, and writes the result with --out', async () => {
    const out = join(directory, 'result.json');
    const { code, stdout } = await parley(['explore', seeds, '--workers', '1', '--no-sensitivity', '--runs', '12', '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toContain('12 runs');
    expect(stdout).toContain(`Wrote ${out}`);
    const written = JSON.parse(await readFile(out, 'utf8'));
    expect(written).toMatchObject({ runs: 12, sensitivity: [] });
  });

  it('explores another exploration file with --perturb, and names a missing one', async () => {
    const { code, stdout } = await parley(['explore', seeds, '--perturb', join(seeds, 'explore-wide.yaml'), '--runs', '150', '--workers', '1', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    // Wide reservation values move the US first: its yes to the 19-point text has the smallest margin.
    expect(result.sensitivity[0]).toMatchObject({ assumption: 'united-states.reservation' });
    expect(result.sensitivity[0].flips.count).toBeGreaterThan(0);
    const missing = await parley(['explore', seeds, '--perturb', join(directory, 'nowhere.yaml'), '--runs', '5']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('nowhere.yaml: no such file');
  });

  it('says that nothing is uncertain when the scenario has no explore.yaml, and makes the one run that answers it', async () => {
    const { code, stdout, stderr } = await parley(['explore', join(root, 'seeds/sarema-basin'), '--runs', '5', '--workers', '1', '--json']);
    expect(code).toBe(0);
    expect(stderr).toContain('explore.yaml does not exist, so nothing is uncertain');
    const result = JSON.parse(stdout);
    expect(result.runs).toBe(1);
    expect(result.sensitivity).toEqual([]);
    // Told as verdicts, not as N identical runs with intervals.
    const text = await parley(['explore', join(root, 'seeds/sarema-basin'), '--runs', '50', '--workers', '1']);
    expect(text.stdout).toContain('Nothing is uncertain');
    expect(text.stdout).not.toMatch(/\d\.\d\d \(\d\.\d\d–\d\.\d\d\)/);
    expect(text.stdout).toContain('The basin-commission text: accepted by every party');
  });

  it('still makes every run when free rounds are drawn, even with nothing perturbed', async () => {
    const { code, stdout } = await parley(['explore', join(root, 'seeds/sarema-basin'), '--runs', '5', '--rounds', '2', '--workers', '1', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).runs).toBe(5);
  });
});

describe('parley explore --shard and parley explore merge', () => {
  let shards: string[];

  beforeAll(async () => {
    shards = [];
    for (const index of [1, 2, 3, 4]) shards.push(await shard(index, 4));
  }, 30_000);

  it('merges 4 shards into the JSON of a single run, in any order', async () => {
    const { code, stdout, stderr } = await parley(['explore', 'merge', ...[...shards].reverse(), '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(reference);
    const human = await parley(['explore', 'merge', ...shards]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('40 runs, seed 3, merged from 4 shard files');
    expect(human.stdout).toContain('Probability that each party accepts each plan version');
  });

  it('prints what it wrote as JSON with --shard and --json', async () => {
    const out = join(directory, 'json-shard.json');
    const { code, stdout } = await parley([...base, '--workers', '1', '--shard', '2/4', '--out', out, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ file: out, shard: { index: 2, count: 4, from: 10, to: 20 }, runs: 40, seed: 3 });
  });

  /** Merging must fail, name `file` and say `message`, exit non-zero and print nothing on stdout. */
  async function refused(files: readonly string[], file: string, message: RegExp | string) {
    const { code, stdout, stderr } = await parley(['explore', 'merge', ...files, '--json']);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain(file);
    if (typeof message === 'string') expect(stderr).toContain(message);
    else expect(stderr).toMatch(message);
  }

  it('refuses a shard whose counts were edited', async () => {
    const edited = join(directory, 'edited.json');
    const text = await readFile(shards[1]!, 'utf8');
    const changed = text.replace(/"simulations": (\d+)/, (_, count: string) => `"simulations": ${Number(count) + 1}`);
    expect(changed).not.toBe(text);
    await writeFile(edited, changed);
    await refused([shards[0]!, edited, shards[2]!, shards[3]!], edited, 'its checksum does not match its content');
  });

  it('refuses a truncated shard', async () => {
    const truncated = join(directory, 'truncated.json');
    const text = await readFile(shards[2]!, 'utf8');
    await writeFile(truncated, text.slice(0, Math.floor(text.length / 2)));
    await refused([shards[0]!, shards[1]!, truncated, shards[3]!], truncated, /truncated/);
  });

  it('refuses a shard of an exploration with another seed', async () => {
    const other = await shard(4, 4, ['--seed', '4'], 'other-seed-4-of-4.json');
    await refused([shards[0]!, shards[1]!, shards[2]!, other], other, /different seeds \(3 and 4\)/);
  });

  it('refuses an incomplete set of shards, and a file that does not exist', async () => {
    await refused([shards[0]!, shards[1]!, shards[3]!], 'shard 3/4', 'shard 3/4 is missing');
    const missing = join(directory, 'no-such-shard.json');
    await refused([shards[0]!, shards[1]!, shards[2]!, missing], missing, 'no such file');
  });

  it('refuses a shard given twice', async () => {
    const copy = join(directory, 'copy-of-2.json');
    await writeFile(copy, await readFile(shards[1]!, 'utf8'));
    await refused([shards[0]!, shards[1]!, copy, shards[2]!, shards[3]!], copy, /shard 2\/4 is given twice/);
  });

  it('needs --out with --shard, and a shard that exists', async () => {
    const noOut = await parley([...base, '--shard', '1/4']);
    expect(noOut.code).toBe(64);
    expect(noOut.stdout).toBe('');
    expect(noOut.stderr).toContain('--shard 1/4 needs --out FILE');
    const outOfRange = await parley([...base, '--shard', '5/4', '--out', join(directory, 'x.json')]);
    expect(outOfRange.code).toBe(64);
    expect(outOfRange.stdout).toBe('');
    expect(outOfRange.stderr).toContain('--shard 5/4: the shard number must be between 1 and 4');
    const garbled = await parley([...base, '--shard', 'two', '--out', join(directory, 'x.json')]);
    expect(garbled.code).toBe(64);
    expect(garbled.stderr).toContain('--shard two: write the shard as k/n');
  });

  it('rejects bad numbers of runs and workers', async () => {
    for (const [option, value] of [['--runs', '0'], ['--workers', '0'], ['--workers', 'many']] as const) {
      const { code, stdout, stderr } = await parley(['explore', seeds, option, value]);
      expect(code).toBe(64);
      expect(stdout).toBe('');
      expect(stderr).toContain(`option '${option} <n>' argument '${value}' is invalid. expected a positive whole number`);
    }
  });
});

// Shard files outlive the code that wrote them. This one was written before the engine was
// rebuilt (commit 7a23c60: `parley explore seeds/ukraine-2025 --runs 40 --seed 5 --rounds 2
// --shard 1/2`); it must still merge with a shard written today into the whole exploration.
describe('a shard written before the one engine', () => {
  it('merges with a shard written now into exactly the exploration run whole', async () => {
    const settings = ['explore', seeds, '--runs', '40', '--seed', '5', '--rounds', '2', '--workers', '1'];
    const fresh = join(directory, 'shard-2-of-2-now.json');
    expect((await parley([...settings, '--shard', '2/2', '--out', fresh])).code).toBe(0);
    const old = join(root, 'packages/cli/tests/fixtures/shard-1-of-2-before-one-engine.json');
    const merged = await parley(['explore', 'merge', old, fresh, '--json']);
    expect(merged.code).toBe(0);
    const whole = await parley([...settings, '--json']);
    expect(merged.stdout).toBe(whole.stdout);
  }, 60_000);
});

