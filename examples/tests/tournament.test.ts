import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { boulware, negotiate, offerTable, seededUniform } from '@parley/core';
import { loadGeniusScenario } from '@parley/core/node';

// The worked example: a tournament over the GENIUS domains in ../shared/genius-domains,
// run as a reader would run it, and the energy domain's negotiation that issue 15 began with.
const examples = fileURLToPath(new URL('..', import.meta.url));
const energy = fileURLToPath(new URL('../../../shared/genius-domains/energy/', import.meta.url));

describe('the tournament example', () => {
  it('ranks the strategies over three GENIUS domains, with the hard-bargaining ones ahead and the random baseline last', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--conditions=source', 'src/tournament-genius.ts'], { cwd: examples, env: { ...process.env, NO_COLOR: '1' } });
    expect(stdout).toContain('336 negotiations on energy, itex-cypress, england-zimbabwe (seed 7)');
    const ranking = [...stdout.matchAll(/^(\d)\. (\S+) +utility (\d\.\d+)/gm)].map((match) => match[2]);
    expect(ranking).toHaveLength(8);
    expect(ranking.indexOf('boulware')).toBeLessThan(ranking.indexOf('conceder'));
    expect(ranking.at(-1)).toBe('random');
    expect(stdout).toMatch(/frequency-pareto .* model error 0\.\d{3}/);
    expect(stdout).toMatch(/boulware − conceder: 0\.\d+, Welch p = \d\.\d+e-\d+/);
    expect(stdout).toContain('Ukraine 2025, alternating offers, 12 rounds: expired');
  }, 120_000);

  it('two Boulware parties on the energy domain open at their best and negotiate into the deadline, instead of agreeing in round 0', async () => {
    const { scenario } = await loadGeniusScenario(`${energy}energy_domain.xml`, [`${energy}energy_consumer.xml`, `${energy}energy_distributor.xml`]);
    const table = offerTable(scenario.parties);
    const result = negotiate(table, [boulware, boulware], { deadline: 100, random: seededUniform(1), trace: true });
    expect(result.offers![0]!.outcome).toBe(table.spaces[0]!.ranked(0));
    expect(table.spaces[0]!.utility(result.offers![0]!.outcome)).toBe(1);
    expect(result.status).toBe('agreed');
    expect(result.round).toBeGreaterThan(50);
  }, 60_000);
});
