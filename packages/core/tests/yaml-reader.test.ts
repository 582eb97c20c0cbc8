import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Problem } from '@parley/core';
import { readDataFile } from '@parley/core/internal';
import { MAX_YAML_ALIASES, MAX_YAML_DEPTH } from '@parley/core/node';

// What reading a YAML file means, pinned as js-yaml reads it (issue 12: the yaml library took
// 14–18 s for a 50 MB file): YAML 1.2's core schema, one document, every repeated key found with
// its path and line, aliases limited, and the problems the yaml-based reader gave before.

const dir = mkdtempSync(join(tmpdir(), 'parley-yaml-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** Reads `text` as the file `name` (in a directory of its own) and returns the value and the problems. */
async function read(text: string, name = 'data.yaml'): Promise<{ readonly value: unknown; readonly problems: readonly Problem[] }> {
  const base = join(dir, String(files++));
  mkdirSync(base, { recursive: true });
  writeFileSync(join(base, name), text);
  const problems: Problem[] = [];
  const value = await readDataFile(join(base, name), base, problems);
  return { value, problems };
}

describe('repeated keys', () => {
  it('are each reported in a flat map, at the path, with both lines', async () => {
    const { value, problems } = await read('S1: "One."\nS2: "Two."\nS1: "Again."\nS2: "And again."\n', 'sources.yaml');

    expect(value).toBeUndefined();
    expect(problems).toEqual([
      { code: 'invalid-syntax', file: 'sources.yaml', path: 'S1', message: expect.stringMatching(/^not valid YAML: line 3, column 1: duplicate key "S1" \(first at line 1, column 1\); /) },
      { code: 'invalid-syntax', file: 'sources.yaml', path: 'S2', message: expect.stringMatching(/^not valid YAML: line 4, column 1: duplicate key "S2" \(first at line 2, column 1\); /) },
    ]);
  });

  it('are reported deep inside lists and flow maps, at the full path', async () => {
    const text = 'issues:\n  - id: a\n    options:\n      - { id: x, label: X, id: y }\n      - id: z\n        label: Z\n        label: "Z again"\n';
    const { problems } = await read(text, 'domain.yaml');

    expect(problems.map((problem) => [problem.path, problem.message.slice(0, 60)])).toEqual([
      ['issues[0].options[0].id', 'not valid YAML: line 4, column 28: duplicate key "id" (first'],
      ['issues[0].options[1].label', 'not valid YAML: line 7, column 9: duplicate key "label" (fir'],
    ]);
  });

  it('include keys YAML tells apart that become one property: 1, 1.0, 0x1 and "1"; ~ and an empty key', async () => {
    const { problems } = await read('1: a\n"1": b\n0x1: c\n1.0: d\n~: e\nnull: f\n');

    expect(problems.map((problem) => problem.path)).toEqual(['["1"]', '["1"]', '["1"]', '[""]']);
  });

  it('are found in a 5 MB file that has one, at its line and the line of the first', async () => {
    let text = '';
    for (let k = 0; k < 80_000; k++) text += `S${k}: "Citation number ${k}, a page of some site."\n`;
    const { problems } = await read(`${text}S79999: "Once more."\n`);

    expect(problems).toEqual([expect.objectContaining({ path: 'S79999', message: expect.stringContaining('line 80001, column 1: duplicate key "S79999" (first at line 80000, column 1)') })]);
  }, 60_000);
});

describe('aliases', () => {
  const bomb = (levels: number): string => {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let level = 1; level <= levels; level++) lines.push(`a${level}: &a${level} [${Array.from({ length: 9 }, () => `*a${level - 1}`).join(', ')}]`);
    return `${lines.join('\n')}\n`;
  };

  it(`refuse an alias bomb as a limit of the file, at the alias past ${MAX_YAML_ALIASES}`, async () => {
    const { value, problems } = await read(bomb(8), 'sources.yaml');

    expect(value).toBeUndefined();
    expect(problems).toEqual([{ code: 'limit-exceeded', file: 'sources.yaml', path: '', message: expect.stringMatching(/^line 5, column \d+: its aliases expand to more than 1000 copies/) }]);
  });

  it('read a file that aliases aliases a few levels deep, and one plain anchor 1 000 times', async () => {
    expect((await read(bomb(2))).problems).toEqual([]);
    const uses = Array.from({ length: MAX_YAML_ALIASES }, (_, k) => `S${k + 2}: *s`).join('\n');
    const { value, problems } = await read(`S1: &s "A citation."\n${uses}\n`);
    expect(problems).toEqual([]);
    expect(Object.keys(value as object)).toHaveLength(MAX_YAML_ALIASES + 1);
    expect((await read(`S1: &s "A citation."\n${uses}\nS0: *s\n`)).problems).toEqual([expect.objectContaining({ code: 'limit-exceeded' })]);
  });

  it('refuse an alias inside what its own anchor names (a value that would contain itself)', async () => {
    const { problems } = await read('a: &a\n  b: [1, *a]\n');

    expect(problems).toEqual([{ code: 'invalid-syntax', file: 'data.yaml', path: 'a.b[1]', message: expect.stringMatching(/^not valid YAML: line 2, column 10: the alias \*a is inside what its anchor &a names/) }]);
  });

  it('refuse an alias with no anchor before it, with its line', async () => {
    const { problems } = await read('a: 1\nb: *nowhere\n');

    expect(problems).toEqual([expect.objectContaining({ code: 'invalid-syntax', message: expect.stringMatching(/^not valid YAML: line 2, column \d+: unidentified alias "nowhere"/) })]);
  });
});

describe('the core schema of YAML 1.2', () => {
  it('keeps dates and times as text, and yes/no/on/off too', async () => {
    const { value } = await read('date: 2025-11-20\nwhen: 2025-11-20T10:00:00Z\nanswer: yes\nswitch: off\n');

    expect(value).toEqual({ date: '2025-11-20', when: '2025-11-20T10:00:00Z', answer: 'yes', switch: 'off' });
  });

  it('reads numbers, booleans and null as the core schema has them', async () => {
    const { value } = await read('a: 0o17\nb: 0x1F\nc: 1_000\nd: .inf\ne: -.Inf\nf: 1e3\ng: 010\nh: TRUE\ni: ~\nj: 1:20\nk: !!str 12\n');

    expect(value).toEqual({ a: 15, b: 31, c: '1_000', d: Infinity, e: -Infinity, f: 1000, g: 10, h: true, i: null, j: '1:20', k: '12' });
  });

  it('reads << as an ordinary key (no merge), and __proto__ as an own property', async () => {
    const { value } = await read('base: &b { x: 1 }\nmore:\n  <<: *b\n  y: 2\n__proto__: { polluted: true }\n');

    expect(value).toEqual({ base: { x: 1 }, more: { '<<': { x: 1 }, y: 2 }, ['__proto__']: { polluted: true } });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses a tag the core schema does not have, with the fix', async () => {
    const { problems } = await read('when: !!timestamp 2025-11-20\n');

    expect(problems).toEqual([expect.objectContaining({ code: 'invalid-syntax', message: expect.stringMatching(/^not valid YAML: line 1, column 7: unknown scalar tag .*remove the tag$/) })]);
    expect((await read('count: !!int abc\n')).problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/^not valid YAML: line 1, column 8: .*remove the tag, or fix the value$/) })]);
  });

  it('refuses a %YAML 1.1 file, whose yes would be true', async () => {
    const { problems } = await read('%YAML 1.1\n---\nordered: yes\n');

    expect(problems).toEqual([expect.objectContaining({ code: 'invalid-syntax', message: expect.stringMatching(/^not valid YAML: line 1, column 1: "%YAML 1.1": Parley reads YAML 1.2/) })]);
    expect(await read('%YAML 1.2\n---\nordered: yes\n')).toEqual({ value: { ordered: 'yes' }, problems: [] });
  });

  it('refuses a second document, at the line where it starts', async () => {
    const { problems } = await read('a: 1\n---\nb: 2\n');
    expect(problems).toEqual([expect.objectContaining({ code: 'invalid-syntax', message: expect.stringMatching(/^not valid YAML: line 2, column 1: a second document starts here/) })]);

    expect((await read('---\na: 1\n...\n# the end\n')).value).toEqual({ a: 1 });
  });

  it('reads an empty file, or one of comments only, as null', async () => {
    expect(await read('')).toEqual({ value: null, problems: [] });
    expect(await read('# nothing yet\n')).toEqual({ value: null, problems: [] });
  });
});

describe('nesting', () => {
  it(`refuses collections nested more than ${MAX_YAML_DEPTH} levels deep, and reads ${MAX_YAML_DEPTH}`, async () => {
    const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}\n`;

    expect((await read(nested(MAX_YAML_DEPTH))).problems).toEqual([]);
    for (const depth of [MAX_YAML_DEPTH + 1, 100_000]) {
      const { problems } = await read(nested(depth), 'deep.yaml');
      expect(problems).toEqual([{ code: 'limit-exceeded', file: 'deep.yaml', path: '', message: expect.stringMatching(/^line 1, column 257: nested more than 256 levels deep/) }]);
    }
  });
});

describe('what yaml.stringify writes, readDataFile reads back', () => {
  // Plain data as scenario files hold it: text (any, keys too), finite numbers, booleans,
  // null, lists and maps. -0 is left out: YAML writes it as 0 as often as -0.
  const plain = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.string({ unit: 'grapheme' }), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)), fc.integer(), fc.boolean(), fc.constant(null), tie('list'), tie('map')),
    list: fc.array(tie('value'), { maxLength: 4 }),
    // Objects as a file gives them, with Object's prototype (fast-check gives a null one to some).
    map: fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 8 }), tie('value'), { maxKeys: 4, noNullPrototype: true }),
  })).value;

  test.prop([plain], { numRuns: 300 })('deep-equal to what was written', async (data) => {
    const { value, problems } = await read(stringify(data));
    expect(problems).toEqual([]);
    expect(value).toStrictEqual(data);
  });
});
