import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parley, root, seeds } from './support/run-parley.js';

const genius = fileURLToPath(new URL('../../../../shared/genius-domains/', import.meta.url));

describe('parley analyze <scenario-dir>', () => {
  it('says no compromise plan exists for the Ukraine 2025 seeds, names the conflicting red lines and the relaxations', async () => {
    const { code, stdout } = await parley(['analyze', seeds]);
    expect(code).toBe(0);
    expect(stdout).toContain('no compromise plan currently exists');
    expect(stdout).toContain('The red lines that cannot hold together (a minimal set):');
    expect(stdout).toMatch(/Russia: ".*" \[S/);
    expect(stdout).toMatch(/Ukraine: ".*" \[S/);
    expect(stdout).toContain('The smallest relaxations that would open a zone of agreement');
    expect(stdout).toContain('What would make "US–Ukraine 19-point draft (after Geneva)" acceptable to every party');
  });

  it('prints the documented JSON with --json', async () => {
    const { code, stdout } = await parley(['analyze', seeds, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ outcomes: 816_293_376, agreements: 0, exact: true, pareto: [], nash: null, kalaiSmorodinsky: null, maxWelfare: null });
    expect(report.timing.analysisMs).toBeGreaterThan(0);
    expect(report.conflicts[0].length).toBeGreaterThanOrEqual(2);
    expect(report.relaxations.length).toBeGreaterThan(0);
    for (const relaxation of report.relaxations) {
      expect(relaxation.agreements).toBeGreaterThan(0);
      expect(relaxation.relax.length).toBeLessThanOrEqual(3);
      expect(relaxation.nash.utilities).toHaveLength(4);
    }
    expect(report.planRepairs.map((entry: { plan: string }) => entry.plan)).toEqual(['us-28', 'us-ukraine-19', 'e3-counterproposal']);
  });
});

describe('parley analyze --json, like the other commands', () => {
  it('names the scenario as assess --json does', async () => {
    const analysis = JSON.parse((await parley(['analyze', seeds, '--max-size', '1', '--json'])).stdout);
    const assessment = JSON.parse((await parley(['assess', seeds, '--json'])).stdout);
    expect(analysis.scenario).toEqual({ id: 'ukraine-2025', title: 'The late-2025 US-brokered Ukraine peace process', asOf: '2025-12-02' });
    expect(analysis.scenario).toEqual(assessment.scenario);
  });

  it('keeps the timings, the one part that varies between runs, under `timing`: without it two runs are byte for byte the same', async () => {
    const first = JSON.parse((await parley(['analyze', seeds, '--max-size', '1', '--json'])).stdout);
    const second = JSON.parse((await parley(['analyze', seeds, '--max-size', '1', '--json'])).stdout);
    expect(Object.keys(first.timing)).toEqual(['analysisMs', 'repairsMs']);
    expect(first).not.toHaveProperty('elapsedMs');
    expect(first).not.toHaveProperty('repairsElapsedMs');
    const { timing: _first, ...rest } = first;
    const { timing: _second, ...again } = second;
    expect(JSON.stringify(again)).toBe(JSON.stringify(rest));
  }, 30_000);
});

describe('parley analyze --genius', () => {
  it('reproduces GENIUS on the energy domain', async () => {
    const dir = join(genius, 'energy');
    const { code, stdout } = await parley(['analyze', '--genius', join(dir, 'energy_domain.xml'), join(dir, 'energy_consumer.xml'), join(dir, 'energy_distributor.xml'), '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.outcomes).toBe(390_625);
    expect(report.agreements).toBe(390_625);
    expect(report.pareto).toHaveLength(204);
    expect(report.nash.utilities[0]).toBeCloseTo(0.625, 6);
    expect(report.nash.utilities[1]).toBeCloseTo(0.754286, 6);
    expect(report.kalaiSmorodinsky.utilities[0]).toBeCloseTo(0.6825, 6);
    expect(report.kalaiSmorodinsky.utilities[1]).toBeCloseTo(0.684, 6);
    expect(Object.keys(report.maxWelfare.outcome)).toHaveLength(8);
  });

  it('prints a readable report with the frontier table', async () => {
    const dir = join(genius, 'itex-cypress');
    const { code, stdout } = await parley(['analyze', '--genius', join(dir, 'ItexvsCypress_domain.xml'), join(dir, 'ItexvsCypress_Itex.xml'), join(dir, 'ItexvsCypress_Cypress.xml')]);
    expect(code).toBe(0);
    expect(stdout).toContain('180 outcomes are acceptable to every party.');
    expect(stdout).toContain('Pareto frontier of the agreements: 18 points');
    expect(stdout).toMatch(/Nash point\n {2}.*0\.7215.*0\.6705/);
  });

  it('rejects a malformed GENIUS file with its problems and a non-zero exit', async () => {
    const { code, stderr } = await parley(['analyze', '--genius', join(genius, 'energy/energy_domain.xml'), join(root, 'README.md')]);
    expect(code).toBe(2);
    expect(stderr).toContain('README.md');
  });

  it('explains how to call it when the paths do not fit', async () => {
    const noProfiles = await parley(['analyze', '--genius', join(genius, 'energy/energy_domain.xml')]);
    expect(noProfiles.code).not.toBe(0);
    expect(noProfiles.stderr).toContain('--genius needs a domain XML followed by at least one profile XML');
    const twoDirs = await parley(['analyze', seeds, seeds]);
    expect(twoDirs.code).not.toBe(0);
    expect(twoDirs.stderr).toContain('expected one scenario directory');
  });

  it('rejects a budget that is not a positive whole number', async () => {
    const { code, stderr } = await parley(['analyze', seeds, '--budget', 'lots']);
    expect(code).not.toBe(0);
    expect(stderr).toContain('expected a positive whole number');
  });
});
