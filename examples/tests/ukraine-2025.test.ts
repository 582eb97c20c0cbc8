import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { assessPlan, openIssues, partyOf, planOf, type Assessment, type Scenario } from '@parley/core';
import { loadScenario } from '@parley/core/node';

// The bundled seeds must reproduce what the parties said by 2 December 2025, and must do
// so from their sourced red lines and preferences alone: these tests use only the public API.

let scenario: Scenario;
const verdict = (party: string, plan: string): Assessment => assessPlan(partyOf(scenario, party), planOf(scenario, plan));
const crossedIssues = (assessment: Assessment) => assessment.violations.flatMap((violation) => violation.issues);

beforeAll(async () => {
  scenario = await loadScenario(fileURLToPath(new URL('../../seeds/ukraine-2025', import.meta.url)));
});

describe('the bundled Ukraine 2025 scenario', () => {
  it('has at least 15 issues, four parties and three plan versions', () => {
    expect(scenario.domain.issues.length).toBeGreaterThanOrEqual(15);
    expect(scenario.parties.map((party) => party.id)).toEqual(['russia', 'ukraine', 'united-states', 'europe']);
    expect(scenario.plans.map((plan) => [plan.id, plan.points.length])).toEqual([
      ['us-28', 28],
      ['us-ukraine-19', 19],
      ['e3-counterproposal', 27],
    ]);
  });

  it('cites a listed source for every red line, interaction and point', () => {
    const cited = [
      ...scenario.parties.flatMap((party) => party.redLines.flatMap((redLine) => redLine.sources)),
      ...scenario.parties.flatMap((party) => (party.preferences.interactions ?? []).flatMap((term) => term.sources)),
      ...scenario.plans.flatMap((plan) => plan.points.flatMap((point) => point.sources)),
    ];
    expect(cited.length).toBeGreaterThan(80);
    for (const key of cited) expect(Object.keys(scenario.sources)).toContain(key);
  });
});

describe('the US 28-point draft (20 November)', () => {
  it('is accepted by Russia as a basis: no red line crossed and better than fighting on', () => {
    const russia = verdict('russia', 'us-28');
    expect(russia.accepts).toBe(true);
    expect(russia.violations).toEqual([]);
    expect(russia.margin).toBeGreaterThan(0);
  });

  it('is rejected by Ukraine over recognition of territory, the constitutional NATO ban and the army cap', () => {
    const ukraine = verdict('ukraine', 'us-28');
    expect(ukraine.accepts).toBe(false);
    expect(ukraine.stance).toBe('rejects');
    expect(crossedIssues(ukraine)).toEqual(expect.arrayContaining(['territory.recognition', 'nato.membership', 'military.army-cap']));
    const pointsCrossing = ukraine.points.filter((point) => point.verdict === 'crosses-red-line').map((point) => point.point);
    expect(pointsCrossing).toEqual(expect.arrayContaining([6, 7, 21]));
    const explanation = ukraine.explain();
    expect(explanation).toMatch(/recognition/i);
    expect(explanation).toMatch(/constitution/i);
    expect(explanation).toMatch(/600,000/);
  });
});

describe('the E3 counter-proposal (23 November)', () => {
  it('is rejected by Russia, because it crosses Russia\'s red lines on territory and NATO', () => {
    const russia = verdict('russia', 'e3-counterproposal');
    expect(russia.accepts).toBe(false);
    expect(russia.stance).toBe('rejects');
    expect(crossedIssues(russia)).toEqual(expect.arrayContaining(['territory.donetsk-held', 'nato.membership']));
  });
});

describe('the US–Ukraine 19-point draft after Geneva', () => {
  it('leaves territory and NATO open for the presidents, and has no amnesty', () => {
    const open = openIssues(planOf(scenario, 'us-ukraine-19'));
    expect(open).toEqual(expect.arrayContaining(['territory.donetsk-held', 'territory.recognition', 'nato.membership', 'governance.amnesty']));
  });

  it('gets from Russia "some points acceptable, some not": no acceptance, the points it can live with, the ones it cannot, and the open issues', () => {
    const russia = verdict('russia', 'us-ukraine-19');
    expect(russia.accepts).toBe(false);
    expect(russia.stance).toBe('undecided');
    const acceptable = russia.points.filter((point) => point.verdict === 'acceptable');
    const notAcceptable = russia.points.filter((point) => point.verdict !== 'acceptable');
    expect(acceptable.length).toBeGreaterThan(notAcceptable.length);
    expect(notAcceptable.length).toBeGreaterThan(0);
    const blocking = russia.openIssues.filter((issue) => issue.blocking).map((issue) => issue.issue);
    expect(blocking).toEqual(expect.arrayContaining(['territory.donetsk-held', 'nato.membership']));
    expect(russia.explain()).toContain('Some points are acceptable to Russia, some are not.');
  });
});
