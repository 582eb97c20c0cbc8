import { describe, expect, it } from 'vitest';
import { ansi, parley, seeds } from './support/run-parley.js';

describe('parley diff', () => {
  it('prints the issues that moved and the points removed and changed as aligned tables, with the revision behind them', async () => {
    const { code, stdout, stderr } = await parley(['diff', seeds, 'us-28', 'us-ukraine-19']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('US 28-point peace plan (leaked draft) → US–Ukraine 19-point draft (after Geneva)');
    expect(stdout).toContain('Points matched by basedOn: us-ukraine-19 is based on us-28.');
    expect(stdout).toContain('Revision geneva-cut by United States and Ukraine (Geneva talks), 2025-11-23');
    expect(stdout).toContain('Issues that moved (10)');
    expect(stdout).toMatch(/│ Ukraine's NATO +│ opened +│ Banned in Ukraine's +│ open +│\n│ membership +│/);
    expect(stdout).toMatch(/│ Ukraine's path to the EU +│ changed +│ Eligible, with early access +│ Eligible, on a separate +│/);
    expect(stdout).toContain('Points removed (9)');
    expect(stdout).toMatch(/│ 21 +│ territory +│ Crimea, Luhansk and Donetsk/);
    expect(stdout).toContain('Points added: none.');
    expect(stdout).toMatch(/│ 11 +│ 6 +│ economy +│ number, summary, sources, assumption, provisions +│/);
    // Aligned: every line of a table has the same width.
    const issueRows = stdout.slice(stdout.indexOf('Issues that moved'), stdout.indexOf('Points removed')).split('\n').filter((line) => /^[┌│├└]/.test(line));
    expect(issueRows.length).toBeGreaterThan(20);
    expect(new Set(issueRows.map((line) => [...line].length)).size).toBe(1);
    expect(stdout).not.toMatch(ansi);
  });

  it('shows point 3 removed and NATO membership changed between the 28-point draft and the E3 text', async () => {
    const { code, stdout } = await parley(['diff', seeds, 'us-28', 'e3-counterproposal']);
    expect(code).toBe(0);
    expect(stdout).toContain('Points removed (1)');
    expect(stdout).toMatch(/│ 3 +│ nato-alignment +│ The parties expect/);
    expect(stdout).toMatch(/│ Ukraine's NATO +│ changed +│ Banned in Ukraine's +│ Depends on a consensus of +│/);
  });

  it('uses colour only when asked to (a TTY)', async () => {
    expect((await parley(['diff', seeds, 'us-28', 'us-ukraine-19'], { colour: true })).stdout).toMatch(ansi);
  });

  it('prints the diff and the revision as JSON with --json', async () => {
    const { code, stdout } = await parley(['diff', seeds, 'us-28', 'e3-counterproposal', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.scenario).toEqual({ id: 'ukraine-2025', title: expect.any(String) });
    expect(report.revision).toMatchObject({ id: 'e3-rewrite', base: 'us-28', result: 'e3-counterproposal', rationale: expect.any(String) });
    expect(report.revision).not.toHaveProperty('patches');
    expect(report.diff).toMatchObject({ from: { id: 'us-28' }, to: { id: 'e3-counterproposal' }, matchedBy: 'basedOn', added: [] });
    expect(report.diff.removed).toEqual([{ number: 3, category: 'nato-alignment', summary: expect.any(String) }]);
    expect(report.diff.issues.find((move: { issue: string }) => move.issue === 'nato.membership')).toEqual({
      issue: 'nato.membership',
      label: "Ukraine's NATO membership",
      kind: 'changed',
      from: { option: 'constitutional-ban', label: expect.any(String) },
      to: { option: 'consensus-dependent', label: expect.any(String) },
      fromPoints: [7],
      toPoints: [7],
    });
  });

  it('compares plans with no revision between them (revision: null)', async () => {
    const report = JSON.parse((await parley(['diff', seeds, 'us-ukraine-19', 'e3-counterproposal', '--json'])).stdout);
    expect(report.revision).toBeNull();
    expect(report.diff.matchedBy).toBe('common-base');
  });

  it('rejects an unknown plan id with the likely intended one, printing nothing on stdout', async () => {
    const { code, stdout, stderr } = await parley(['diff', seeds, 'us-28', 'us-19']);
    expect(code).toBe(64); // a plan id typed on the command line: a usage error
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown plan "us-19" (did you mean "us-ukraine-19"?); known: us-28, us-ukraine-19, e3-counterproposal');
    const revisionId = await parley(['diff', seeds, 'geneva-cut', 'us-28']);
    expect(revisionId.stderr).toContain('"geneva-cut" is a revision, not a plan (did you mean "us-ukraine-19", the plan it produces?)');
  });

  it('needs both plan ids, and shows help with an example', async () => {
    const missing = await parley(['diff', seeds, 'us-28']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("missing required argument 'planB'");
    const { stdout } = await parley(['diff', '--help']);
    expect(stdout).toContain('pnpm parley diff seeds/ukraine-2025 us-28 us-ukraine-19');
  });
});
