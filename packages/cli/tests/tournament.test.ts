import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parley, root } from './support/run-parley.js';

// `parley tournament`: a small tournament over two GENIUS domains from ../shared/genius-domains; the same seed
// gives the same JSON on one thread and from merged shards.

const domains = join(root, '../shared/genius-domains');
let directory: string;
let config: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'parley-tournament-cli-'));
  config = join(directory, 'tournament.yaml');
  await writeFile(config, [
    'deadline: 30',
    'seed: 2',
    'strategies:',
    '  - { name: boulware, kind: boulware }',
    '  - { name: conceder, kind: conceder }',
    '  - { name: tit-for-tat, kind: tit-for-tat }',
    'domains:',
    '  - id: itex-cypress',
    `    genius: { domain: ${domains}/itex-cypress/ItexvsCypress_domain.xml, profiles: [${domains}/itex-cypress/ItexvsCypress_Itex.xml, ${domains}/itex-cypress/ItexvsCypress_Cypress.xml] }`,
  ].join('\n'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

describe('parley tournament', () => {
  it('prints the ranking, and writes the rows as CSV', async () => {
    const csv = join(directory, 'rows.csv');
    const { code, stdout } = await parley(['tournament', config, '--workers', '1', '--csv', csv]);
    expect(code).toBe(0);
    expect(stdout).toContain('Tournament: 3 strategies, itex-cypress; 6 negotiations (deadline 30, 1 repetition, seed 2)');
    expect(stdout).toMatch(/^1 {2}\S+ +0\.\d{3} {2}\[/m);
    expect(stdout).toContain('Welch t-tests');
    expect((await readFile(csv, 'utf8')).trimEnd().split('\n')).toHaveLength(7);
  });

  it('gives the same JSON from merged shards', async () => {
    const whole = await parley(['tournament', config, '--workers', '1', '--json']);
    const paths = [1, 2].map((k) => join(directory, `s${k}.json`));
    for (const [k, path] of paths.entries()) expect((await parley(['tournament', config, '--workers', '1', '--shard', `${k + 1}/2`, '--out', path])).stdout).toContain(`Wrote shard ${k + 1}/2`);
    const merged = await parley(['tournament', 'merge', ...paths, '--json']);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(whole.stdout);
  });

  it('draws the ranking and where the negotiations ended into an HTML report', async () => {
    const results = join(directory, 'results.json');
    expect((await parley(['tournament', config, '--workers', '1', '--trace', '--out', results])).code).toBe(0);
    const html = join(directory, 'tournament.html');
    const { code, stdout } = await parley(['report', '--tournament', results, '--out', html]);
    expect(code).toBe(0);
    expect(stdout).toContain('Wrote');
    const page = await readFile(html, 'utf8');
    expect(page).toContain('<figure class="chart" data-chart="ranking"><svg');
    expect(page).toContain('<figure class="chart" data-chart="space"><svg');
    expect(page).toMatch(/<title>boulware: mean utility 0\.\d{3}, 95% CI/);
    expect(page).toContain('<figure class="chart" data-chart="trace"><svg');
    expect(page).not.toContain('<script');
    expect((await parley(['report', '--tournament', config, '--out', html])).code).toBe(2);
  }, 60_000);

  it('exits 2 for an invalid tournament file, naming the file and the path, and 64 for a shard without --out', async () => {
    const bad = join(directory, 'bad.yaml');
    await writeFile(bad, 'deadline: 10\nstrategies: [{ name: a, kind: bulware }]\ndomains: []\n');
    const invalid = await parley(['tournament', bad]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('bad.yaml: strategies[0].kind: must be one of boulware');
    expect((await parley(['tournament', config, '--shard', '1/2'])).code).toBe(64);
  });
});
