import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parley, root, seeds } from './support/run-parley.js';

const elmira = join(root, 'packages/core/tests/fixtures/gmcr/elmira.gmcr');
const scratch = mkdtempSync(join(tmpdir(), 'parley-stability-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('parley stability on a .gmcr file (the Elmira conflict)', () => {
  it('prints the table of each state, the equilibria and the path from the status quo in words', async () => {
    const { code, stdout } = await parley(['stability', elmira, '--from', 'state-1', '--outcome', 'state-1', '--outcome', 'state-7']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/state 1 \(NYNNN\)\n[\s\S]*Local Government +│ ✗ +│ ✓ +│ ✓ +│ ✗ +│ ✗/);
    // The breaking move and a sanction, in the file's option names.
    expect(stdout).toContain('✗ Local Government breaks it (Nash, SEQ, SIM): Insist on the original order: no → yes');
    expect(stdout).toMatch(/✓ Local Government would gain by Insist on the original order: no → yes, but is deterred \(GMR/);
    expect(stdout).toMatch(/Equilibria \(stable for every party\)\n {2}Nash: 6\n/);
    expect(stdout).toContain('From state 1 (NYNNN)');
    expect(stdout).toMatch(/1\. 1 move → state 7 \(NYNNY\)\n +Local Government: Insist on the original order: no → yes/);
  });

  it('says which coalition would leave an equilibrium together, and how', async () => {
    const { code, stdout } = await parley(['stability', elmira, '--outcome', 'state-7', '--coalition', 'ministry-of-the-environment,uniroyal', '--concepts', 'nash', '--no-equilibria']);
    expect(code).toBe(0);
    expect(stdout.replace(/\n\s+/g, ' ')).toContain(
      '✗ Ministry of the Environment + Uniroyal would gain together (1 coalitional improvement): Ministry of the Environment: Modify the control order: no → yes, then Uniroyal: Delay the appeal: yes → no; Accept the control order: no → yes; nobody outside deters it',
    );
    expect(stdout).not.toContain('Equilibria (stable');
  });

  it('prints JSON with states as choices', async () => {
    const { code, stdout } = await parley(['stability', elmira, '--concepts', 'nash,gmr', '--from', 'state-1', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.exact).toBe(true);
    expect(json.equilibria.map((entry: { concept: string; count: number }) => [entry.concept, entry.count])).toEqual([['nash', 6], ['gmr', 8]]);
    expect(json.outcomes).toHaveLength(12);
    expect(json.statusQuo.equilibria[0].path).toEqual([{ mover: 'local-government', choices: expect.objectContaining({ 'insist-on-the-original-order': 'y' }) }]);
  });
});

describe('parley stability on the Ukraine seeds', () => {
  it('judges the status quo of 2 December 2025 with labels, not ids, and follows the improvements from it', async () => {
    const { code, stdout } = await parley(['stability', seeds, '--concepts', 'nash']);
    expect(code).toBe(0);
    expect(stdout).toContain('The situation on 2 December 2025 (no settlement)');
    expect(stdout).toMatch(/United States +│ ✗/);
    expect(stdout).toContain('✗ United States breaks it (Nash): ');
    expect(stdout).toContain('Sanctions on Russia: Maintained →');
    expect(stdout).not.toMatch(/economy\.sanctions|territory\.recognition/);
    expect(stdout).toContain('Equilibria not enumerated (816,293,376 outcomes): add --equilibria to count them.');
    expect(stdout).toMatch(/From The situation on 2 December 2025 \(no settlement\)\n {2}[\d,]+ states reachable by improvements; \d+ where nobody can improve any more\./);
  }, 60_000);

  it('says what still holds when the budget stops it', async () => {
    const { code, stdout } = await parley(['stability', seeds, '--concepts', 'nash', '--budget', '50']);
    expect(code).toBe(0);
    expect(stdout).toContain('Cut short (budget)');
    expect(stdout).toContain('states reachable by improvements so far (cut short)');
  }, 60_000);
});

describe('parley stability with wrong input', () => {
  it.each([
    ['an unknown concept', ['--concepts', 'nash,gmrr'], /expected concepts among nash, gmr, smr, seq, sim.*unknown: gmrr/],
    ['a coalition of one', ['--coalition', 'europe'], /a coalition names at least two parties/],
    ['an unknown outcome', ['--outcome', 'status-quo'], /no named outcome "status-quo"; named: status-quo-2025-12-02/],
    ['an unknown party', ['--coalition', 'united-states,eu'], /unknown party "eu"/],
    ['a bad red-line mode', ['--red-lines', 'never'], /expected one of never-move-to, infeasible, ignore/],
  ])('exits 64 for %s', async (_what, args, message) => {
    const { code, stderr } = await parley(['stability', seeds, '--concepts', 'nash', ...args]);
    expect(code).toBe(64);
    expect(stderr).toMatch(message);
  }, 60_000);

  it('exits 2 for a broken .gmcr file, naming the file and the path', async () => {
    const file = join(scratch, 'broken.gmcr');
    writeFileSync(file, JSON.stringify({ options: [{ name: 'a' }], decisionMakers: [{ name: 'One', options: [3] }] }));
    const { code, stderr } = await parley(['stability', file]);
    expect(code).toBe(2);
    expect(stderr).toContain('broken.gmcr: decisionMakers[0].options[0]: option 3 does not exist; the file has 1 option (0–0)');
  });

  it('exits 64 for a scenario without a control of moves', async () => {
    const { code, stderr } = await parley(['stability', join(root, 'seeds/sarema-basin')]);
    expect(code).toBe(64);
    expect(stderr).toMatch(/has no control of moves: add a control\.yaml/);
  });
});
