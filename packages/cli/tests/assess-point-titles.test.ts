import { describe, expect, it } from 'vitest';
import { parley, seeds } from './support/run-parley.js';

// `parley assess` names the points its verdicts turn on with their short titles, once per
// verdict, so a reader need not open the plan file to know what "point 21" is.

describe('parley assess: point numbers with their short titles', () => {
  it('says once what each point a verdict names is', async () => {
    const { code, stdout } = await parley(['assess', seeds, '--plan', 'us-28', '--party', 'ukraine']);
    expect(code).toBe(0);
    expect(stdout).toContain('    Point 8 is objectionable: worth 0.30 to Ukraine, below its reservation value 0.40.');
    expect(stdout).toContain("    The points named above: 6 (Ukraine's armed forces are limited to…), 7 (Ukraine amends its constitution to rule out…), 8 (NATO undertakes not to base any of its…),");
    expect(stdout).toContain('21 (Crimea, Luhansk and Donetsk are treated as…)');
    expect(stdout.match(/The points named above/g)).toHaveLength(1);
  });

  it('names no point when every point is acceptable', async () => {
    const { stdout } = await parley(['assess', seeds, '--plan', 'us-28', '--party', 'united-states']);
    expect(stdout).not.toContain('named above');
  });
});
