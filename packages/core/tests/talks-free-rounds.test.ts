import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compiledParty, initialTalks, playTalks, reduceTalks, runScenario, talksTable, timelineScript, type TalksEvent } from '@parley/core';
import { loadScenario, loadTalks } from '@parley/core/node';

// The free rounds after the timeline (`continueRounds`) are simulated: they have no date of
// their own. The transcript numbers them instead of dating them with the timeline's last day.

const seeds = fileURLToPath(new URL('../../../seeds/ukraine-2025', import.meta.url));
const scenario = await loadScenario(seeds);
const talks = await loadTalks(seeds, scenario);

describe('free rounds in the transcript', () => {
  const transcript = runScenario(scenario, talks, { seed: 1, continueRounds: 2 });
  const timeline = transcript.steps.filter((step) => step.timeline !== undefined);
  const free = transcript.steps.filter((step) => step.freeRound !== undefined);

  it('are numbered, not dated: each step after the timeline says which free round it belongs to', () => {
    expect(timeline.length).toBeGreaterThan(0);
    for (const step of timeline) {
      expect(step.date).toMatch(/^2025-1[12]-\d\d$/);
      expect(step).not.toHaveProperty('freeRound');
    }
    // Every step after the timeline is in a free round: its mediation, the answers, and the end.
    expect(free).toEqual(transcript.steps.slice(timeline.length));
    expect(free.map((step) => [step.event.type, step.freeRound])).toEqual([
      ['MEDIATE', 1], ['PRESENT', 1], ['PRESENT', 1], ['PRESENT', 1], ['PRESENT', 1],
      ['MEDIATE', 2], ['PRESENT', 2], ['PRESENT', 2], ['PRESENT', 2], ['PRESENT', 2],
      ['END', 2],
    ]);
    for (const step of free) {
      expect(step).not.toHaveProperty('date');
      expect(step.event).not.toHaveProperty('date');
      expect(step.event).toMatchObject({ freeRound: step.freeRound });
    }
  });

  it('number the answers given in them, as the steps', () => {
    const answers = transcript.assessments.filter((response) => response.freeRound !== undefined);
    expect(answers.map((response) => response.freeRound)).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
    for (const response of answers) expect(response).not.toHaveProperty('date');
    expect(transcript.assessments.find((response) => response.version === 'us-28@0')).toMatchObject({ date: '2025-11-20' });
  });

  it('end with a reason that counts the free rounds and dates only the timeline', () => {
    expect(transcript.final).toMatchObject({ status: 'adjourned', date: '2025-12-02' });
    expect(transcript.final.reason).toBe("the talks ended without agreement after the timeline's last day (2025-12-02) and 2 free rounds");
    expect(transcript.steps.at(-1)?.effect).toEqual({ kind: 'ended', status: 'adjourned', reason: transcript.final.reason });
    // Without free rounds the talks end on the timeline's last day, and say so.
    expect(runScenario(scenario, talks, { seed: 1 }).final.reason).toBe('the talks ended on 2025-12-02 without agreement');
    expect(runScenario(scenario, talks, { seed: 1, continueRounds: 1 }).final.reason).toMatch(/ and 1 free round$/);
  });
});

describe('free-round events at the reducer', () => {
  const table = talksTable(scenario.domain, scenario.parties.map(compiledParty), talks.setup);

  it('keep the date of the last dated event: a free round has none of its own', () => {
    let state = initialTalks(table);
    const events: TalksEvent[] = [
      { type: 'START', text: JSON.parse(JSON.stringify(scenario.plans[0])), date: '2025-11-20' },
      { type: 'MEDIATE', freeRound: 1 },
      { type: 'PRESENT', party: 'russia', freeRound: 1 },
      { type: 'END', reason: 'the free rounds ended', freeRound: 1 },
    ];
    for (const event of events) {
      const step = reduceTalks(table, state, event);
      expect(step.taken, event.type).toBe(true);
      state = step.state;
      expect(state.date).toBe('2025-11-20');
    }
    expect(state.ending?.reason).toBe("the talks ended without agreement after the timeline's last day (2025-11-20) and 1 free round");
  });

  it('leave the batch path as it was: a run that records nothing ends in the state a transcript ends in', () => {
    const batch = talksTable(scenario.domain, scenario.parties.map(compiledParty), talks.setup, { record: false });
    const script = timelineScript(scenario, talks);
    const ran = playTalks(batch, script, { seed: 1, rounds: 2 });
    const recorded = runScenario(scenario, talks, { seed: 1, continueRounds: 2 });
    expect({ phase: ran.phase, date: ran.date, version: ran.version, round: ran.round }).toEqual({
      phase: recorded.final.status,
      date: recorded.final.date,
      version: recorded.final.version,
      round: recorded.assessments.at(-1)!.round,
    });
    expect(ran.ending).toEqual({ status: 'adjourned', reason: '', unresolvedIssues: [] });
  });
});
