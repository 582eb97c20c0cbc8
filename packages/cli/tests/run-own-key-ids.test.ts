import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parley } from './support/run-parley.js';

// Ids are any non-empty strings, and some are names every object has (`constructor`,
// `toString`). `parley run` must find a record's own entry for such an id, or nothing, never
// Object.prototype's function (which printed as a strategy or a choice "function Object() …").

const dir = mkdtempSync(join(tmpdir(), 'parley-odd-ids-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  join(dir, 'scenario.json'),
  JSON.stringify({
    id: 'odd-ids',
    title: 'Ids that are names of Object.prototype',
    sources: { S1: 'A citation.' },
    domain: {
      issues: [
        { id: 'toString', label: 'Army cap', ordered: true, options: [{ id: 'valueOf', label: 'None' }, { id: '800k', label: '800k' }, { id: '600k', label: '600k' }] },
        { id: 'sanctions', label: 'Sanctions', ordered: false, options: [{ id: 'kept', label: 'Kept' }, { id: 'lifted', label: 'Lifted' }] },
      ],
    },
    parties: [
      {
        id: 'constructor',
        name: 'Constructor',
        reservationValue: 0.3,
        redLines: [],
        preferences: { weights: { toString: 1, sanctions: 1 }, values: { toString: { valueOf: 0, '800k': 0.6, '600k': 1 }, sanctions: { kept: 0, lifted: 1 } } },
      },
      { id: 'ukraine', name: 'Ukraine', reservationValue: 0.3, redLines: [], preferences: { weights: { toString: 1 }, values: { toString: { valueOf: 1, '800k': 0.6, '600k': 0 } } } },
    ],
    plans: [
      {
        id: 'draft',
        title: 'Draft',
        date: '2025-11-20',
        author: 'US',
        sources: ['S1'],
        signatories: ['constructor', 'ukraine'],
        points: [{ number: 1, summary: 'An army cap of 800k.', category: 'security', sources: ['S1'], provisions: [{ issue: 'toString', option: '800k' }] }],
      },
    ],
  }),
);
writeFileSync(
  join(dir, 'talks.yaml'),
  [
    'setup:',
    '  protocol: mediated-single-text',
    '  mediator: ukraine',
    '  mediatorStrategy: amend-most-objected',
    '  maxRounds: 4',
    '  stallLimit: 2',
    '  walkOutAfter: 3',
    '  strategies:',
    '    ukraine: boulware',
    'timeline:',
    '  - date: "2025-11-20"',
    '    kind: plan-presented',
    '    plan: draft',
    '    to: [constructor, ukraine]',
    '    summary: The draft is handed over.',
    '    sources: [S1]',
    '  - date: "2025-11-21"',
    '    kind: negotiator-change',
    '    party: constructor',
    '    strategy: conceder',
    '    summary: A new negotiator leads the team of the party named constructor.',
    '    sources: [S1]',
    '',
  ].join('\n'),
);

describe('parley run with a party whose id is "constructor"', () => {
  it('tells the story with the party\'s own entries, never Object.prototype\'s', async () => {
    const { code, stdout, stderr } = await parley(['run', dir, '--rounds', '2']);

    expect(stderr).not.toMatch(/TypeError|is not a function/);
    expect(code).toBe(0);
    expect(stdout).toContain('Constructor');
    expect(stdout).not.toMatch(/function|native code|\[object/);
    // It starts with the linear strategy (the set-up names only Ukraine's), then concedes.
    expect(stdout.replace(/\s+/g, ' ')).toContain("Constructor's strategy linear → conceder");
  });

  it('tells the alternating-offers story too', async () => {
    const { code, stdout } = await parley(['run', dir, '--protocol', 'alternating-offers', '--rounds', '4']);

    expect(code).toBe(0);
    expect(stdout).toContain('Constructor');
    expect(stdout).not.toMatch(/function|native code|\[object/);
    // It proposes in round 0, so it gives no answer then: not "rejects (red line)", having none.
    // It opens at its best outcome, as alternating-offers strategies do.
    expect(stdout).toMatch(/│ 0 +│ Constructor │ 1\.00 \(offers\) +│/);
    expect(stdout).not.toContain('red line)');
  });
});
