import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  ScenarioError,
  assessPlan,
  createDomain,
  createParty,
  createScenario,
  type DomainSpec,
  type PartySpec,
  type PlanSpec,
  type Problem,
  type ScenarioSpec,
} from '@parley/core';
import { loadScenario } from '@parley/core/node';

// A minimal valid scenario (3 issues, 2 parties, 2 plans, a sources map) that each test
// breaks in one way, writes to a temporary directory and loads.

type Mutable<T> = T extends readonly (infer U)[]
  ? Mutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;

interface Fixture {
  sources: Record<string, string>;
  domain: Mutable<DomainSpec>;
  ukraine: Mutable<PartySpec>;
  russia: Mutable<PartySpec>;
  draft: Mutable<PlanSpec>;
  revision: Mutable<PlanSpec>;
}

/** Where each part of the fixture is written, relative to the scenario directory. */
const FILES = {
  sources: 'sources.yaml',
  domain: 'domain.yaml',
  ukraine: 'parties/ukraine.yaml',
  russia: 'parties/russia.yaml',
  draft: 'plans/draft.json',
  revision: 'plans/revision.yaml',
} as const;

function validFixture(): Fixture {
  return {
    sources: {
      'axios-draft': 'Axios, the leaked 28-point draft, 20 November 2025.',
      'reuters-e3': 'Reuters, the E3 counter-proposal, 23 November 2025.',
      'kyiv-statement': 'Statement of the Ukrainian presidency, 21 November 2025.',
    },
    domain: {
      issues: [
        {
          id: 'nato.membership',
          label: "Ukraine's NATO membership",
          ordered: true,
          sources: ['reuters-e3'],
          options: [
            { id: 'open-door', label: 'Door open' },
            { id: 'consensus-dependent', label: 'Depends on a consensus of NATO members' },
            { id: 'constitutional-ban', label: 'Banned in the constitution' },
          ],
        },
        {
          id: 'army.cap',
          label: 'Army size cap',
          ordered: true,
          options: [
            { id: 'none', label: 'No cap' },
            { id: '800k', label: '800,000' },
            { id: '600k', label: '600,000' },
          ],
        },
        {
          id: 'sanctions',
          label: 'Sanctions on Russia',
          ordered: false,
          options: [
            { id: 'kept', label: 'Kept' },
            { id: 'lifted', label: 'Lifted in stages' },
          ],
        },
      ],
    },
    ukraine: {
      id: 'ukraine',
      name: 'Ukraine',
      reservationValue: 0.4,
      redLines: [
        {
          id: 'no-nato-ban',
          text: 'No ban on NATO membership.',
          sources: ['kyiv-statement'],
          rule: { kind: 'forbid', issue: 'nato.membership', options: ['constitutional-ban'] },
        },
      ],
      preferences: {
        weights: { 'nato.membership': 2, 'army.cap': 1 },
        values: {
          'nato.membership': { 'open-door': 1, 'consensus-dependent': 0.6, 'constitutional-ban': 0 },
          'army.cap': { none: 1, '800k': 0.7, '600k': 0 },
        },
      },
    },
    russia: {
      id: 'russia',
      name: 'Russia',
      reservationValue: 0.5,
      redLines: [
        {
          id: 'no-open-door',
          text: 'Ukraine must not be free to join NATO.',
          sources: ['axios-draft'],
          rule: { kind: 'atLeast', issue: 'nato.membership', option: 'consensus-dependent' },
        },
      ],
      preferences: {
        weights: { 'nato.membership': 1, sanctions: 1 },
        values: {
          'nato.membership': { 'open-door': 0, 'consensus-dependent': 0.5, 'constitutional-ban': 1 },
          sanctions: { kept: 0, lifted: 1 },
        },
      },
    },
    draft: {
      id: 'draft',
      title: 'Draft',
      date: '2025-11-20',
      author: 'Mediator',
      sources: ['axios-draft'],
      signatories: ['russia', 'ukraine'],
      points: [
        { number: 1, summary: 'NATO membership banned.', category: 'nato', sources: ['axios-draft'], provisions: [{ issue: 'nato.membership', option: 'constitutional-ban' }] },
        { number: 2, summary: 'Army capped at 600,000.', category: 'military', sources: ['axios-draft'], provisions: [{ issue: 'army.cap', option: '600k' }] },
        { number: 3, summary: 'Sanctions lifted in stages.', category: 'economy', sources: ['axios-draft'], provisions: [{ issue: 'sanctions', option: 'lifted' }] },
      ],
    },
    revision: {
      id: 'revision',
      title: 'Revision',
      date: '2025-11-23',
      author: 'E3',
      basedOn: 'draft',
      signatories: ['ukraine', 'russia'],
      points: [
        { number: 1, basedOn: 1, summary: 'Membership left to the allies.', category: 'nato', sources: ['reuters-e3'], provisions: [{ issue: 'nato.membership', option: 'consensus-dependent' }] },
        { number: 2, basedOn: 2, summary: 'Army capped at 800,000.', category: 'military', sources: ['reuters-e3'], provisions: [{ issue: 'army.cap', option: '800k' }] },
      ],
    },
  };
}

function scenarioSpec(fixture: Fixture): ScenarioSpec {
  return {
    id: 'mini',
    title: 'A minimal scenario',
    sources: fixture.sources,
    domain: fixture.domain,
    parties: [fixture.ukraine, fixture.russia],
    plans: [fixture.draft, fixture.revision],
  };
}

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function writeText(dir: string, file: string, text: string): void {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), text);
}

/** Writes the fixture as scenario.yaml plus one YAML or JSON file per part; returns the directory. */
function writeScenario(fixture: Fixture, header: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-loader-'));
  tempDirs.push(dir);
  writeText(dir, 'scenario.yaml', stringify({
    id: 'mini',
    title: 'A minimal scenario',
    sources: FILES.sources,
    domain: FILES.domain,
    parties: [FILES.ukraine, FILES.russia],
    plans: [FILES.draft, FILES.revision],
    ...header,
  }));
  for (const part of ['sources', 'domain', 'ukraine', 'russia', 'draft', 'revision'] as const) {
    const file = FILES[part];
    writeText(dir, file, file.endsWith('.json') ? JSON.stringify(fixture[part], null, 2) : stringify(fixture[part]));
  }
  return dir;
}

/** Loads `dir`, expecting the loader to reject with a ScenarioError. */
async function loadError(dir: string): Promise<ScenarioError> {
  const error: unknown = await loadScenario(dir).then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(ScenarioError);
  expect((error as ScenarioError).code).toBe('SCENARIO_INVALID');
  return error as ScenarioError;
}

/** Calls `create`, expecting it to throw a ScenarioError. */
function scenarioErrorOf(create: () => unknown): ScenarioError {
  let caught: unknown;
  try {
    create();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ScenarioError);
  expect((caught as ScenarioError).code).toBe('SCENARIO_INVALID');
  return caught as ScenarioError;
}

/** The single problem of an error that should report exactly one. */
function onlyProblem(error: ScenarioError): Problem {
  expect(error.problems).toHaveLength(1);
  return error.problems[0]!;
}

describe('the minimal fixture', () => {
  it('loads from disk and through createScenario, so each test below breaks it in one way only', async () => {
    const scenario = await loadScenario(writeScenario(validFixture()));
    expect(scenario.parties.map((party) => party.id)).toEqual(['ukraine', 'russia']);
    expect(scenario.plans.map((plan) => plan.id)).toEqual(['draft', 'revision']);
    expect(createScenario(scenarioSpec(validFixture())).domain.issues).toHaveLength(3);
  });
});

describe('loadScenario reports unknown references', () => {
  it('names a misspelt issue in a red line rule and suggests the intended one', async () => {
    const fixture = validFixture();
    fixture.ukraine.redLines[0]!.rule = { kind: 'forbid', issue: 'natoo.membership', options: ['constitutional-ban'] };

    const problem = onlyProblem(await loadError(writeScenario(fixture)));

    expect(problem).toMatchObject({
      code: 'unknown-issue',
      file: 'parties/ukraine.yaml',
      path: 'redLines[0].rule.issue',
      suggestion: 'nato.membership',
    });
    expect(problem.message).toContain('"natoo.membership"');
  });

  it('names an unknown option in a provision and suggests the intended one', async () => {
    const fixture = validFixture();
    fixture.draft.points[0]!.provisions[0]!.option = 'constitutional-bann';

    const problem = onlyProblem(await loadError(writeScenario(fixture)));

    expect(problem).toMatchObject({
      code: 'unknown-option',
      file: 'plans/draft.json',
      path: 'points[0].provisions[0].option',
      suggestion: 'constitutional-ban',
    });
    expect(problem.message).toContain('"constitutional-bann"');
  });

  it('names an unknown party among the signatories and suggests the intended one', async () => {
    const fixture = validFixture();
    fixture.draft.signatories = ['russia', 'ukriane'];

    const problem = onlyProblem(await loadError(writeScenario(fixture)));

    expect(problem).toMatchObject({ code: 'unknown-party', file: 'plans/draft.json', path: 'signatories[1]', suggestion: 'ukraine' });
  });

  it('names a point based on a point number the base plan does not have', async () => {
    const fixture = validFixture();
    fixture.revision.points[1]!.basedOn = 7;

    const problem = onlyProblem(await loadError(writeScenario(fixture)));

    expect(problem).toMatchObject({ code: 'unknown-point', file: 'plans/revision.yaml', path: 'points[1].basedOn' });
    expect(problem.suggestion).toBeUndefined();
    expect(problem.message).toBe('plan "draft" has no point 7; it has points 1, 2, 3');
  });

  it('names an unknown base plan and suggests the intended one', async () => {
    const fixture = validFixture();
    fixture.revision.basedOn = 'drafts';

    const problem = onlyProblem(await loadError(writeScenario(fixture)));

    expect(problem).toMatchObject({ code: 'unknown-plan', file: 'plans/revision.yaml', path: 'basedOn', suggestion: 'draft' });
  });

  it('names a source key missing from the sources map and suggests the intended one', async () => {
    const fixture = validFixture();
    fixture.ukraine.redLines[0]!.sources = ['kyiv-statment'];

    const problem = onlyProblem(await loadError(writeScenario(fixture)));

    expect(problem).toMatchObject({
      code: 'unknown-source',
      file: 'parties/ukraine.yaml',
      path: 'redLines[0].sources[0]',
      suggestion: 'kyiv-statement',
    });
  });
});

describe('loadScenario reports repeated ids', () => {
  it('reports an issue id used twice in the domain file', async () => {
    const fixture = validFixture();
    fixture.domain.issues.push({ ...fixture.domain.issues[0]!, label: 'NATO membership, again' });

    const problem = onlyProblem(await loadError(writeScenario(fixture)));

    expect(problem).toMatchObject({ code: 'duplicate-id', file: 'domain.yaml', path: 'issues[3]' });
    expect(problem.message).toContain('"nato.membership"');
  });

  it('reports a party id used by two party files, at the second file', async () => {
    const fixture = validFixture();
    fixture.russia.id = 'ukraine';

    const error = await loadError(writeScenario(fixture));
    const duplicates = error.problems.filter((problem) => problem.code === 'duplicate-id');

    expect(duplicates).toEqual([expect.objectContaining({ file: 'parties/russia.yaml', path: '' })]);
    expect(duplicates[0]!.message).toContain('"ukraine"');
  });

  it('reports a point number used twice in one plan', async () => {
    const fixture = validFixture();
    fixture.draft.points[2]!.number = 1;

    const problem = onlyProblem(await loadError(writeScenario(fixture)));

    expect(problem).toMatchObject({ code: 'duplicate-id', file: 'plans/draft.json', path: 'points[2]' });
    expect(problem.message).toContain('point number 1');
  });
});

describe('loadScenario reports bad numbers and rules', () => {
  it('reports a negative weight at its path in the party file', async () => {
    const fixture = validFixture();
    fixture.russia.preferences.weights['sanctions'] = -1;

    const problem = onlyProblem(await loadError(writeScenario(fixture)));

    expect(problem).toMatchObject({ code: 'invalid-weight', file: 'parties/russia.yaml', path: 'preferences.weights.sanctions' });
    expect(problem.message).toContain('finite number ≥ 0');
  });

  it('reports a weight YAML writes as .inf', async () => {
    const fixture = validFixture();
    fixture.russia.preferences.weights['nato.membership'] = Infinity;
    const dir = writeScenario(fixture);
    expect(readFileSync(join(dir, FILES.russia), 'utf8')).toContain('nato.membership: .inf');

    const problem = onlyProblem(await loadError(dir));

    expect(problem).toMatchObject({ code: 'invalid-weight', file: 'parties/russia.yaml', path: 'preferences.weights["nato.membership"]' });
  });

  it('reports an option value outside [0, 1] at its path in the party file', async () => {
    const fixture = validFixture();
    fixture.ukraine.preferences.values['nato.membership']!['open-door'] = 1.5;

    const problem = onlyProblem(await loadError(writeScenario(fixture)));

    expect(problem).toMatchObject({
      code: 'invalid-value',
      file: 'parties/ukraine.yaml',
      path: 'preferences.values["nato.membership"]["open-door"]',
    });
    expect(problem.message).toContain('[0, 1]');
  });

  it('reports a weighted issue with an option that has no value, naming the option', async () => {
    const fixture = validFixture();
    delete fixture.ukraine.preferences.values['army.cap']!['600k'];

    const problem = onlyProblem(await loadError(writeScenario(fixture)));

    expect(problem).toMatchObject({ code: 'missing-value', file: 'parties/ukraine.yaml', path: 'preferences.values["army.cap"]' });
    expect(problem.message).toContain('"600k"');
  });

  it('reports atLeast on an issue whose options are not ordered', async () => {
    const fixture = validFixture();
    fixture.russia.redLines[0]!.rule = { kind: 'atLeast', issue: 'sanctions', option: 'lifted' };

    const problem = onlyProblem(await loadError(writeScenario(fixture)));

    expect(problem).toMatchObject({ code: 'unordered-issue', file: 'parties/russia.yaml', path: 'redLines[0].rule.kind' });
    expect(problem.message).toContain('"sanctions"');
  });

  it('reports two points that settle one issue differently, at the later provision', async () => {
    const fixture = validFixture();
    fixture.draft.points[2]!.provisions.push({ issue: 'nato.membership', option: 'open-door' });

    const problem = onlyProblem(await loadError(writeScenario(fixture)));

    expect(problem).toMatchObject({ code: 'conflicting-provisions', file: 'plans/draft.json', path: 'points[2].provisions[1]' });
    expect(problem.message).toContain('point 3 settles "nato.membership" as "open-door", but point 1 settles it as "constitutional-ban"');
  });
});

describe('createScenario and createParty report non-finite weights (which JSON cannot hold)', () => {
  it.each([
    ['Infinity', Infinity],
    ['NaN', NaN],
  ])('reports a weight of %s at its path in the scenario', (_name, weight) => {
    const fixture = validFixture();
    fixture.ukraine.preferences.weights['nato.membership'] = weight;

    const error = scenarioErrorOf(() => createScenario(scenarioSpec(fixture)));

    expect(error.problems).toEqual([
      expect.objectContaining({ code: 'invalid-weight', path: 'parties[0].preferences.weights["nato.membership"]' }),
    ]);
    expect(error.problems[0]!.file).toBeUndefined();
  });

  it.each([
    ['Infinity', Infinity],
    ['NaN', NaN],
  ])('reports a weight of %s when a single party is created', (_name, weight) => {
    const fixture = validFixture();
    fixture.ukraine.preferences.weights['army.cap'] = weight;
    const domain = createDomain(fixture.domain);

    const error = scenarioErrorOf(() => createParty(domain, fixture.ukraine));

    expect(error.problems).toEqual([
      expect.objectContaining({ code: 'invalid-weight', path: 'preferences.weights["army.cap"]' }),
    ]);
  });
});

describe('loadScenario reports files it cannot read', () => {
  it('reports invalid JSON as a syntax problem in that file', async () => {
    const dir = writeScenario(validFixture());
    writeText(dir, FILES.draft, '{ "id": "draft", "points": [ }');

    const problem = onlyProblem(await loadError(dir));

    expect(problem).toMatchObject({ code: 'invalid-syntax', file: 'plans/draft.json', path: '' });
    expect(problem.message).toMatch(/^not valid JSON: /);
  });

  it('reports invalid YAML as a syntax problem in that file, with the line', async () => {
    const dir = writeScenario(validFixture());
    writeText(dir, FILES.russia, 'id: russia\nname: [Russia\nreservationValue: 0.5\n');

    const error = await loadError(dir);

    expect(error.problems.length).toBeGreaterThan(0);
    for (const problem of error.problems) {
      expect(problem).toMatchObject({ code: 'invalid-syntax', file: 'parties/russia.yaml', path: '' });
      expect(problem.message).toMatch(/^not valid YAML: line \d+, column \d+: /);
    }
  });

  it('reports a file the scenario lists but that does not exist', async () => {
    const dir = writeScenario(validFixture(), { parties: [FILES.ukraine, FILES.russia, 'parties/belarus.yaml'] });

    const problem = onlyProblem(await loadError(dir));

    expect(problem).toMatchObject({ code: 'missing-file', file: 'parties/belarus.yaml', path: '' });
  });

  it('reports a directory that holds no scenario file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-empty-'));
    tempDirs.push(dir);

    const problem = onlyProblem(await loadError(dir));

    expect(problem).toMatchObject({ code: 'missing-file', file: dir, path: '' });
  });
});

describe('loadScenario reports everything at once', () => {
  it('lists every problem in every file in one error, not just the first', async () => {
    const fixture = validFixture();
    fixture.domain.issues.push({ ...fixture.domain.issues[1]!, label: 'Army cap, again' });
    fixture.ukraine.redLines[0]!.rule = { kind: 'forbid', issue: 'natoo.membership', options: ['constitutional-ban'] };
    fixture.russia.redLines[0]!.rule = { kind: 'atMost', issue: 'sanctions', option: 'kept' };
    fixture.draft.points[1]!.provisions[0]!.option = '500k';
    fixture.revision.signatories = ['ukraine', 'belarus'];

    const error = await loadError(writeScenario(fixture));

    expect(error.problems).toHaveLength(5);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'duplicate-id', file: 'domain.yaml', path: 'issues[3]' }),
        expect.objectContaining({ code: 'unknown-issue', file: 'parties/ukraine.yaml', path: 'redLines[0].rule.issue' }),
        expect.objectContaining({ code: 'unordered-issue', file: 'parties/russia.yaml', path: 'redLines[0].rule.kind' }),
        expect.objectContaining({ code: 'unknown-option', file: 'plans/draft.json', path: 'points[1].provisions[0].option' }),
        expect.objectContaining({ code: 'unknown-party', file: 'plans/revision.yaml', path: 'signatories[1]' }),
      ]),
    );
    expect(error.message).toContain('(5 problems)');
  });

  it('lists the syntax errors of several files together', async () => {
    const dir = writeScenario(validFixture());
    writeText(dir, FILES.draft, '{ not json');
    writeText(dir, FILES.domain, 'issues: [\n');

    const error = await loadError(dir);

    expect(new Set(error.problems.map((problem) => problem.file))).toEqual(new Set(['plans/draft.json', 'domain.yaml']));
    expect(error.problems.every((problem) => problem.code === 'invalid-syntax')).toBe(true);
  });

  it('returns nothing half-loaded: the call rejects and no scenario is delivered', async () => {
    const fixture = validFixture();
    fixture.draft.signatories = ['russia', 'ukriane'];
    let delivered: unknown = 'nothing';

    await expect(
      loadScenario(writeScenario(fixture)).then((scenario) => {
        delivered = scenario;
        return scenario;
      }),
    ).rejects.toBeInstanceOf(ScenarioError);
    expect(delivered).toBe('nothing');
  });
});

describe('createScenario never mutates its input and returns frozen objects', () => {
  it('leaves a valid spec exactly as it was', () => {
    const spec = scenarioSpec(validFixture());
    const before = structuredClone(spec);

    createScenario(spec);

    expect(spec).toEqual(before);
  });

  it('leaves an invalid spec exactly as it was', () => {
    const fixture = validFixture();
    fixture.ukraine.redLines[0]!.rule = { kind: 'forbid', issue: 'natoo.membership', options: ['constitutional-ban'] };
    fixture.draft.points[2]!.number = 1;
    fixture.russia.preferences.weights['sanctions'] = -1;
    const spec = scenarioSpec(fixture);
    const before = structuredClone(spec);

    expect(scenarioErrorOf(() => createScenario(spec)).problems.length).toBeGreaterThanOrEqual(3);
    expect(spec).toEqual(before);
  });

  it('freezes the scenario and everything in it', () => {
    const scenario = createScenario(scenarioSpec(validFixture()));
    const ukraine = scenario.parties[0]!;
    const draft = scenario.plans[0]!;

    for (const object of [
      scenario,
      scenario.sources,
      scenario.domain,
      scenario.domain.issues,
      scenario.domain.issues[0]!,
      scenario.domain.issues[0]!.options[0]!,
      scenario.parties,
      ukraine,
      ukraine.redLines[0]!,
      ukraine.redLines[0]!.rule,
      ukraine.preferences.weights,
      ukraine.preferences.values['army.cap']!,
      scenario.plans,
      draft,
      draft.points[0]!,
      draft.points[0]!.provisions[0]!,
      draft.settledBy,
      draft.settledBy[0]!,
    ]) {
      expect(Object.isFrozen(object)).toBe(true);
    }
    expect(() => {
      (ukraine as { reservationValue: number }).reservationValue = 0;
    }).toThrow(TypeError);
    expect(ukraine.reservationValue).toBe(0.4);
  });

  it('does not share objects with the spec it was given', () => {
    const fixture = validFixture();
    const scenario = createScenario(scenarioSpec(fixture));

    fixture.ukraine.preferences.weights['army.cap'] = 5;
    fixture.draft.points[0]!.provisions[0]!.option = 'open-door';

    expect(scenario.parties[0]!.preferences.weights['army.cap']).toBe(1);
    expect(scenario.plans[0]!.points[0]!.provisions[0]!.option).toBe('constitutional-ban');
  });

  it("keeps a plan's settlement unchangeable, so later assessments are unaffected", () => {
    const scenario = createScenario(scenarioSpec(validFixture()));
    const [ukraine] = scenario.parties;
    const [draft] = scenario.plans;
    const before = JSON.stringify(assessPlan(ukraine!, draft!));

    try {
      draft!.settlement[0] = 0; // "open-door" instead of "constitutional-ban"
    } catch {
      // a read-only settlement may also throw; either way the plan must not change
    }

    expect(draft!.settlement[0]).toBe(2);
    expect(JSON.stringify(assessPlan(ukraine!, draft!))).toBe(before);
  });
});
