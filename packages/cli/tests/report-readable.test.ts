import { join } from 'node:path';
import { nashPoint } from '@parley/core';
import { loadScenario } from '@parley/core/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { scenarioReport } from '@parley/cli';
import { root, seeds } from './support/run-parley.js';

// The HTML report as an analyst reads it: the timeline names the threshold and the
// reservation value apart, the utility space draws what the analysis says, and the report
// ends with the sources it cites. (report.test.ts opens the page in a browser.)

const sarema = join(root, 'seeds/sarema-basin');

/** The SVG of one chart of the report. */
function chart(html: string, name: string): string {
  const start = html.indexOf(`<figure class="chart" data-chart="${name}">`);
  return html.slice(start, html.indexOf('</figure>', start));
}

describe('parley report: one meaning for each number', () => {
  let ukraine: Awaited<ReturnType<typeof scenarioReport>>;
  beforeAll(async () => {
    ukraine = await scenarioReport(seeds, { seed: 1 });
  }, 60_000);

  it('draws each party\'s threshold and reservation value as two lines, each under its own name', () => {
    const moscow = ukraine.data.timeline.responses.filter((response) => response.party === 'russia').at(-1)!;
    expect(moscow).toMatchObject({ date: '2025-12-02', version: 'us-ukraine-19@1' });
    expect(moscow.threshold).toBeCloseTo(0.66, 2);
    // 0.55, raised by 0.03 by the Pokrovsk claim.
    expect(moscow.reservationValue).toBeCloseTo(0.58, 10);
    expect(moscow.reason).not.toContain('reservation value');
    const timeline = chart(ukraine.html, 'timeline');
    for (const line of ['utility', 'threshold', 'reservation value']) expect(timeline).toContain(`>${line}</text>`);
    expect(timeline).not.toContain('reservation value (threshold)');
    expect(timeline).toContain('threshold 0.66, the least its strategy settles for now (reservation value 0.58)');
    expect(ukraine.html).toContain('its threshold (dashed: the least its strategy settles for at that moment');
  });

  it('says what each assumed shock changed', () => {
    const pokrovsk = ukraine.data.timeline.shocks.find((shock) => shock.kind === 'battlefield')!;
    expect(pokrovsk.changes).toBe("Russia's reservation value +0.03 (0.55 → 0.58), leverage +0.1 (1 → 1.1); Ukraine's reservation value −0.02 (0.40 → 0.38), leverage −0.1 (1 → 0.9)");
    expect(ukraine.html).toContain('Assumed effect: Russia&#39;s reservation value +0.03 (0.55 → 0.58)');
  });
});

describe('parley report: the utility space draws what the analysis says', () => {
  it('with no agreement space, draws the unrestricted frontier labelled as such and no Nash or KS point', async () => {
    const { data, html } = await scenarioReport(seeds, { seed: 1 });
    expect(data.space).toMatchObject({ agreements: 0, frontierOfAgreements: false, nash: null, kalaiSmorodinsky: null });
    expect(data.space.frontier.length).toBeGreaterThan(0);
    const space = chart(html, 'space');
    expect(space).toContain('No agreement space: no outcome is acceptable to both Russia and Ukraine, so no Nash or KS point');
    expect(space).toContain('Pareto frontier of all outcomes (unrestricted)');
    expect(space).not.toMatch(/aria-label="(Nash|Kalai–Smorodinsky) point/);
    expect(html).toContain('The dashed frontier is that of all outcomes, unrestricted: red lines and reservation values ignored.');
  }, 60_000);

  it('never samples more outcomes than the domain has: a small domain is drawn whole, each outcome once', async () => {
    const { data, html } = await scenarioReport(sarema, { seed: 1 });
    expect(data.space).toMatchObject({ outcomes: 486, sampled: false });
    expect(data.space.sample).toHaveLength(486);
    const ukraine = await scenarioReport(seeds, { seed: 1 });
    expect(ukraine.data.space).toMatchObject({ outcomes: 816_293_376, sampled: true });
    expect(ukraine.data.space.sample).toHaveLength(600);
    expect(html).toContain('All 486 outcomes of the domain, each once');
    expect(ukraine.html).toContain('600 of the 816,293,376 outcomes, sampled with seed 1');
  }, 60_000);

  it('keeps both the Nash and the KS marker visible where they coincide', async () => {
    const { data, html } = await scenarioReport(sarema, { seed: 1, parties: ['upland', 'deltania'] });
    expect(data.space.nash).not.toBeNull();
    expect(data.space.kalaiSmorodinsky).toEqual(data.space.nash);
    const space = chart(html, 'space');
    expect(space).toContain('aria-label="Nash point (Upland and Deltania only), the same as the Kalai–Smorodinsky point');
    expect(space).toContain('aria-label="Kalai–Smorodinsky point (Upland and Deltania only), the same as the Nash point');
    expect(space).toContain('>Nash = KS</text>');
  }, 60_000);

  it('with three or more parties, says the two-party points are not analyze\'s n-party Nash point, and draws that one projected', async () => {
    const scenario = await loadScenario(sarema);
    const { data, html } = await scenarioReport(sarema, { seed: 1, parties: ['upland', 'deltania'] });
    const all = nashPoint(scenario.parties, { acceptableOnly: true });
    expect(all?.found).toBe(true);
    if (all?.found !== true) return;
    expect(data.space.allParties).toMatchObject({ count: 3, agreements: 21 });
    expect(data.space.allParties?.nash?.x).toBeCloseTo(all.utilities[0]!, 5);
    expect(data.space.allParties?.nash?.y).toBeCloseTo(all.utilities[2]!, 5);
    expect(data.space.nash).not.toEqual(data.space.allParties?.nash);
    expect(chart(html, 'space')).toContain("Two-party projection: not parley analyze's 3-party Nash point");
    expect(chart(html, 'space')).toContain('>Nash (all 3)</text>');
    expect(html).toContain("This chart is a two-party projection: its Nash and Kalai–Smorodinsky points, if any, are of Upland and Deltania alone, not <code>parley analyze</code>'s 3-party Nash point.");
  }, 60_000);
});

describe('parley report: readable for an analyst', () => {
  it('ends with a bibliography of every source key it cites, marking those of low reliability', async () => {
    const { data, html } = await scenarioReport(seeds, { seed: 1 });
    const sources = html.slice(html.indexOf('<section id="sources">'));
    expect(html.lastIndexOf('</section>')).toBe(html.indexOf('</section>', html.indexOf('<section id="sources">')));
    const cited = new Set([...html.slice(0, html.indexOf('<section id="sources">')).matchAll(/href="#source-([^"]+)"/g)].map((match) => match[1]!));
    const listed = [...sources.matchAll(/<dt id="source-([^"]+)">/g)].map((match) => match[1]!);
    expect(listed).toEqual(data.sources.map((source) => source.key));
    for (const key of cited) expect(listed).toContain(key);
    // S8, a Pravda-network page, is marked reliability: low in sources.yaml.
    expect(sources).toContain('<dt id="source-S8">S8 <span class="low-reliability">low reliability</span></dt><dd>news-pravda.com/world/2025/11/20/1873519.html');
    expect(data.sources.find((source) => source.key === 'S1')).toMatchObject({ lowReliability: false, note: null });
    // The points behind the heatmap cite their sources too (in each cell's hover text).
    expect(chart(html, 'heatmap')).toMatch(/aria-label="[^"]*\[S1, S2\]/);
  }, 60_000);

  it('shows the old and the new text of the points a revision changed', async () => {
    const { html } = await scenarioReport(seeds, { seed: 1 });
    const geneva = html.slice(html.indexOf('data-revision="geneva-cut"'), html.indexOf('</article>', html.indexOf('data-revision="geneva-cut"')));
    expect(geneva).toContain('<th>Text in us-28</th><th>Text in us-ukraine-19</th>');
    expect(geneva).toContain('<td>Ukraine is promised dependable security guarantees, without further detail at this point.</td><td>Ukraine is promised dependable security guarantees.</td>');
  }, 60_000);
});
