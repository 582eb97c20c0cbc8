import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  agreementSpace,
  assessPlan,
  choicesOf,
  createParty,
  diffPlans,
  minimalRelaxations,
  nashPoint,
  partyOf,
  planOf,
  planRepairs,
  runScenario,
  type Assessment,
  type Scenario,
  type TalksSpec,
} from '@parley/core';
import { loadScenario, loadTalks } from '@parley/core/node';

// The worked example of docs/modelling-a-new-conflict.md: a fictional three-state river
// treaty. Every verdict and analysis result the guide states is asserted here, so the guide
// cannot silently go stale when the seeds or the library change.

const dir = fileURLToPath(new URL('../../seeds/sarema-basin', import.meta.url));
let scenario: Scenario;
let talks: TalksSpec;
const verdict = (party: string, plan: string): Assessment => assessPlan(partyOf(scenario, party), planOf(scenario, plan));
const stances = (plan: string) => Object.fromEntries(scenario.parties.map((party) => [party.id, verdict(party.id, plan).stance]));

beforeAll(async () => {
  scenario = await loadScenario(dir);
  talks = await loadTalks(dir, scenario);
});

describe('the Sarema basin scenario (docs/modelling-a-new-conflict.md)', () => {
  it('loads: six issues, three parties, two plans and one revision', () => {
    expect(scenario.domain.issues.map((issue) => issue.id)).toEqual(['dam.filling', 'flow.minimum', 'drought.sharing', 'data.sharing', 'disputes', 'power.sales']);
    expect(scenario.parties.map((party) => party.id)).toEqual(['upland', 'midland', 'deltania']);
    expect(scenario.plans.map((plan) => plan.id)).toEqual(['upland-draft', 'deltania-counter', 'commission-text']);
    expect(scenario.revisions.map((revision) => revision.id)).toEqual(['commission-compromise']);
  });

  it("Upland's draft: Upland accepts; Midland and Deltania reject it across red lines", () => {
    expect(stances('upland-draft')).toEqual({ upland: 'accepts', midland: 'rejects', deltania: 'rejects' });
    expect(verdict('midland', 'upland-draft').violations.map((violation) => [violation.redLine, violation.points])).toEqual([['no-upstream-priority', [2]]]);
    expect(verdict('deltania', 'upland-draft').violations.map((violation) => [violation.redLine, violation.points])).toEqual([
      ['fast-filling-needs-guarantee', [1]],
      ['verifiable-treaty', [4]],
    ]);
  });

  it("Deltania's counter-proposal: Upland rejects it across both its red lines; power sales stay open but block nothing", () => {
    expect(stances('deltania-counter')).toEqual({ upland: 'rejects', midland: 'accepts', deltania: 'accepts' });
    expect(verdict('upland', 'deltania-counter').violations.map((violation) => violation.redLine)).toEqual(['no-slow-filling', 'no-outside-arbiter']);
    expect(verdict('deltania', 'deltania-counter').openIssues.map((open) => [open.issue, open.blocking])).toEqual([['power.sales', false]]);
  });

  it('the basin-commission text (the revision) is accepted by all three, with thin margins for Upland and Deltania', () => {
    expect(stances('commission-text')).toEqual({ upland: 'accepts', midland: 'accepts', deltania: 'accepts' });
    expect(verdict('upland', 'commission-text').margin).toBeCloseTo(0.12, 2);
    expect(verdict('deltania', 'commission-text').margin).toBeCloseTo(0.08, 2);
    const diff = diffPlans(planOf(scenario, 'upland-draft'), planOf(scenario, 'commission-text'));
    expect(diff.matchedBy).toBe('basedOn');
    expect(diff.issues.map((move) => [move.issue, move.kind])).toEqual([
      ['dam.filling', 'changed'],
      ['drought.sharing', 'changed'],
      ['data.sharing', 'changed'],
      ['disputes', 'changed'],
      ['power.sales', 'changed'],
    ]);
  });

  it('analysis: a zone of agreement exists (21 outcomes); the Nash point trades fast filling for a year-round flow', () => {
    const space = agreementSpace(scenario.parties);
    expect(space.empty).toBe(false);
    expect(space.agreements).toBe(21);
    const nash = nashPoint(scenario.parties);
    if (nash === null || !nash.found) throw new Error('expected a Nash point');
    expect(choicesOf(scenario.domain, nash.outcome)).toEqual({
      'dam.filling': '3-years',
      'flow.minimum': 'guaranteed-minimum',
      'drought.sharing': 'proportional-cuts',
      'data.sharing': 'real-time-telemetry',
      disputes: 'basin-commission',
      'power.sales': 'discount-to-riparians',
    });
  });

  it("plan repairs: Upland's draft needs three edits, Deltania's counter two edits and the open issue settled", () => {
    const [draft] = planRepairs(scenario.parties, planOf(scenario, 'upland-draft'));
    expect(draft!.relax).toEqual([]);
    expect(draft!.changes.map((change) => [change.issue, change.to])).toEqual([
      ['dam.filling', '7-years'],
      ['drought.sharing', 'downstream-first'],
      ['disputes', 'basin-commission'],
    ]);
    const [counter] = planRepairs(scenario.parties, planOf(scenario, 'deltania-counter'));
    expect(counter!.changes.map((change) => [change.issue, change.to])).toEqual([
      ['dam.filling', '7-years'],
      ['disputes', 'basin-commission'],
    ]);
    expect(counter!.settlements.map((change) => [change.issue, change.to])).toEqual([['power.sales', 'market-price']]);
  });

  it('what if Upland also insisted on bilateral talks only? Then no deal exists, and the conflict is named', () => {
    const { domain, ...upland } = partyOf(scenario, 'upland');
    const stricter = createParty(domain, {
      ...upland,
      redLines: [...upland.redLines, { id: 'bilateral-only', text: 'Disputes are settled in bilateral talks only.', sources: ['T2'], rule: { kind: 'require', issue: 'disputes', options: ['bilateral-talks'] } }],
    });
    const parties = scenario.parties.map((party) => (party.id === 'upland' ? stricter : party));
    const space = agreementSpace(parties);
    expect(space.empty).toBe(true);
    expect(space.conflict!.map((line) => line.text)).toEqual(
      expect.arrayContaining(['Disputes are settled in bilateral talks only.', 'The treaty must be verifiable — shared flow data, and a forum beyond bilateral talks.']),
    );
    const ways = minimalRelaxations(parties);
    expect(ways.every((way) => way.relax.length === 1)).toBe(true);
    expect(ways.map((way) => way.relax[0]!.text)).toEqual(
      expect.arrayContaining(['Disputes are settled in bilateral talks only.', 'The treaty must be verifiable — shared flow data, and a forum beyond bilateral talks.']),
    );
  });
});

describe('the Sarema talks (talks.yaml)', () => {
  it('end agreed: the commission text is signed at the Lake Sarema summit', () => {
    const transcript = runScenario(scenario, talks);
    expect(transcript.final).toMatchObject({ status: 'agreed', date: '2030-05-12', version: 'commission-text@1', unresolvedIssues: [] });
    expect([...transcript.final.acceptedBy].sort()).toEqual(['deltania', 'midland', 'upland']);
    expect(transcript.steps.filter((step) => !step.accepted)).toEqual([]);
    expect(transcript.revisions.map((revision) => [revision.from, revision.to])).toEqual([['upland-draft@0', 'commission-text@1']]);
  });

  it('first: Upland accepts its own draft; Midland and Deltania object', () => {
    const transcript = runScenario(scenario, talks);
    const first = transcript.assessments.filter((response) => response.version === 'upland-draft@0');
    expect(Object.fromEntries(first.map((response) => [response.party, response.decision]))).toEqual({ upland: 'accepts', midland: 'objects', deltania: 'objects' });
  });

  it('the drought matters: without it Deltania still holds out for more than the commission text gives', () => {
    const withoutDrought: TalksSpec = { ...talks, timeline: talks.timeline.filter((event) => event.kind !== 'battlefield') };
    const transcript = runScenario(scenario, withoutDrought);
    expect(transcript.final.status).not.toBe('agreed');
    const last = transcript.assessments.filter((response) => response.party === 'deltania').at(-1)!;
    expect(last).toMatchObject({ version: 'commission-text@1', decision: 'objects', redLinesCrossed: [] });
    expect(last.utility).toBeLessThan(last.threshold);
  });

  it('is deterministic: the same seed gives the same transcript', () => {
    expect(JSON.stringify(runScenario(scenario, talks, { seed: 3, continueRounds: 2 }))).toBe(JSON.stringify(runScenario(scenario, talks, { seed: 3, continueRounds: 2 })));
  });
});
