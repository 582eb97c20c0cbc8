import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ScenarioError, type DomainSpec, type PartySpec, type Problem } from '@parley/core';
import { loadScenario } from '@parley/core/node';

// JSON scenario files refuse a repeated key as YAML files do (JSON.parse alone keeps the
// last of the two without a word), and ordinary JSON loads exactly as JSON.parse reads it.

const DOMAIN: DomainSpec = {
  issues: [
    { id: 'army.cap', label: 'Army cap', ordered: true, options: [{ id: 'none', label: 'None' }, { id: '800k', label: '800k' }, { id: '600k', label: '600k' }] },
    { id: 'sanctions', label: 'Sanctions', ordered: false, options: [{ id: 'kept', label: 'Kept' }, { id: 'lifted', label: 'Lifted' }] },
  ],
};

function partySpec(id: string): PartySpec {
  return {
    id,
    name: `Party ${id}`,
    reservationValue: 0.4,
    redLines: [{ id: 'no-600k', text: 'No cap of 600k.', sources: ['S1'], rule: { kind: 'forbid', issue: 'army.cap', options: ['600k'] } }],
    preferences: {
      weights: { 'army.cap': 2, sanctions: 1 },
      values: { 'army.cap': { none: 1, '800k': 0.6, '600k': 0 }, sanctions: { kept: 0.2, lifted: 0.9 } },
    },
  };
}

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes a scenario whose party b is `parties/b.json` with the given text (the rest in YAML). */
function writeScenario(partyB: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-json-'));
  tempDirs.push(dir);
  const all: Record<string, string> = {
    'scenario.yaml': stringify({ id: 'mini', title: 'Mini', sources: 'sources.yaml', domain: 'domain.yaml', parties: ['parties/a.yaml', 'parties/b.json'], plans: [] }),
    'sources.yaml': 'S1: "A citation."\n',
    'domain.yaml': stringify(DOMAIN),
    'parties/a.yaml': stringify(partySpec('a')),
    'parties/b.json': partyB,
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

async function loadProblems(dir: string): Promise<readonly Problem[]> {
  const error: unknown = await loadScenario(dir).then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(ScenarioError);
  return (error as ScenarioError).problems;
}

describe('a key repeated in a JSON file is an error, as in YAML', () => {
  it('names the file, the path of the repeated key, both positions and the fix', async () => {
    const text = JSON.stringify(partySpec('b'), null, 2).replace('"weights": {\n', '"weights": {\n      "sanctions": 3,\n');
    expect(text).toContain('"sanctions": 3');

    const problems = await loadProblems(writeScenario(text));

    expect(problems).toEqual([expect.objectContaining({ code: 'invalid-syntax', file: 'parties/b.json', path: 'preferences.weights.sanctions' })]);
    const lines = text.split('\n');
    const first = lines.findIndex((line) => line.includes('"sanctions": 3'));
    const second = lines.findIndex((line, index) => index > first && line.includes('"sanctions": 1'));
    expect(problems[0]!.message).toBe(
      `not valid JSON: line ${second + 1}, column 7: duplicate key "sanctions" (first at line ${first + 1}, column 7); a key may appear once in a map: remove one, or merge the two`,
    );
  });

  it('gives the same problem a YAML file gives, but for the syntax it names', async () => {
    // The same text (JSON is YAML 1.2) in sources.yaml, read as YAML, and in sources.json, read as JSON.
    const text = '{"S1": "A citation.",\n "S2": "Another.",\n "S1": "The same key again."}';
    const asJson = stringify({ id: 'mini', title: 'Mini', sources: 'sources.json', domain: 'domain.yaml', parties: ['parties/a.yaml', 'parties/b.json'], plans: [] });
    const [readAsYaml] = await loadProblems(writeScenario(JSON.stringify(partySpec('b')), { 'sources.yaml': text }));
    const [readAsJson] = await loadProblems(writeScenario(JSON.stringify(partySpec('b')), { 'scenario.yaml': asJson, 'sources.json': text }));

    expect(readAsYaml).toMatchObject({ code: 'invalid-syntax', file: 'sources.yaml', path: 'S1' });
    expect(readAsJson).toMatchObject({ code: 'invalid-syntax', file: 'sources.json', path: 'S1' });
    expect(readAsJson!.message).toBe(readAsYaml!.message.replace('not valid YAML', 'not valid JSON'));
    expect(readAsJson!.message).toContain('line 3, column 2: duplicate key "S1" (first at line 1, column 2)');
  });

  it('compares keys as the strings they decode to, and reports a key inside a list at its index', async () => {
    const spec = partySpec('b');
    const text = JSON.stringify(spec).replace('"id":"no-600k"', '"id":"no-600k","t\\u0065xt":"Written twice."');

    const problems = await loadProblems(writeScenario(text));

    expect(problems).toEqual([expect.objectContaining({ code: 'invalid-syntax', file: 'parties/b.json', path: 'redLines[0].text' })]);
    expect(problems[0]!.message).toContain('duplicate key "text"');
  });

  it('reports every repeated key, in a scenario.json too', async () => {
    const dir = writeScenario(JSON.stringify(partySpec('b')), {
      'scenario.json': '{"id": "mini", "id": "again", "title": "Mini", "sources": {"S1": "x", "S1": "y"}, "domain": "domain.yaml", "parties": ["parties/a.yaml"], "plans": []}',
    });

    const problems = await loadProblems(join(dir, 'scenario.json'));

    expect(problems.map((problem) => [problem.file, problem.path])).toEqual([
      ['scenario.json', 'id'],
      ['scenario.json', 'sources.S1'],
    ]);
  });

  it('still reads a key that only looks repeated: in another object, or inside a string', async () => {
    const spec = { ...partySpec('b'), name: 'Party b, "weights": {"sanctions": 3}' };

    const scenario = await loadScenario(writeScenario(JSON.stringify(spec)));

    expect(scenario.parties[1]!.name).toBe('Party b, "weights": {"sanctions": 3}');
  });
});

describe('ordinary JSON loads exactly as JSON.parse reads it', () => {
  it('keeps numbers, strings with escapes and nested lists', async () => {
    const spec: PartySpec = {
      ...partySpec('b'),
      name: 'Quote " backslash \\ slash / tab \t newline \n é 😀 \u2028 end',
      reservationValue: 0.30000000000000004,
      redLines: [
        {
          id: 'both',
          text: 'Neither 600k nor lifted sanctions, unless both.',
          sources: ['S1'],
          rule: { kind: 'any', rules: [{ kind: 'all', rules: [{ kind: 'forbid', issue: 'army.cap', options: ['600k'] }, { kind: 'forbid', issue: 'sanctions', options: ['lifted'] }] }] },
        },
      ],
      preferences: { weights: { 'army.cap': 1e-3, sanctions: 12.5 }, values: { 'army.cap': { none: 1, '800k': 0.6, '600k': 0 }, sanctions: { kept: 2e-1, lifted: 0.9 } } },
    };
    // Written by hand in places, with escapes JSON.stringify would not use.
    const text = JSON.stringify(spec, null, '\t').replace('é', '\\u00e9').replace('😀', '\\ud83d\\ude00').replace('"name": "Quote', '"name": "\\u0051uote').replace('/ tab', '\\/ tab');
    expect(text).toContain('\\ud83d\\ude00');

    const scenario = await loadScenario(writeScenario(text));
    const party = scenario.parties[1]!;

    expect(party.name).toBe(spec.name);
    expect(party.reservationValue).toBe(0.30000000000000004);
    expect(party.redLines[0]!.rule).toEqual(spec.redLines[0]!.rule);
    expect(party.preferences.weights).toEqual({ 'army.cap': 1e-3, sanctions: 12.5 });
  });

  it('reads a JSON file nested far deeper than YAML can be, to report its rule at the path', async () => {
    let rule: unknown = { kind: 'forbid', issue: 'army.cap', options: ['600k'] };
    for (let level = 0; level < 3_000; level++) rule = { kind: 'not', rule };
    const text = JSON.stringify({ ...partySpec('b'), redLines: [{ id: 'deep', text: 'Deep.', sources: ['S1'], rule }] });

    const problems = await loadProblems(writeScenario(text));

    expect(problems).toEqual([expect.objectContaining({ code: 'limit-exceeded', file: 'parties/b.json', path: `redLines[0].rule${'.rule'.repeat(32)}` })]);
  });
});
