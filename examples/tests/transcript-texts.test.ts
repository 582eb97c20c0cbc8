import { planOf, planTextOf, runScenario, transcriptTexts } from '@parley/core';
import { loadScenario, loadTalks } from '@parley/core/node';
import { describe, expect, it } from 'vitest';

// A transcript keeps plan ids and patches, not texts; transcriptTexts gives back the text of
// every version the parties answered, to quote it or judge it again.

const scenario = await loadScenario('seeds/ukraine-2025');
const talks = await loadTalks('seeds/ukraine-2025', scenario);

describe('transcriptTexts', () => {
  it('rebuilds the text of every version the parties answered, from the scenario and the recorded patches', () => {
    const transcript = runScenario(scenario, talks, { seed: 1, continueRounds: 2 });
    const texts = transcriptTexts(scenario, transcript);
    for (const response of transcript.assessments) expect(texts.has(response.version), response.version).toBe(true);
    // Geneva's revision gives the 19-point draft the scenario holds, point for point.
    expect(texts.get('us-ukraine-19@1')?.points).toEqual(JSON.parse(JSON.stringify(planOf(scenario, 'us-ukraine-19').points)));
    expect(texts.get('e3-counterproposal')?.title).toBe(planOf(scenario, 'e3-counterproposal').title);
    // A free round's text is the mediator's amendment of the one before: one point differs.
    const before = planTextOf(scenario.domain, texts.get('us-ukraine-19@1')!);
    const after = planTextOf(scenario.domain, texts.get('us-ukraine-19@2')!);
    expect(after.settlement).not.toEqual(before.settlement);
    expect(texts.get('us-ukraine-19@2')?.points.filter((point, k) => JSON.stringify(point) !== JSON.stringify(texts.get('us-ukraine-19@1')?.points[k]))).toHaveLength(1);
  });
});
