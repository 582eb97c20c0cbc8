import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PartySpec, ScenarioSpec } from '@parley/core';
import { scenarioReport } from '@parley/cli';
// The generator of the core tests: 30 issues × 10 options, 10^30 outcomes.
import { wideScenarioSpec } from '../../core/tests/support/wide-scenario.js';

// On a domain past 2^53 outcomes, the HTML report prints its counts as `parley analyze`
// does (formatCount: 1.0e30), from the analysis's exact counts, never the digits of a
// rounded double (999,999,999,999,999,900,000,000,000,000).

const TEN_TO_THE_30 = `1${'0'.repeat(30)}`;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The 30 × 10 scenario with the parties changed by `party`, written out as a scenario file. */
function writeWide(party: (spec: PartySpec, index: number) => PartySpec): string {
  const spec = wideScenarioSpec({ issues: 30, parties: 3 });
  const dir = mkdtempSync(join(tmpdir(), 'parley-report-wide-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify({ ...spec, parties: spec.parties.map(party) } satisfies ScenarioSpec));
  return dir;
}

/** The text of the report's page without its markup. */
function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
}

describe('parley report on 10^30 outcomes', () => {
  it('prints the number of outcomes and of agreements as 1.0e30, and carries them exactly', async () => {
    // Every party accepts every outcome: no red lines, reservation value 0.
    const { data, html } = await scenarioReport(writeWide((party) => ({ ...party, redLines: [], reservationValue: 0 })), { seed: 1 });

    expect(data.space).toMatchObject({ outcomes: TEN_TO_THE_30, sampled: true, agreements: TEN_TO_THE_30, agreementsExact: true });
    expect(data.space.allParties).toMatchObject({ count: 3, agreements: TEN_TO_THE_30, agreementsExact: true });
    const text = textOf(html);
    expect(text).toContain('600 of the 1.0e30 outcomes, sampled with seed 1');
    expect(text).toContain('1.0e30 outcomes are acceptable to both Party 1 and Party 2');
    expect(text).toContain('1.0e30 outcomes are acceptable to all 3 parties');
    expect(text).toContain('Agreement space: 1.0e30 outcomes acceptable to both (green)');
    expect(text).not.toMatch(/\d{1,3}(,\d{3}){6,}/);
  }, 60_000);

  it('prints what each relaxation opens as 1.0e29 and 9.0e29', async () => {
    // Party 1 will not have o0 on issue-01; party 3 will have nothing else. Setting either
    // line aside opens a tenth of the domain, or nine tenths.
    const line = (kind: 'forbid' | 'require') => ({ id: `${kind}-o0`, text: `${kind} o0 on issue-01`, sources: ['G1'], rule: { kind, issue: 'issue-01', options: ['o0'] } });
    const dir = writeWide((party, index) => ({ ...party, reservationValue: 0, redLines: index === 0 ? [line('forbid')] : index === 2 ? [line('require')] : [] }));

    const { data, html } = await scenarioReport(dir, { seed: 1 });

    expect(data.relaxations.map((relaxation) => [relaxation.relax.map((entry) => entry.text), relaxation.agreements, relaxation.exact])).toEqual(
      expect.arrayContaining([
        [['forbid o0 on issue-01'], `1${'0'.repeat(29)}`, true],
        [['require o0 on issue-01'], `9${'0'.repeat(29)}`, true],
      ]),
    );
    const text = textOf(html);
    expect(text).toContain('1.0e29 outcomes');
    expect(text).toContain('9.0e29 outcomes');
    expect(text).not.toMatch(/\d{1,3}(,\d{3}){6,}/);
  }, 60_000);
});
