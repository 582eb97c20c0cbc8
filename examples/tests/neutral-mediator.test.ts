import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTalks, mediatorName, runScenario, ScenarioError, type Scenario, type TalksSpec } from '@parley/core';
import { loadScenario, loadTalks } from '@parley/core/node';
import { capturedOutput, runCli } from '@parley/cli';

// A mediator who is not a party (issue 12): examples/scenarios/sarema-un-mediator is the
// Sarema seed with `mediator: { id: un, name: United Nations }` in its talks.yaml.

const dir = fileURLToPath(new URL('../scenarios/sarema-un-mediator', import.meta.url));
const seed = fileURLToPath(new URL('../../seeds/sarema-basin', import.meta.url));
let scenario: Scenario;
let talks: TalksSpec;

beforeAll(async () => {
  scenario = await loadScenario(dir);
  talks = await loadTalks(dir, scenario);
});

/** The problems `createTalks` finds in the example's talks with `setup` changed. */
function problemsWith(setup: Record<string, unknown>) {
  try {
    createTalks(scenario, { ...talks, setup: { ...talks.setup, ...setup } }, 'talks.yaml');
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
  return [];
}

describe('a mediator who is not a party', () => {
  it('is declared as { id, name } and sits at no seat: the parties are still the three states', () => {
    expect(talks.setup.mediator).toEqual({ id: 'un', name: 'United Nations' });
    expect(scenario.parties.map((party) => party.id)).toEqual(['upland', 'midland', 'deltania']);
    expect(mediatorName(scenario, talks.setup)).toBe('United Nations');
  });

  it('revises the text in free rounds, and the transcript records the revisions by its name', () => {
    const transcript = runScenario(scenario, talks, { seed: 1, continueRounds: 3 });
    expect(transcript.setup.mediator).toEqual({ id: 'un', name: 'United Nations' });
    expect(transcript.revisions.length).toBeGreaterThan(0);
    for (const revision of transcript.revisions) expect(revision.by).toBe('United Nations');
    // It answers no text: only the parties respond.
    expect(new Set(transcript.assessments.map((response) => response.party))).toEqual(new Set(['upland', 'midland', 'deltania']));
  });

  it('`parley run` tells its revisions by its name', async () => {
    const output = capturedOutput();
    expect(await runCli(['node', 'parley', 'run', dir, '--rounds', '3'], output), output.stderr()).toBe(0);
    expect(output.stdout()).toMatch(/Revised upland-draft@0 → upland-draft@1 by United Nations: /);
    expect(output.stdout()).not.toMatch(/ by un\b/);
  });

  it('a party that mediates is still named by its party id, and shown by its name', async () => {
    const sarema = await loadScenario(seed);
    const saremaTalks = await loadTalks(seed, sarema);
    expect(saremaTalks.setup.mediator).toBe('midland');
    expect(mediatorName(sarema, saremaTalks.setup)).toBe('Midland');
    const transcript = runScenario(sarema, { ...saremaTalks, timeline: saremaTalks.timeline.slice(0, 3) }, { seed: 1, continueRounds: 2 });
    expect(transcript.revisions.filter((revision) => revision.by === 'midland').length).toBeGreaterThan(0);
  });
});

describe('typos in the mediator are still caught', () => {
  it('a misspelt party id is an unknown party with a suggestion, not a neutral mediator', () => {
    const [problem, ...others] = problemsWith({ mediator: 'midlnd' });
    expect(others).toEqual([]);
    expect(problem).toMatchObject({ code: 'unknown-party', file: 'talks.yaml', path: 'setup.mediator', suggestion: 'midland' });
    expect(problem!.message).toContain('{ id, name }');
  });

  it('an id that is no party says how to declare a mediator who is not one', () => {
    const [problem] = problemsWith({ mediator: 'un' });
    expect(problem).toMatchObject({ code: 'unknown-party', path: 'setup.mediator' });
    expect(problem!.message).toMatch(/"upland", "midland", "deltania"/);
    expect(problem!.message).toContain('mediator: { id: un, name: … }');
  });

  it('a neutral mediator cannot take the id or the name of a party', () => {
    expect(problemsWith({ mediator: { id: 'midland', name: 'The Midland envoy' } })).toEqual([
      expect.objectContaining({ code: 'duplicate-id', path: 'setup.mediator.id', message: expect.stringContaining('write mediator: midland') }),
    ]);
    expect(problemsWith({ mediator: { id: 'envoy', name: 'Midland' } })).toEqual([
      expect.objectContaining({ code: 'duplicate-id', path: 'setup.mediator.name', message: expect.stringContaining('names the party midland') }),
    ]);
  });

  it('a neutral mediator has no party strategy, and needs both its id and its name', () => {
    expect(problemsWith({ strategies: { upland: 'hardliner', un: 'conceder' } })).toEqual([
      expect.objectContaining({ code: 'unknown-party', path: 'setup.strategies.un', message: expect.stringContaining('is the mediator, not a party') }),
    ]);
    expect(problemsWith({ mediator: { id: 'un' } })).toEqual([
      expect.objectContaining({ code: 'invalid-shape', path: 'setup.mediator', message: expect.stringContaining('{ id, name }') }),
    ]);
  });
});
