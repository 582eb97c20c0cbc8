import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ScenarioError, applyScenarioOverrides, createScenarioWithOverrides, formatProblem, partyOf, type ScenarioSpec } from '@parley/core';
import { loadScenarioWithOverrides } from '@parley/core/node';

const seeds = fileURLToPath(new URL('../../../seeds/ukraine-2025', import.meta.url));

// Overrides change a scenario's assumptions before it is validated: the input is never
// mutated, and a problem an override causes names the override.

const spec: ScenarioSpec = {
  id: 'demo',
  title: 'Demo',
  domain: {
    issues: [
      { id: 'army.cap', label: 'Army cap', ordered: true, options: [{ id: 'none', label: 'None' }, { id: '800k', label: '800k' }, { id: '600k', label: '600k' }] },
      { id: 'nato', label: 'NATO', ordered: false, options: [{ id: 'open', label: 'Open' }, { id: 'closed', label: 'Closed' }] },
    ],
  },
  parties: [
    {
      id: 'ukraine',
      name: 'Ukraine',
      reservationValue: 0.4,
      redLines: [{ id: 'no-600k-cap', text: 'No cap that shrinks the army.', sources: ['S68'], rule: { kind: 'atMost', issue: 'army.cap', option: '800k' } }],
      preferences: { weights: { 'army.cap': 1 }, values: { 'army.cap': { none: 1, '800k': 0.7, '600k': 0 } } },
    },
  ],
  plans: [],
};

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

describe('applyScenarioOverrides', () => {
  it('returns a changed copy and leaves the (frozen) input as it was', () => {
    const input = deepFreeze(structuredClone(spec));
    const { spec: changed, applied } = applyScenarioOverrides(input, [
      { kind: 'reservationValue', party: 'ukraine', value: 0.3 },
      { kind: 'weight', party: 'ukraine', issue: 'nato', value: 2 },
      { kind: 'value', party: 'ukraine', issue: 'nato', option: 'open', value: 1 },
      { kind: 'value', party: 'ukraine', issue: 'nato', option: 'closed', value: 0 },
      { kind: 'dropRedLine', party: 'ukraine', redLine: 'no-600k-cap' },
    ]);
    expect(input).toEqual(spec);
    expect(changed.parties[0]).toMatchObject({
      reservationValue: 0.3,
      redLines: [],
      preferences: { weights: { 'army.cap': 1, nato: 2 }, values: { 'army.cap': { none: 1 }, nato: { open: 1, closed: 0 } } },
    });
    expect(applied.map((change) => [change.label, change.from, change.path])).toEqual([
      ['set ukraine.reservationValue=0.3', 0.4, 'parties[0].reservationValue'],
      ['set ukraine.weights.nato=2', null, 'parties[0].preferences.weights.nato'],
      ['set ukraine.values.nato.open=1', null, 'parties[0].preferences.values.nato.open'],
      ['set ukraine.values.nato.closed=0', null, 'parties[0].preferences.values.nato.closed'],
      ['drop ukraine/no-600k-cap', undefined, 'parties[0].redLines[0]'],
    ]);
  });

  it('sets an id such as __proto__ as an id, not as the prototype (and the validation refuses it)', () => {
    const { spec: changed } = applyScenarioOverrides(spec, [{ kind: 'weight', party: 'ukraine', issue: '__proto__', value: 1 }]);
    expect(Object.hasOwn(changed.parties[0]!.preferences.weights, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(changed.parties[0]!.preferences.weights)).toBe(Object.prototype);
    expect(problemsOf(() => createScenarioWithOverrides(spec, [{ kind: 'weight', party: 'ukraine', issue: '__proto__', value: 1 }]))[0]).toMatch(/^set ukraine\.weights\.__proto__=1: unknown issue "__proto__"/);
  });

  it('refuses an unknown party or red line, with the likely intended id', () => {
    expect(problemsOf(() => applyScenarioOverrides(spec, [
      { kind: 'reservationValue', party: 'ukrain', value: 0.3, label: '--set ukrain.reservationValue=0.3' },
      { kind: 'dropRedLine', party: 'ukraine', redLine: 'no-600-cap' },
      { kind: 'dropRedLine', party: 'ukraine', redLine: 'no-nato' },
    ]))).toEqual([
      '--set ukrain.reservationValue=0.3: unknown party "ukrain" (did you mean "ukraine"?)',
      'drop ukraine/no-600-cap: Ukraine has no red line "no-600-cap" (did you mean "no-600k-cap"?)',
      'drop ukraine/no-nato: Ukraine has no red line "no-nato"; its red lines are "no-600k-cap"',
    ]);
  });
});

describe('createScenarioWithOverrides', () => {
  it('checks the overridden numbers as a file is checked, naming the override', () => {
    expect(problemsOf(() => createScenarioWithOverrides(spec, [{ kind: 'reservationValue', party: 'ukraine', value: 1.5, label: '--set ukraine.reservationValue=1.5' }]))).toEqual([
      expect.stringMatching(/^--set ukraine\.reservationValue=1\.5: reservationValue must be a number in \[0, 1\]/),
    ]);
    expect(problemsOf(() => createScenarioWithOverrides(spec, [{ kind: 'weight', party: 'ukraine', issue: 'nato', value: 1 }]))).toEqual([
      'set ukraine.weights.nato=1: issue "nato" has weight 1 but no value for "open", "closed"; give every option a value in [0, 1]',
    ]);
    // The last override of a number is the one to blame.
    expect(problemsOf(() => createScenarioWithOverrides(spec, [
      { kind: 'weight', party: 'ukraine', issue: 'army.cap', value: 2 },
      { kind: 'weight', party: 'ukraine', issue: 'army.cap', value: 0 },
    ]))).toEqual(['set ukraine.weights.army.cap=0: at least one issue needs a positive weight']);
  });

  it('builds the scenario with the overrides, and without any is createScenario', () => {
    const { scenario, applied } = createScenarioWithOverrides(spec, [{ kind: 'reservationValue', party: 'ukraine', value: 0.3 }]);
    expect(partyOf(scenario, 'ukraine').reservationValue).toBe(0.3);
    expect(applied[0]?.text).toBe("Ukraine's reservation value 0.4 → 0.3");
    expect(createScenarioWithOverrides(spec, []).applied).toEqual([]);
  });
});

describe('loadScenarioWithOverrides', () => {
  it('applies the overrides to the files as read, and keeps the file of problems they do not cause', async () => {
    const { scenario, applied } = await loadScenarioWithOverrides(seeds, [{ kind: 'dropRedLine', party: 'russia', redLine: 'no-western-troops' }]);
    expect(partyOf(scenario, 'russia').redLines.map((line) => line.id)).not.toContain('no-western-troops');
    expect(applied[0]?.text).toBe('Russia drops its red line no-western-troops (“No NATO or European troops in Ukraine.”)');

    const error = await loadScenarioWithOverrides(seeds, [{ kind: 'reservationValue', party: 'russia', value: -1, label: '--set russia.reservationValue=-1' }]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).problems).toEqual([expect.objectContaining({ file: '--set russia.reservationValue=-1', path: '', code: 'invalid-value' })]);
  });
});
