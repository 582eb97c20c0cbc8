import { describe, expect, it } from 'vitest';
import { parley, seeds } from './support/run-parley.js';

// `parley diff` shows how a changed point reads before and after, not only that it changed.

describe('parley diff: the old and new text of changed points', () => {
  it('prints each reworded point as it read in both versions', async () => {
    const { code, stdout } = await parley(['diff', seeds, 'us-28', 'us-ukraine-19']);
    expect(code).toBe(0);
    expect(stdout).toContain('Old and new text of the changed points (us-28 → us-ukraine-19)');
    expect(stdout).toContain([
      '  Point 5 → 3 (security-guarantees): number, summary, sources, assumption changed',
      '    us-28:         Ukraine is promised dependable security guarantees, without further detail at',
      '                   this point.',
      '    us-ukraine-19: Ukraine is promised dependable security guarantees.',
    ].join('\n'));
  });

  it('shows changed provisions by issue and option label', async () => {
    const { stdout } = await parley(['diff', seeds, 'us-28', 'us-ukraine-19']);
    const point = stdout.slice(stdout.indexOf('  Point 11 → 6'), stdout.indexOf('  Point 12 → 7')).replace(/\n\s+/g, ' ');
    expect(point).toContain("[settles Ukraine's path to the EU: Eligible, with early access to the EU market]");
    expect(point).toContain("[settles Ukraine's path to the EU: Eligible, on a separate track]");
  });

  it('names the points whose wording and provisions did not change on one line', async () => {
    const { stdout } = await parley(['diff', seeds, 'us-28', 'us-ukraine-19']);
    expect(stdout).toContain('Same wording and provisions, only the number, sources or assumption changed: points 1, 9 → 4, 25\n    → 17.');
  });
});
