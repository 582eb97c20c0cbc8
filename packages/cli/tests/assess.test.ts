import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ansi, parley, root, seeds } from './support/run-parley.js';

describe('parley assess', () => {
  it('prints the plan × party matrix with a stance in every cell, then the reasons', async () => {
    const { code, stdout } = await parley(['assess', seeds]);
    expect(code).toBe(0);
    for (const name of ['Russia', 'Ukraine', 'United States', 'Europe (E3/EU)']) expect(stdout).toContain(name);
    expect(stdout).toContain('US 28-point');
    expect(stdout).toContain('19-point');
    expect(stdout).toContain('E3 counter-proposal');
    expect(stdout.match(/✔ accepts|✘ rejects|… undecided/g)).toHaveLength(12);
    expect(stdout).toContain('Ukraine rejects "US 28-point');
    expect(stdout).toContain('Crosses the red line "No recognition of occupied territory');
    expect(stdout).not.toMatch(ansi);
  });

  it('uses colour only when asked to (a TTY), never in plain output', async () => {
    expect((await parley(['assess', seeds], { colour: true })).stdout).toMatch(ansi);
    expect((await parley(['assess', seeds], { colour: false })).stdout).not.toMatch(ansi);
  });

  it('narrows the matrix with --plan and --party', async () => {
    const { code, stdout } = await parley(['assess', seeds, '--plan', 'us-28', '--party', 'ukraine', 'russia']);
    expect(code).toBe(0);
    expect(stdout.match(/✔ accepts|✘ rejects|… undecided/g)).toHaveLength(2);
    expect(stdout).not.toContain('E3 counter-proposal');
  });

  it('prints the documented JSON with --json', async () => {
    const { code, stdout } = await parley(['assess', seeds, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.plans.map((plan: { id: string }) => plan.id)).toEqual(['us-28', 'us-ukraine-19', 'e3-counterproposal']);
    expect(report.plans[0]).toMatchObject({ id: 'us-28', date: '2025-11-20', title: expect.any(String) });
    expect(report.plans[0].points).toHaveLength(28);
    expect(report.parties).toEqual([
      { id: 'russia', name: 'Russia' },
      { id: 'ukraine', name: 'Ukraine' },
      { id: 'united-states', name: 'United States' },
      { id: 'europe', name: 'Europe (E3/EU)' },
    ]);
    expect(report.assessments).toHaveLength(12);
    const ukraineOn28 = report.assessments.find((a: { plan: string; party: string }) => a.plan === 'us-28' && a.party === 'ukraine');
    expect(ukraineOn28).toMatchObject({ accepts: false, utility: expect.any(Number), margin: expect.any(Number) });
    expect(ukraineOn28.violations[0]).toMatchObject({ redLine: expect.any(String), text: expect.any(String), points: expect.any(Array) });
    expect(ukraineOn28.points[0]).toMatchObject({ point: 1, verdict: expect.stringMatching(/^(acceptable|objectionable|crosses-red-line)$/) });
    const russiaOn19 = report.assessments.find((a: { plan: string; party: string }) => a.plan === 'us-ukraine-19' && a.party === 'russia');
    expect(russiaOn19.openIssues.filter((issue: { blocking: boolean }) => issue.blocking).length).toBeGreaterThan(0);
  });

  it('reports a broken YAML file and the problems of the other files together, prints nothing on stdout, and exits non-zero', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
    cpSync(seeds, dir, { recursive: true });
    writeFileSync(join(dir, 'plans/us-28.yaml'), 'id: us-28\ntitle: [unclosed\n');
    const party = join(dir, 'parties/russia.yaml');
    writeFileSync(party, readFileSync(party, 'utf8').replace('issue: nato.membership', 'issue: nato.membrship'));
    const { code, stderr, stdout } = await parley(['assess', dir]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/plans\/us-28\.yaml: not valid YAML: line \d+, column \d+/);
    expect(stderr).toContain('parties/russia.yaml: redLines[1].rule.issue: unknown issue "nato.membrship" (did you mean "nato.membership"?)');
    expect(stderr).toContain('2 problems');
  });

  it('names the misspelt issue and suggests the intended one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
    cpSync(seeds, dir, { recursive: true });
    const party = join(dir, 'parties/ukraine.yaml');
    writeFileSync(party, readFileSync(party, 'utf8').replace('issue: territory.recognition', 'issue: territory.recogniton'));
    const { code, stderr } = await parley(['assess', dir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/parties\/ukraine\.yaml: redLines\[0\]\.rule\.issue: unknown issue "territory\.recogniton" \(did you mean "territory\.recognition"\?\)/);
  });

  it('fails clearly on a missing scenario directory and on a missing argument', async () => {
    const missing = await parley(['assess', join(tmpdir(), 'no-such-scenario-dir')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no scenario.yaml');
    const noArgument = await parley(['assess']);
    expect(noArgument.code).not.toBe(0);
    expect(noArgument.stderr).toContain("missing required argument 'scenario-dir'");
  });

  it('shows help with an example', async () => {
    const { stdout } = await parley(['assess', '--help']);
    expect(stdout).toContain('pnpm parley assess seeds/ukraine-2025');
  });
});

describe('the parley command as a process', () => {
  it('runs from the repository root and prints plain text when piped', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--conditions=source', 'packages/cli/src/bin.ts', 'assess', seeds], {
      cwd: root,
      env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined },
    });
    expect(stdout).toContain('Ukraine');
    expect(stdout).not.toMatch(ansi);
  }, 60_000); // spawns the CLI from its TypeScript sources
});
