import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  ScenarioError,
  assessOutcome,
  assumptionsOf,
  basePartiesOf,
  changeMagnitude,
  createDomain,
  createParty,
  createScenario,
  createTalks,
  drawRun,
  outcomeFromChoices,
  perturbedPartySpec,
  validateExplorationFile,
  type DomainSpec,
  type PartySpec,
  type Problem,
  type Rule,
} from '@parley/core';
import { loadScenario } from '@parley/core/node';
import { DOMAIN, loadProblems, partySpec, writeTwoPartyScenario } from './support/two-party-files.js';

// Inputs that used to hang, crash with a bare JavaScript error, or load silently wrong:
// huge YAML files, duplicate keys, YAML alias bombs, rules nested a thousand deep, and
// numbers that overflow or leave the utility scale. Each must either load, or fail with a
// ScenarioError whose problems name the file, the path and the fix.

const PARTY_A_YAML = stringify(partySpec('a'));
const writeScenario = writeTwoPartyScenario;

function problemsOf(run: () => unknown): readonly Problem[] {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ScenarioError);
  return (caught as ScenarioError).problems;
}

/** `depth` `not`s around a single condition: `depth` nested compound rules. */
function nestedRule(depth: number): Rule {
  let rule: Rule = { kind: 'forbid', issue: 'army.cap', options: ['600k'] };
  for (let level = 0; level < depth; level++) rule = { kind: 'not', rule };
  return rule;
}

const withRedLine = (rule: Rule): PartySpec => partySpec('a', { redLines: [{ id: 'deep', text: 'A deeply nested red line.', sources: ['S1'], rule }] });

describe('reading YAML: duplicate keys are caught, in linear time', () => {
  it('names the file, the path of the repeated key, its line and the fix', async () => {
    const text = PARTY_A_YAML.replace('  weights:\n', '  weights:\n    sanctions: 3\n');
    expect(text).toContain('sanctions: 3');

    const [problem, ...rest] = await loadProblems(writeScenario({ 'parties/a.yaml': text }));

    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code: 'invalid-syntax', file: 'parties/a.yaml', path: 'preferences.weights.sanctions' });
    expect(problem!.message).toMatch(/^not valid YAML: line \d+, column \d+: duplicate key "sanctions" \(first at line \d+, column \d+\); /);
    expect(problem!.message).toContain('remove one');
  });

  it('catches keys that differ in YAML but would become one property (1 and "1")', async () => {
    const [problem, ...rest] = await loadProblems(writeScenario({ 'sources.yaml': 'S1: "A citation."\n1: "One."\n"1": "Another."\n' }));

    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code: 'invalid-syntax', file: 'sources.yaml', path: '["1"]' });
    expect(problem!.message).toContain('duplicate key "1"');
  });

  it('reports a duplicate key inside a list at its index', async () => {
    const domain = stringify(DOMAIN).replace('- id: sanctions\n', '- id: sanctions\n    id: sanctions-again\n');
    const [problem] = await loadProblems(writeScenario({ 'domain.yaml': domain }));

    expect(problem).toMatchObject({ code: 'invalid-syntax', file: 'domain.yaml', path: 'issues[1].id' });
  });

  it('loads a map of 100 000 keys (3 MB) in seconds: the check no longer compares every pair', async () => {
    let sources = '';
    for (let k = 0; k < 100_000; k++) sources += `S${k}: "Citation number ${k}, a page of some site."\n`;

    const scenario = await loadScenario(writeScenario({ 'sources.yaml': sources }));

    expect(Object.keys(scenario.sources)).toHaveLength(100_000);
  }, 60_000);
});

describe('reading YAML: aliases are limited, and the limit is a ScenarioError', () => {
  it('reports an alias bomb as a limit in that file, with the fix', async () => {
    const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (const [from, to] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g'], ['g', 'h'], ['h', 'i']] as const) {
      lines.push(`${to}: &${to} [${Array.from({ length: 9 }, () => `*${from}`).join(', ')}]`);
    }

    const problems = await loadProblems(writeScenario({ 'sources.yaml': `${lines.join('\n')}\n` }));

    expect(problems).toEqual([expect.objectContaining({ code: 'limit-exceeded', file: 'sources.yaml', path: '' })]);
    expect(problems[0]!.message).toContain('1000');
    expect(problems[0]!.message).toMatch(/write the repeated part out/);
    expect(problems[0]!.message).not.toMatch(/resource exhaustion/i);
  });

  it('still reads a file that uses one anchor hundreds of times (yaml stopped at 100)', async () => {
    const sources = ['S1: &citation "A citation used for every key."', ...Array.from({ length: 500 }, (_, k) => `S${k + 2}: *citation`)].join('\n');

    const scenario = await loadScenario(writeScenario({ 'sources.yaml': `${sources}\n` }));

    expect(Object.keys(scenario.sources)).toHaveLength(501);
  });
});

describe('rules nest at most 32 levels deep', () => {
  it('accepts a rule at the limit', () => {
    const party = createParty(createDomain(DOMAIN), withRedLine(nestedRule(32)));
    expect(party.redLines).toHaveLength(1);
  });

  it('refuses a rule one level deeper, at the level that is too deep, with the fix', () => {
    const problems = problemsOf(() => createParty(createDomain(DOMAIN), withRedLine(nestedRule(33))));

    expect(problems).toEqual([expect.objectContaining({ code: 'limit-exceeded', path: `redLines[0].rule${'.rule'.repeat(32)}` })]);
    expect(problems[0]!.message).toMatch(/at most 32 levels/);
    expect(problems[0]!.message).toMatch(/flatten/);
  });

  it.each([1_000, 10_000])('refuses a rule %i deep with a problem, not a stack overflow', (depth) => {
    const problems = problemsOf(() => createParty(createDomain(DOMAIN), withRedLine(nestedRule(depth))));

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'limit-exceeded' });
  });

  it('limits the condition of an interaction term too', () => {
    const spec = partySpec('a');
    const problems = problemsOf(() =>
      createParty(createDomain(DOMAIN), {
        ...spec,
        preferences: { ...spec.preferences, interactions: [{ id: 'x', text: 'An interaction.', sources: ['S1'], when: nestedRule(40), delta: 0.1 }] },
      }),
    );

    expect(problems).toEqual([expect.objectContaining({ code: 'limit-exceeded', path: `preferences.interactions[0].when${'.rule'.repeat(32)}` })]);
  });

  it('reports a 1 000-deep rule in a JSON party file at its file and path', async () => {
    const dir = writeScenario({ 'parties/b.json': JSON.stringify({ ...withRedLine(nestedRule(1_000)), id: 'b' }) }, 'parties/b.json');

    const problems = await loadProblems(dir);

    expect(problems).toEqual([expect.objectContaining({ code: 'limit-exceeded', file: 'parties/b.json', path: `redLines[0].rule${'.rule'.repeat(32)}` })]);
  });

  it('reports a 1 000-deep rule in a YAML party file as a limit of that file, not a stack overflow', async () => {
    let flow = '{ kind: forbid, issue: army.cap, options: ["600k"] }';
    for (let level = 0; level < 1_000; level++) flow = `{ kind: not, rule: ${flow} }`;
    const text = PARTY_A_YAML.replace('redLines: []\n', `redLines:\n  - id: deep\n    text: A deeply nested red line.\n    sources: [S1]\n    rule: ${flow}\n`);

    const problems = await loadProblems(writeScenario({ 'parties/a.yaml': text }));

    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem).toMatchObject({ code: 'limit-exceeded', file: 'parties/a.yaml' });
      expect(problem.message).not.toMatch(/call stack/);
      expect(problem.message).toMatch(/32 levels/);
    }
  });
});

describe('numbers that overflow or leave their range are refused at validation', () => {
  const domain = createDomain(DOMAIN);

  it('refuses weights whose sum overflows (every utility would be 0), with the fix', () => {
    const spec = partySpec('a');
    const problems = problemsOf(() => createParty(domain, { ...spec, preferences: { ...spec.preferences, weights: { 'army.cap': 1e308, sanctions: 1e308 } } }));

    expect(problems).toEqual([expect.objectContaining({ code: 'invalid-weight', path: 'preferences.weights' })]);
    expect(problems[0]!.message).toMatch(/only their ratios matter/);
  });

  it('still accepts the largest weights whose sum is finite, and judges with them', () => {
    const spec = partySpec('a');
    const party = createParty(domain, { ...spec, preferences: { ...spec.preferences, weights: { 'army.cap': 8e307, sanctions: 8e307 } } });
    expect(party.preferences.weights['army.cap']).toBe(8e307);
  });

  it.each([1.5, -3, 1 + 1e-15])('refuses a reservation value of %s, outside [0, 1]', (reservationValue) => {
    const problems = problemsOf(() => createParty(domain, partySpec('a', { reservationValue })));

    expect(problems).toEqual([expect.objectContaining({ code: 'invalid-value', path: 'reservationValue' })]);
    expect(problems[0]!.message).toContain('[0, 1]');
  });

  it('reports a number out of range together with the other problems of the party, not instead of them', () => {
    const spec = partySpec('a', { reservationValue: 1.5 });
    const problems = problemsOf(() => createParty(domain, { ...spec, preferences: { ...spec.preferences, weights: { 'army.cap': 1, sanctionz: 1 } } }));

    expect(problems).toEqual([
      expect.objectContaining({ code: 'invalid-value', path: 'reservationValue' }),
      expect.objectContaining({ code: 'unknown-issue', path: 'preferences.weights.sanctionz', suggestion: 'sanctions' }),
    ]);
  });

  it('reads ids such as "constructor" and "toString" as ids, not as Object.prototype (which made utilities NaN)', () => {
    const odd = createDomain({
      issues: [
        { id: 'constructor', label: 'C', ordered: false, options: [{ id: 'a', label: 'A' }, { id: 'toString', label: 'B' }] },
        { id: 'x', label: 'X', ordered: false, options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] },
      ],
    });
    const unweighed = createParty(odd, { ...partySpec('p'), preferences: { weights: { x: 1 }, values: { x: { a: 0, b: 1 } } } });
    expect(assessOutcome(unweighed, outcomeFromChoices(odd, { constructor: 'a', x: 'b' })).utility).toBe(1);

    const problems = problemsOf(() => createParty(odd, { ...partySpec('p'), preferences: { weights: { x: 1, constructor: 1 }, values: { x: { a: 0, b: 1 }, constructor: { a: 1 } } } }));
    expect(problems).toEqual([expect.objectContaining({ code: 'missing-value', path: 'preferences.values.constructor' })]);
    expect(problems[0]!.message).toContain('"toString"');
  });

  it.each([0, 1])('accepts a reservation value of %s', (reservationValue) => {
    expect(createParty(domain, partySpec('a', { reservationValue })).reservationValue).toBe(reservationValue);
  });

  it.each([1e308, -2, 1.01])('refuses an interaction delta of %s, outside [-1, 1]', (delta) => {
    const spec = partySpec('a');
    const problems = problemsOf(() =>
      createParty(domain, {
        ...spec,
        preferences: { ...spec.preferences, interactions: [{ id: 'x', text: 'An interaction.', sources: ['S1'], when: { kind: 'require', issue: 'sanctions', options: ['kept'] }, delta }] },
      }),
    );

    expect(problems).toEqual([expect.objectContaining({ code: 'invalid-value', path: 'preferences.interactions[0].delta' })]);
  });

  it('reports the reservation value at its path in the party file', async () => {
    const problems = await loadProblems(writeScenario({ 'parties/a.yaml': stringify(partySpec('a', { reservationValue: 1.5 })) }));

    expect(problems).toEqual([expect.objectContaining({ code: 'invalid-value', file: 'parties/a.yaml', path: 'reservationValue' })]);
  });

  const scenario = createScenario({ id: 'mini', title: 'Mini', domain: DOMAIN, parties: [partySpec('a'), partySpec('b')], plans: [] });
  const talksWith = (effect: Record<string, unknown>) => ({
    setup: { protocol: 'mediated-single-text', mediator: 'a', mediatorStrategy: 'amend-most-objected', maxRounds: 4, stallLimit: 2, walkOutAfter: 2 },
    timeline: [
      { date: '2025-11-20', kind: 'battlefield', summary: 'A town falls.', sources: ['S1'], effects: [{ party: 'b', reservationShift: 0.05 }] },
      { date: '2025-11-21', kind: 'battlefield', summary: 'Another town falls.', sources: ['S1'], effects: [{ party: 'b', ...effect }] },
    ],
  });

  it.each([
    ['reservationShift', 1e308],
    ['reservationShift', -1.5],
    ['leverageShift', 1e308],
    ['leverageShift', -11],
  ])('refuses a talks shock with %s %s', (field, value) => {
    const problems = problemsOf(() => createTalks(scenario, talksWith({ [field]: value }), 'talks.yaml'));

    expect(problems).toEqual([expect.objectContaining({ code: 'invalid-value', file: 'talks.yaml', path: `timeline[1].effects[0].${field}` })]);
  });

  it('accepts talks shocks within their ranges', () => {
    expect(createTalks(scenario, talksWith({ reservationShift: -0.3, leverageShift: 2 })).timeline).toHaveLength(2);
  });

  it('refuses a weights bound that would overflow a perturbed party\'s weights', () => {
    const big = createScenario({
      id: 'big',
      title: 'Big weights',
      domain: DOMAIN,
      parties: [partySpec('a', { preferences: { ...partySpec('a').preferences, weights: { 'army.cap': 8e307, sanctions: 8e307 } } }), partySpec('b')],
      plans: [],
    });
    const parties = basePartiesOf(big);

    const problems = problemsOf(() => validateExplorationFile({ perturb: { weights: 0.5 } }, parties, 'explore.yaml'));

    expect(problems).toEqual([expect.objectContaining({ code: 'invalid-weight', file: 'explore.yaml', path: 'perturb.weights' })]);
    expect(problems[0]!.message).toContain('"a"');
    expect(validateExplorationFile({ perturb: { weights: { b: 0.5 } } }, parties).perturb).toEqual({ weights: { b: 0.5 } });
  });

  it('keeps a perturbed reservation value in [0, 1], so that every run can be replayed as a party', () => {
    const edge = createScenario({ id: 'edge', title: 'Edge', domain: DOMAIN, parties: [partySpec('a', { reservationValue: 0.98 }), partySpec('b', { reservationValue: 0.02 })], plans: [] });
    const parties = basePartiesOf(edge);
    const assumptions = assumptionsOf(parties, { reservation: 0.3 });
    for (let run = 0; run < 40; run++) {
      const draw = drawRun(parties, assumptions, 7, run);
      edge.parties.forEach((party, p) => {
        const spec = perturbedPartySpec(edge.domain, party, parties[p]!, assumptions, draw, p);
        expect(spec.reservationValue).toBeGreaterThanOrEqual(0);
        expect(spec.reservationValue).toBeLessThanOrEqual(1);
        expect(createParty(edge.domain, spec).reservationValue).toBe(spec.reservationValue);
        expect(changeMagnitude(assumptions[p]!, draw[p]!, 1)).toBeCloseTo(Math.abs(spec.reservationValue - party.reservationValue), 12);
      });
    }
  });

  it('refuses a weights bound that could shrink a tiny weight to 0 (0/0 weights)', () => {
    const tiny = createScenario({
      id: 'tiny',
      title: 'Tiny weights',
      domain: DOMAIN,
      parties: [partySpec('a', { preferences: { ...partySpec('a').preferences, weights: { 'army.cap': 1e-322, sanctions: 1e-322 } } })],
      plans: [],
    });

    const problems = problemsOf(() => validateExplorationFile({ perturb: { weights: { a: 0.999 } } }, basePartiesOf(tiny)));

    expect(problems).toEqual([expect.objectContaining({ code: 'invalid-weight', path: 'perturb.weights.a' })]);
  });
});
