import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { planOf, runScenario, type PartyResponse, type Scenario, type TalksSpec, type Transcript, type TranscriptStep } from '@parley/core';
import { loadScenario, loadTalks } from '@parley/core/node';

// The bundled talks replay, checked as a user would read it: the timeline of 20 November –
// 2 December 2025 ends without agreement, for the reasons the parties gave.

const seeds = fileURLToPath(new URL('../../seeds/ukraine-2025', import.meta.url));
let scenario: Scenario;
let talks: TalksSpec;
let transcript: Transcript;

beforeAll(async () => {
  scenario = await loadScenario(seeds);
  talks = await loadTalks(seeds, scenario);
  transcript = runScenario(scenario, talks);
});

/** The step a timeline entry produced, found by words of its summary. */
const stepsOf = (words: string) => transcript.steps.filter((step) => step.timeline?.summary.includes(words));
const responseOf = (step: TranscriptStep): PartyResponse => {
  expect(step.effect?.kind).toBe('response');
  return (step.effect as Extract<TranscriptStep['effect'], { kind: 'response' }>).response;
};

describe('the Ukraine 2025 talks, replayed from the timeline', () => {
  it('end without agreement: adjourned when the timeline runs out, with territory and NATO unresolved', () => {
    expect(transcript.final.status).toBe('adjourned');
    expect(transcript.final.reason).toBe('the talks ended on 2025-12-02 without agreement');
    expect(transcript.final.date).toBe('2025-12-02');
    expect(transcript.final.version).toBe('us-ukraine-19@1');
    expect(transcript.final.unresolvedIssues).toEqual(expect.arrayContaining(['territory.donetsk-held', 'nato.membership']));
    for (const issue of transcript.final.unresolvedIssues) expect(scenario.domain.issues.map((candidate) => candidate.id)).toContain(issue);
    expect(transcript.steps.at(-1)).toMatchObject({ event: { type: 'END' }, accepted: true, state: 'adjourned', effect: { kind: 'ended', status: 'adjourned' } });
    // Every timeline event was legal when it came.
    expect(transcript.steps.filter((step) => !step.accepted)).toEqual([]);
  });

  it('open with the 28-point draft, which Russia and the United States accept and Ukraine and Europe do not', () => {
    const [start, ...responses] = stepsOf('28-point draft');
    expect(start).toMatchObject({ date: '2025-11-20', event: { type: 'START', text: 'us-28' }, effect: { kind: 'opened', version: 'us-28@0' } });
    expect(planOf(scenario, 'us-28').points).toHaveLength(28);
    expect(Object.fromEntries(responses.map((step) => [responseOf(step).party, responseOf(step).decision]))).toEqual({
      ukraine: 'objects',
      russia: 'accepts',
      'united-states': 'accepts',
      europe: 'objects',
    });
    const ukraine = responses.map(responseOf).find((response) => response.party === 'ukraine')!;
    expect(ukraine.redLinesCrossed).toEqual(expect.arrayContaining(['no-recognition', 'no-territory-given-up']));
  });

  it('revise it in Geneva to the 19-point text, with the patches that make the revision', () => {
    expect(transcript.revisions).toHaveLength(1);
    const [revision] = transcript.revisions;
    expect(revision).toMatchObject({ kind: 'revised', from: 'us-28@0', to: 'us-ukraine-19@1' });
    expect(revision!.patches.length).toBeGreaterThan(0);
    for (const patch of revision!.patches) expect(patch).toMatchObject({ op: expect.stringMatching(/^(add|remove|replace)$/), path: expect.any(Array) });
    const [step] = stepsOf('cut to 19 points');
    expect(step).toMatchObject({ date: '2025-11-23', event: { type: 'REVISE', revision: 'us-ukraine-19', patches: revision!.patches.length }, effect: revision });
    expect(planOf(scenario, 'us-ukraine-19').points).toHaveLength(19);
  });

  it('hear the E3 counter-proposal, which Russia rejects across its red lines', () => {
    const [step] = stepsOf('E3 counter-proposal');
    expect(step).toMatchObject({ date: '2025-11-23', event: { type: 'COUNTER_PROPOSAL', plan: 'e3-counterproposal', by: 'europe' }, timeline: { kind: 'counter-proposal' } });
    const effect = step!.effect as Extract<TranscriptStep['effect'], { kind: 'counter-proposal' }>;
    expect(effect.kind).toBe('counter-proposal');
    const russia = effect.responses.find((response) => response.party === 'russia')!;
    expect(russia).toMatchObject({ version: 'e3-counterproposal', decision: 'objects', stance: 'rejects' });
    expect(russia.redLinesCrossed.length).toBeGreaterThan(0);
    expect(effect.responses.find((response) => response.party === 'ukraine')?.decision).toBe('accepts');
  });

  it('record Yermak\'s resignation as a change of negotiator, and the Pokrovsk claim as a battlefield shock', () => {
    const [yermak] = stepsOf('Yermak resigns');
    expect(yermak).toMatchObject({ date: '2025-11-28', accepted: true, event: { type: 'NEGOTIATOR_CHANGE', party: 'ukraine', strategy: 'linear' }, effect: { kind: 'shock' } });
    expect(yermak!.timeline?.assumption).toBeDefined();
    const [pokrovsk] = stepsOf('Pokrovsk');
    expect(pokrovsk).toMatchObject({ date: '2025-11-30', accepted: true, event: { type: 'BATTLEFIELD' }, effect: { kind: 'shock' }, timeline: { kind: 'battlefield' } });
    const effects = (pokrovsk!.event as unknown as { effects: { party: string; reservationShift: number }[] }).effects;
    expect(effects.find((effect) => effect.party === 'russia')!.reservationShift).toBeGreaterThan(0);
    expect(effects.find((effect) => effect.party === 'ukraine')!.reservationShift).toBeLessThan(0);
  });

  it('end in Moscow, where Russia does not accept: some points are acceptable to it and others are not', () => {
    const [moscow, ...more] = stepsOf('meet Putin');
    expect(more).toEqual([]);
    expect(moscow).toMatchObject({ date: '2025-12-02', event: { type: 'PRESENT', party: 'russia' }, timeline: { kind: 'meeting' } });
    const russia = responseOf(moscow!);
    expect(russia.version).toBe('us-ukraine-19@1');
    expect(russia.decision).toBe('objects');
    expect(russia.stance).not.toBe('accepts');
    const numbers = planOf(scenario, 'us-ukraine-19').points.map((point) => point.number);
    expect(russia.pointsObjected.length).toBeGreaterThan(0);
    expect(russia.pointsObjected.length).toBeLessThan(numbers.length);
    for (const point of russia.pointsObjected) expect(numbers).toContain(point);
    // What stops it is what the 19 points leave open, territory and NATO first.
    expect(russia.blockingIssues).toEqual(expect.arrayContaining(['territory.donetsk-held', 'nato.membership']));
  });

  it('with 12 more rounds of mediation still end without agreement, the same way every time for a seed', { timeout: 30_000 }, () => {
    const longer = runScenario(scenario, talks, { seed: 5, continueRounds: 12 });
    expect(['stalled', 'adjourned']).toContain(longer.final.status);
    expect(longer.steps.some((step) => step.state === 'agreed')).toBe(false);
    expect(longer.revisions.length).toBeGreaterThan(transcript.revisions.length);
    // The timeline's part is replayed unchanged before the free rounds.
    const replayed = transcript.steps.length - 1;
    expect(JSON.stringify(longer.steps.slice(0, replayed))).toBe(JSON.stringify(transcript.steps.slice(0, replayed)));
    expect(JSON.stringify(runScenario(scenario, talks, { seed: 5, continueRounds: 12 }))).toBe(JSON.stringify(longer));
  });
});
