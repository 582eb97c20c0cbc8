import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTalks, runScenario, type PartyResponse, type TalksSpec, type Transcript } from '@parley/core';
import { loadScenario, loadTalks } from '@parley/core/node';

// Each answer of the talks rests on two numbers: the party's threshold (what its strategy
// holds out for then) and its reservation value (what walking away is worth then: the
// scenario's, moved by the shocks so far, and never outside the utility scale [0, 1]).

const seeds = fileURLToPath(new URL('../../../seeds/ukraine-2025', import.meta.url));
const scenario = await loadScenario(seeds);
const talks = await loadTalks(seeds, scenario);

/** The answers a party gave to a version, in order. */
const answers = (transcript: Transcript, party: string, version: string): PartyResponse[] =>
  transcript.assessments.filter((response) => response.party === party && response.version === version);

describe('every answer records the reservation value it was drawn from', () => {
  const transcript = runScenario(scenario, talks, { seed: 1 });

  it('is the scenario\'s before any shock, and moved by the shocks after them', () => {
    const [russiaOn28] = answers(transcript, 'russia', 'us-28@0');
    expect(russiaOn28).toMatchObject({ decision: 'accepts', reservationValue: 0.55 });
    expect(russiaOn28!.threshold).toBeCloseTo(0.64, 2);
    // The Pokrovsk claim (30 November) raised Russia's by 0.03 before Moscow, and lowered Ukraine's by 0.02.
    const moscow = answers(transcript, 'russia', 'us-ukraine-19@1').at(-1)!;
    expect(moscow.reservationValue).toBeCloseTo(0.58, 10);
    expect(moscow.threshold).toBeCloseTo(0.66, 2);
  });

  it('is never above the threshold, and the counter-proposal\'s verdicts carry it too', () => {
    expect(transcript.assessments.length).toBeGreaterThan(0);
    for (const response of transcript.assessments) expect(response.threshold, `${response.party} on ${response.version}`).toBeGreaterThanOrEqual(response.reservationValue);
    const counter = transcript.steps.find((step) => step.effect?.kind === 'counter-proposal')?.effect;
    expect(counter?.kind === 'counter-proposal' && counter.responses.map((response) => response.reservationValue)).toEqual([0.55, 0.4, 0.5, 0.45]);
  });
});

describe('shocks that add up past the utility scale', () => {
  // Two battlefield effects, each within talks.yaml's bound of ±1, that together take
  // Russia's reservation value above 1 and Ukraine's below 0.
  const shocks = (date: string) => ({
    date,
    kind: 'battlefield' as const,
    effects: [
      { party: 'russia', reservationShift: 0.6 },
      { party: 'ukraine', reservationShift: -0.8 },
    ],
    summary: 'A collapse of the front is reported.',
    sources: ['S89'],
    assumption: 'Invented, to take the reservation values off the scale.',
  });
  const offScale: TalksSpec = createTalks(scenario, {
    ...talks,
    timeline: [
      ...talks.timeline,
      shocks('2025-12-03'),
      shocks('2025-12-04'),
      { date: '2025-12-05', kind: 'meeting', place: 'Moscow', with: ['russia', 'ukraine'], summary: 'The text is shown again.', sources: ['S36'] },
    ],
  });

  it('clamp the shifted reservation value to [0, 1], so the threshold stays on the scale', () => {
    const transcript = runScenario(scenario, offScale, { seed: 1 });
    const russia = answers(transcript, 'russia', 'us-ukraine-19@1').at(-1)!;
    const ukraine = answers(transcript, 'ukraine', 'us-ukraine-19@1').at(-1)!;
    for (const response of [russia, ukraine]) {
      expect(response.threshold, response.party).toBeGreaterThanOrEqual(0);
      expect(response.threshold, response.party).toBeLessThanOrEqual(1);
    }
    // Russia holds out for all it can get, and no more than the scale allows.
    expect(russia.threshold).toBe(1);
    expect(russia.reason).not.toMatch(/threshold 1\.\d*[1-9]/);
    // 0.55 + 0.03 + 0.6 + 0.6 = 1.78 and 0.40 − 0.02 − 0.8 − 0.8 = −1.22, clamped.
    expect(russia.reservationValue).toBe(1);
    expect(ukraine.reservationValue).toBe(0);
    for (const response of [russia, ukraine]) expect(response.threshold).toBeGreaterThanOrEqual(response.reservationValue);
  });

  it('add up as written: a shock back towards the scale starts from the sum, not from the clamped value', () => {
    const back = createTalks(scenario, {
      ...offScale,
      timeline: [
        ...offScale.timeline.slice(0, -1),
        { ...shocks('2025-12-05'), effects: [{ party: 'russia', reservationShift: -0.5 }] },
        { date: '2025-12-06', kind: 'meeting', place: 'Moscow', with: ['russia'], summary: 'The text is shown again.', sources: ['S36'] },
      ],
    });
    // 1.78 − 0.5 = 1.28: still above the scale, so still 1.
    expect(answers(runScenario(scenario, back, { seed: 1 }), 'russia', 'us-ukraine-19@1').at(-1)!.reservationValue).toBe(1);
  });
});

describe('leverage shifts that add up below zero', () => {
  // Two shocks of −0.8 take Ukraine's leverage from 1 to −0.6: a party weighs nothing at the
  // table then, it does not weigh against its own objections.
  const weaken = (date: string, shift: number) => ({
    date,
    kind: 'battlefield' as const,
    effects: [{ party: 'ukraine', leverageShift: shift }],
    summary: 'Ukraine loses its backers.',
    sources: ['S89'],
    assumption: 'Invented, to take the leverage below zero.',
  });
  const moved = (transcript: Transcript) =>
    transcript.steps.flatMap((step) => (step.effect?.kind === 'shock' ? (step.effect.moved ?? []) : [])).filter((entry) => entry.party === 'ukraine');

  it('is recorded as 0, never negative, and a shock back up starts from the sum', () => {
    const below = createTalks(scenario, { ...talks, timeline: [...talks.timeline, weaken('2025-12-03', -0.8), weaken('2025-12-04', -0.8), weaken('2025-12-05', 0.5), weaken('2025-12-06', 0.5)] });
    const leverages = moved(runScenario(scenario, below, { seed: 1 })).map((entry) => entry.leverage);
    // Pokrovsk's −0.1 first (0.9), then 0.1 → −0.7 → −0.2 → 0.3 as summed, recorded clamped.
    expect(leverages.slice(-4)).toEqual([expect.closeTo(0.1, 10), 0, 0, expect.closeTo(0.3, 10)]);
    for (const leverage of leverages) expect(leverage).toBeGreaterThanOrEqual(0);
  });
});
