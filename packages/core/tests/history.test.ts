import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ParleyError,
  ScenarioError,
  applyRevision,
  compileRevision,
  createDomain,
  createPlan,
  createScenario,
  diffPlans,
  openIssues,
  planOf,
  renderPlanDiff,
  revertRevision,
  revisePlan,
  revisionSchema,
  type DomainSpec,
  type Plan,
  type PlanSpec,
  type Problem,
  type RevisionSpec,
  type Scenario,
  type ScenarioSpec,
  type UpdatePointEdit,
} from '@parley/core';
import { loadScenario } from '@parley/core/node';

const seeds = fileURLToPath(new URL('../../../seeds/ukraine-2025', import.meta.url));

/** A plan as plain data: what its spec says, without the bound domain and settlement. */
const specOf = (plan: PlanSpec): PlanSpec => JSON.parse(JSON.stringify(plan)) as PlanSpec;

let scenario: Scenario;
beforeAll(async () => {
  scenario = await loadScenario(seeds);
});

describe('the bundled revisions', () => {
  it('turn the 28-point draft into the 19-point draft and the E3 counter-proposal, in that order', () => {
    expect(scenario.plans.map((plan) => plan.id)).toEqual(['us-28', 'us-ukraine-19', 'e3-counterproposal']);
    expect(scenario.revisions.map((revision) => [revision.id, revision.base, revision.result])).toEqual([
      ['geneva-cut', 'us-28', 'us-ukraine-19'],
      ['e3-rewrite', 'us-28', 'e3-counterproposal'],
    ]);
    for (const revision of scenario.revisions) {
      expect(revision).toMatchObject({ author: expect.any(String), date: '2025-11-23', rationale: expect.any(String), sources: expect.any(Array) });
      expect(revision.patches.length).toBeGreaterThan(0);
      expect(revision.inversePatches.length).toBeGreaterThan(0);
    }
  });

  it('give the result plans what the plan files used to hold: numbering, basedOn, header', () => {
    const nineteen = planOf(scenario, 'us-ukraine-19');
    expect(nineteen.points.map((point) => point.number)).toEqual(Array.from({ length: 19 }, (_, index) => index + 1));
    expect(nineteen.points.map((point) => point.basedOn)).toEqual([1, 2, 5, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19, 20, 23, 24, 25, 27, 28]);
    expect(nineteen).toMatchObject({ basedOn: 'us-28', date: '2025-11-23', author: 'United States and Ukraine (Geneva talks)', signatories: ['russia', 'ukraine', 'united-states', 'europe'] });
    expect(nineteen.points.every((point) => point.assumption !== undefined)).toBe(true);
    const e3 = planOf(scenario, 'e3-counterproposal');
    expect(e3.points.map((point) => point.number)).toEqual([1, 2, ...Array.from({ length: 25 }, (_, index) => index + 4)]);
    expect(e3.points.every((point) => point.basedOn === point.number)).toBe(true);
    expect(e3.points.find((point) => point.number === 10)!.assumption).toBeUndefined();
  });

  it.each(['geneva-cut', 'e3-rewrite'])('%s replays on its base and inverts on its result', (id) => {
    const revision = scenario.revisions.find((candidate) => candidate.id === id)!;
    const base = planOf(scenario, revision.base);
    const result = planOf(scenario, revision.result);
    expect(applyRevision(base, revision)).toEqual(specOf(result));
    expect(revertRevision(result, revision)).toEqual(specOf(base));
  });

  it('are plain JSON: a revision read back from JSON replays and inverts the same way', () => {
    for (const revision of scenario.revisions) {
      const copy = JSON.parse(JSON.stringify(revision)) as typeof revision;
      expect(copy).toEqual(revision);
      expect(applyRevision(planOf(scenario, copy.base), copy)).toEqual(specOf(planOf(scenario, copy.result)));
      expect(revertRevision(planOf(scenario, copy.result), copy)).toEqual(specOf(planOf(scenario, copy.base)));
    }
  });

  it('print their plans exactly as plan files would, keys in the same order', () => {
    expect(Object.keys(planOf(scenario, 'us-ukraine-19'))).toEqual(['id', 'title', 'date', 'author', 'basedOn', 'summary', 'sources', 'signatories', 'points']);
    expect(Object.keys(planOf(scenario, 'us-ukraine-19').points[0]!)).toEqual(['number', 'basedOn', 'summary', 'category', 'sources', 'assumption', 'provisions']);
  });

  it('refuse to apply to the wrong plan', () => {
    const [geneva] = scenario.revisions;
    expect(() => applyRevision(planOf(scenario, 'e3-counterproposal'), geneva!)).toThrow(expect.objectContaining({ code: 'REVISION_MISMATCH' }));
    expect(() => revertRevision(planOf(scenario, 'us-28'), geneva!)).toThrow(/produces plan "us-ukraine-19", not "us-28"/);
  });

  it('refuse to apply when the base changed since the revision was recorded', () => {
    const [geneva] = scenario.revisions;
    const shorter = { ...specOf(planOf(scenario, 'us-28')), points: specOf(planOf(scenario, 'us-28')).points.slice(0, 2) };
    let caught: unknown;
    try {
      applyRevision(shorter, geneva!);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ParleyError);
    expect((caught as ParleyError).code).toBe('REVISION_DOES_NOT_APPLY');
  });
});

describe('diffPlans', () => {
  it('28 → 19: territory, NATO, the army cap, assets and amnesty are opened, the EU path changed, nine points removed', () => {
    const diff = diffPlans(planOf(scenario, 'us-28'), planOf(scenario, 'us-ukraine-19'));
    expect(diff.matchedBy).toBe('basedOn');
    expect(diff.removed.map((point) => point.number)).toEqual([3, 4, 6, 7, 8, 14, 21, 22, 26]);
    expect(diff.added).toEqual([]);
    const kinds = Object.fromEntries(diff.issues.map((move) => [move.issue, move.kind]));
    expect(kinds).toEqual({
      'territory.donetsk-held': 'opened',
      'territory.recognition': 'opened',
      'territory.south': 'opened',
      'nato.membership': 'opened',
      'nato.troops': 'opened',
      'nato.expansion': 'opened',
      'military.army-cap': 'opened',
      'economy.frozen-assets': 'opened',
      'governance.amnesty': 'opened',
      'eu.path': 'changed',
    });
    expect(diff.issues.find((move) => move.issue === 'eu.path')).toMatchObject({
      label: expect.any(String),
      from: { option: 'eligible-with-market-access', label: expect.any(String) },
      to: { option: 'eligible', label: expect.any(String) },
      fromPoints: [11],
      toPoints: [6],
    });
    expect(diff.issues.find((move) => move.issue === 'territory.recognition')).toMatchObject({ from: { option: 'de-facto' }, to: null, fromPoints: [21], toPoints: [] });
    // Every opened issue is one the 19-point draft leaves open.
    const opened = diff.issues.filter((move) => move.kind === 'opened').map((move) => move.issue);
    expect(openIssues(planOf(scenario, 'us-ukraine-19'))).toEqual(expect.arrayContaining(opened));
    // Renumbered points are changed in their number, not removed and added.
    expect(diff.changed.find((change) => change.from === 11)).toMatchObject({ to: 6, fields: ['number', 'summary', 'sources', 'assumption', 'provisions'] });
    expect(diff.changed.find((change) => change.from === 1)).toMatchObject({ to: 1, fields: ['sources', 'assumption'] });
  });

  it('28 → E3: point 3 removed; NATO membership changed from a constitutional ban to consensus-dependent', () => {
    const diff = diffPlans(planOf(scenario, 'us-28'), planOf(scenario, 'e3-counterproposal'));
    expect(diff.removed.map((point) => point.number)).toEqual([3]);
    expect(diff.issues.find((move) => move.issue === 'nato.membership')).toMatchObject({
      kind: 'changed',
      from: { option: 'constitutional-ban' },
      to: { option: 'consensus-dependent' },
      fromPoints: [7],
      toPoints: [7],
    });
    expect(diff.issues.find((move) => move.issue === 'nato.expansion')).toMatchObject({ kind: 'opened', fromPoints: [3] });
    expect(diff.issues.find((move) => move.issue === 'military.army-cap')).toMatchObject({ kind: 'changed', from: { option: '600k' }, to: { option: '800k' } });
    expect(diff.changed.find((change) => change.from === 10)!.fields).toEqual(['summary', 'sources', 'assumption', 'provisions']);
  });

  it('runs backwards (19 → 28: everything opened is settled again) and between siblings (19 → E3)', () => {
    const backwards = diffPlans(planOf(scenario, 'us-ukraine-19'), planOf(scenario, 'us-28'));
    expect(backwards.matchedBy).toBe('basedOn-reversed');
    expect(backwards.added.map((point) => point.number)).toEqual([3, 4, 6, 7, 8, 14, 21, 22, 26]);
    expect(backwards.issues.filter((move) => move.kind === 'settled')).toHaveLength(9);
    const siblings = diffPlans(planOf(scenario, 'us-ukraine-19'), planOf(scenario, 'e3-counterproposal'));
    expect(siblings.matchedBy).toBe('common-base');
    expect(siblings.changed.find((change) => change.from === 6)).toMatchObject({ to: 11 });
    expect(siblings.issues.find((move) => move.issue === 'nato.membership')).toMatchObject({ kind: 'settled', to: { option: 'consensus-dependent' } });
  });

  it('pairs points by number when neither plan is based on the other', () => {
    const domain = createDomain(DOMAIN);
    const a = createPlan(domain, DRAFT);
    const b = createPlan(domain, { ...DRAFT, id: 'other', points: [DRAFT.points[0]!, { ...DRAFT.points[1]!, summary: 'Sanctions kept.', provisions: [{ issue: 'sanctions', option: 'kept' }] }] });
    const diff = diffPlans(a, b);
    expect(diff.matchedBy).toBe('number');
    expect(diff.unchanged).toEqual([1]);
    expect(diff.changed).toEqual([{ from: 2, to: 2, category: 'economy', summary: 'Sanctions kept.', fields: ['summary', 'provisions'] }]);
    expect(diff.removed.map((point) => point.number)).toEqual([3]);
    expect(diff.issues.map((move) => [move.issue, move.kind])).toEqual([['nato', 'opened'], ['sanctions', 'changed']]);
  });

  it('refuses plans over different domains', () => {
    const a = createPlan(createDomain(DOMAIN), DRAFT);
    const other = createDomain({ issues: [{ ...DOMAIN.issues[0]!, id: 'nato2' }, ...DOMAIN.issues.slice(1)] });
    const b = createPlan(other, { ...DRAFT, points: [{ ...DRAFT.points[1]! }] });
    expect(() => diffPlans(a, b)).toThrow(expect.objectContaining({ code: 'DOMAIN_MISMATCH' }));
  });

  it('renders as aligned plain text', () => {
    const text = renderPlanDiff(diffPlans(planOf(scenario, 'us-28'), planOf(scenario, 'e3-counterproposal')));
    expect(text).toContain('us-28 → e3-counterproposal (points matched by basedOn: e3-counterproposal is based on us-28)');
    expect(text).toMatch(/changed {2}Ukraine's NATO membership +Banned in Ukraine's constitution and NATO's statutes \(pt 7\) → Depends on a consensus of NATO members \(pt 7\)/);
    expect(text).toContain('Points removed (1)\n  pt 3  nato-alignment  The parties expect');
    expect(text).toContain('Points added (0)');
    expect(text).not.toMatch(/\u001b\[/);
  });
});

// A small domain and plan for the tests that need a hand-made revision.
const DOMAIN: DomainSpec = {
  issues: [
    { id: 'nato', label: 'NATO membership', ordered: true, options: [{ id: 'open-door', label: 'Door open' }, { id: 'neutral', label: 'Neutrality' }, { id: 'ban', label: 'Ban' }] },
    { id: 'army', label: 'Army cap', ordered: true, options: [{ id: 'none', label: 'No cap' }, { id: '800k', label: '800,000' }, { id: '600k', label: '600,000' }] },
    { id: 'sanctions', label: 'Sanctions', ordered: false, options: [{ id: 'kept', label: 'Kept' }, { id: 'lifted', label: 'Lifted' }] },
  ],
};

const DRAFT: PlanSpec = {
  id: 'draft',
  title: 'Draft',
  date: '2025-11-20',
  author: 'Mediator',
  signatories: ['kyiv', 'moscow'],
  points: [
    { number: 1, summary: 'Army capped at 600,000.', category: 'military', sources: ['S1'], assumption: 'Read from a leak.', provisions: [{ issue: 'army', option: '600k' }] },
    { number: 2, summary: 'Sanctions lifted.', category: 'economy', sources: ['S1'], provisions: [{ issue: 'sanctions', option: 'lifted' }] },
    { number: 3, summary: 'NATO ban.', category: 'nato', sources: ['S1'], provisions: [{ issue: 'nato', option: 'ban' }] },
  ],
};

function revisionSpec(overrides: Partial<RevisionSpec> = {}): RevisionSpec {
  return { id: 'cut', base: 'draft', author: 'Kyiv', date: '2025-11-23', rationale: 'The ban goes.', sources: ['S2'], set: { id: 'cut-draft', title: 'Cut draft' }, edits: [], ...overrides };
}

/** Calls `create`, expecting a ScenarioError, and returns its problems. */
function problemsOf(create: () => unknown): readonly Problem[] {
  let caught: unknown;
  try {
    create();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ScenarioError);
  return (caught as ScenarioError).problems;
}

describe('revisePlan', () => {
  it('records a recipe as patches, never touching the base', () => {
    const base = structuredClone(DRAFT);
    const { plan, revision } = revisePlan(base, (draft) => {
      draft.id = 'short';
      draft.points.splice(2, 1);
      draft.points[0]!.summary = 'Army capped at 800,000.';
    }, { id: 'r1', author: 'E3', date: '2025-11-23', rationale: 'Shorter.', sources: ['S2'] });
    expect(base).toEqual(DRAFT);
    expect(plan.points).toHaveLength(2);
    expect(revision).toMatchObject({ id: 'r1', base: 'draft', result: 'short' });
    expect(revision.patches).toContainEqual({ op: 'replace', path: ['points', 0, 'summary'], value: 'Army capped at 800,000.' });
    expect(applyRevision(base, revision)).toEqual(plan);
    expect(revertRevision(plan, revision)).toEqual(base);
    expect(Object.isFrozen(plan) && Object.isFrozen(revision) && Object.isFrozen(revision.patches)).toBe(true);
  });

  it('checks the metadata', () => {
    const problems = problemsOf(() => revisePlan(DRAFT, () => undefined, { id: 'r', author: 'E3', date: '23 Nov', rationale: 'Why.', sources: [] }));
    expect(problems.map((problem) => problem.path)).toEqual(['date', 'sources']);
  });
});

describe('compileRevision', () => {
  it('removes, updates, adds and renumbers; carried points record their number in the base', () => {
    const { plan, revision } = compileRevision(DRAFT, revisionSpec({
      edits: [
        { removePoints: [3] },
        { updatePoint: 1, set: { provisions: [{ issue: 'army', option: '800k' }], assumption: null } },
        { addPoint: { number: 9, summary: 'Neutrality.', category: 'nato', sources: ['S2'], provisions: [{ issue: 'nato', option: 'neutral' }] }, after: 0 },
        { renumber: true },
        { updatePoint: 3, set: { summary: 'Sanctions lifted in stages.' } },
      ],
    }), { domain: createDomain(DOMAIN) });
    expect(plan).toMatchObject({ id: 'cut-draft', title: 'Cut draft', date: '2025-11-23', author: 'Kyiv', basedOn: 'draft', signatories: ['kyiv', 'moscow'] });
    expect(plan.points.map((point) => [point.number, point.basedOn, point.summary])).toEqual([
      [1, undefined, 'Neutrality.'],
      [2, 1, 'Army capped at 600,000.'],
      [3, 2, 'Sanctions lifted in stages.'],
    ]);
    expect(plan.points[1]).not.toHaveProperty('assumption');
    expect(revision).toMatchObject({ id: 'cut', base: 'draft', result: 'cut-draft', rationale: 'The ban goes.', sources: ['S2'] });
    expect(revertRevision(plan, revision)).toEqual(DRAFT);
  });

  it('keeps the base numbering without renumber, and puts an added point where its number belongs', () => {
    const { plan } = compileRevision(DRAFT, revisionSpec({ edits: [{ removePoints: [2] }, { addPoint: { number: 2, summary: 'Sanctions kept.', category: 'economy', sources: ['S2'], provisions: [] } }] }));
    expect(plan.points.map((point) => [point.number, point.basedOn])).toEqual([[1, 1], [2, undefined], [3, 3]]);
  });

  it('header: null removes an optional field; the id, date and author default to the revision’s', () => {
    const { plan } = compileRevision({ ...DRAFT, summary: 'A draft.' }, revisionSpec({ set: { summary: null, signatories: null } }));
    expect(plan).toMatchObject({ id: 'cut', title: 'Draft', date: '2025-11-23', author: 'Kyiv' });
    expect(plan).not.toHaveProperty('summary');
    expect(plan).not.toHaveProperty('signatories');
    expect(compileRevision(DRAFT, revisionSpec({ set: { id: 'other', date: '2025-12-01', author: 'Moscow' } })).plan).toMatchObject({ id: 'other', date: '2025-12-01', author: 'Moscow' });
  });

  it('never freezes or changes the spec it is given', () => {
    const spec = revisionSpec({ edits: [{ updatePoint: 1, set: { sources: ['S9'] } }, { addPoint: { number: 4, summary: 'New.', category: 'x', sources: ['S9'], provisions: [] } }] });
    const copy = structuredClone(spec);
    compileRevision(DRAFT, spec);
    expect(spec).toEqual(copy);
    expect(Object.isFrozen(spec.edits[1])).toBe(false);
    expect(Object.isFrozen((spec.edits[0] as UpdatePointEdit).set.sources)).toBe(false);
  });

  it('reports a point number that is gone, saying what became of it', () => {
    const problems = problemsOf(() => compileRevision(DRAFT, revisionSpec({
      edits: [{ removePoints: [1] }, { updatePoint: 1, set: { summary: 'Again.' } }, { renumber: true }, { updatePoint: 3, set: { summary: 'Ban.' } }, { removePoints: [7] }],
    })));
    expect(problems).toEqual([
      { code: 'unknown-point', path: 'edits[1].updatePoint', message: 'point 1 was removed by edits[0]' },
      { code: 'unknown-point', path: 'edits[3].updatePoint', message: 'there is no point 3 at this edit: edits[2] renumbered the points, and point 3 of "draft" is now point 2', suggestion: '2' },
      { code: 'unknown-point', path: 'edits[4].removePoints[0]', message: 'there is no point 7 at this edit; the points are 1, 2' },
    ]);
  });

  it('reports an unknown base plan with a suggestion, and a result id that is taken', () => {
    const problems = problemsOf(() => compileRevision(DRAFT, revisionSpec({ base: 'draf', set: { id: 'draft' } })));
    expect(problems).toEqual([
      expect.objectContaining({ code: 'unknown-plan', path: 'base', suggestion: 'draft' }),
      expect.objectContaining({ code: 'duplicate-id', path: 'set.id' }),
    ]);
  });

  it('reports a misspelt kind of edit and a wrong field inside an edit, each at its path', () => {
    const problems = problemsOf(() => compileRevision(DRAFT, { ...revisionSpec(), edits: [{ removePoint: [1] }, { updatePoint: 1, set: { summry: 'x' } }, { renumber: true, removePoints: [2] }] } as unknown as RevisionSpec));
    expect(problems).toEqual([
      expect.objectContaining({ code: 'invalid-shape', path: 'edits[0]', suggestion: 'removePoints' }),
      expect.objectContaining({ code: 'invalid-shape', path: 'edits[1].set', message: expect.stringContaining('"summry"') }),
      expect.objectContaining({ code: 'invalid-shape', path: 'edits[2]', message: expect.stringContaining('names removePoints and renumber') }),
    ]);
  });

  it('with a domain, reports unknown issues and options, and a result whose provisions conflict', () => {
    const domain = createDomain(DOMAIN);
    const unknown = problemsOf(() => compileRevision(DRAFT, revisionSpec({ edits: [{ updatePoint: 1, set: { provisions: [{ issue: 'armyy', option: '800k' }] } }] }), { domain }));
    expect(unknown).toEqual([expect.objectContaining({ code: 'unknown-issue', path: 'edits[0].set.provisions[0].issue', suggestion: 'army' })]);
    const conflict = problemsOf(() => compileRevision(DRAFT, revisionSpec({ edits: [{ updatePoint: 1, set: { provisions: [{ issue: 'nato', option: 'open-door' }] } }] }), { domain }));
    expect(conflict).toEqual([expect.objectContaining({ code: 'conflicting-provisions', path: '', message: expect.stringContaining('the plan this revision produces ("cut-draft") is invalid at points[2].provisions[0]') })]);
  });

  it('reports a revision that removes every point', () => {
    const problems = problemsOf(() => compileRevision(DRAFT, revisionSpec({ edits: [{ removePoints: [1, 2, 3] }] })));
    expect(problems).toEqual([expect.objectContaining({ code: 'invalid-shape', message: expect.stringContaining('a plan needs at least one point') })]);
  });

  it('is described by an exported zod schema', () => {
    expect(revisionSchema.safeParse(revisionSpec({ edits: [{ removePoints: [1] }, { renumber: true }] })).success).toBe(true);
    expect(revisionSchema.safeParse({ ...revisionSpec(), edits: [{ renumber: false }] }).success).toBe(false);
  });
});

describe('createScenario with revisions', () => {
  const parties = [
    { id: 'kyiv', name: 'Kyiv', reservationValue: 0.3, redLines: [], preferences: { weights: { nato: 1 }, values: { nato: { 'open-door': 1, neutral: 0.5, ban: 0 } } } },
    { id: 'moscow', name: 'Moscow', reservationValue: 0.3, redLines: [], preferences: { weights: { nato: 1 }, values: { nato: { 'open-door': 0, neutral: 0.5, ban: 1 } } } },
  ];
  const spec = (revisions: readonly RevisionSpec[]): ScenarioSpec => ({ id: 's', title: 'S', domain: DOMAIN, parties, plans: [DRAFT], revisions });

  it('applies revisions in order; a revision may start from an earlier one, and its points then point into that one', () => {
    const scenario = createScenario(spec([
      revisionSpec({ edits: [{ removePoints: [1] }, { renumber: true }] }),
      revisionSpec({ id: 'again', base: 'cut-draft', set: { id: 'again-draft', title: 'Again' }, edits: [{ removePoints: [1] }] }),
    ]));
    expect(scenario.plans.map((plan) => plan.id)).toEqual(['draft', 'cut-draft', 'again-draft']);
    expect(planOf(scenario, 'again-draft').points.map((point) => [point.number, point.basedOn])).toEqual([[2, 2]]);
    expect(diffPlans(planOf(scenario, 'cut-draft'), planOf(scenario, 'again-draft')).removed.map((point) => point.summary)).toEqual(['Sanctions lifted.']);
    expect(scenario.revisions.map((revision) => revision.id)).toEqual(['cut', 'again']);
  });

  it('reports revisions in the wrong order, duplicate revision ids and unknown signatories, each at its path', () => {
    const problems = problemsOf(() => createScenario(spec([
      revisionSpec({ id: 'again', base: 'cut-draft', set: { id: 'again-draft', title: 'Again', signatories: ['kyiv', 'moskow'] } }),
      revisionSpec({ id: 'again' }),
    ])));
    expect(problems).toEqual([
      expect.objectContaining({ code: 'unknown-plan', path: 'revisions[0].base', message: expect.stringContaining('"cut-draft"') }),
      expect.objectContaining({ code: 'unknown-party', path: 'revisions[0].set.signatories[1]', suggestion: 'moscow' }),
      expect.objectContaining({ code: 'duplicate-id', path: 'revisions[1]' }),
    ]);
  });

  it('scenarios without revisions have an empty list', () => {
    expect(createScenario({ id: 's', title: 'S', domain: DOMAIN, parties, plans: [DRAFT] }).revisions).toEqual([]);
  });
});

describe('loadScenario with revision files', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A copy of the seeds with `file` edited by `edit`; returns the problems of loading it. */
  async function problemsAfter(file: string, edit: (text: string) => string): Promise<readonly Problem[]> {
    const dir = mkdtempSync(join(tmpdir(), 'parley-history-'));
    dirs.push(dir);
    cpSync(seeds, dir, { recursive: true });
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    const edited = edit(text);
    expect(edited).not.toBe(text);
    writeFileSync(path, edited);
    const error: unknown = await loadScenario(dir).then(() => undefined, (rejection: unknown) => rejection);
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as ScenarioError).problems;
  }

  it('names the revision file and path of an unknown base plan, with a suggestion', async () => {
    const problems = await problemsAfter('revisions/us-ukraine-19.yaml', (text) => text.replace('base: us-28', 'base: us-82'));
    expect(problems).toEqual([{ code: 'unknown-plan', file: 'revisions/us-ukraine-19.yaml', path: 'base', message: 'unknown plan "us-82"', suggestion: 'us-28' }]);
  });

  it('names the revision file and path of an unknown point number', async () => {
    const problems = await problemsAfter('revisions/us-ukraine-19.yaml', (text) => text.replace('- updatePoint: 11  # → point 6', '- updatePoint: 31'));
    expect(problems).toEqual([
      expect.objectContaining({ code: 'unknown-point', file: 'revisions/us-ukraine-19.yaml', path: 'edits[6].updatePoint', message: expect.stringContaining('there is no point 31') }),
    ]);
  });

  it('names the revision file of a point that an earlier edit removed', async () => {
    const problems = await problemsAfter('revisions/e3-counterproposal.yaml', (text) => text.replace('- updatePoint: 4\n', '- updatePoint: 3\n'));
    expect(problems).toEqual([{ code: 'unknown-point', file: 'revisions/e3-counterproposal.yaml', path: 'edits[3].updatePoint', message: 'point 3 was removed by edits[0]' }]);
  });

  it('names the revision file of a misspelt option and of an unknown source key', async () => {
    const problems = await problemsAfter('revisions/e3-counterproposal.yaml', (text) => text.replace('option: consensus-dependent', 'option: consensus-dependant').replace('sources: [S41]', 'sources: [S410]'));
    expect(problems).toEqual([
      expect.objectContaining({ code: 'unknown-option', file: 'revisions/e3-counterproposal.yaml', path: 'edits[6].set.provisions[0].option', suggestion: 'consensus-dependent' }),
      expect.objectContaining({ code: 'unknown-source', file: 'revisions/e3-counterproposal.yaml', path: 'edits[24].set.sources[0]', message: 'unknown source key "S410"' }),
    ]);
  });

  it('reports a broken revision file and the shape problems of the other together', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-history-'));
    dirs.push(dir);
    cpSync(seeds, dir, { recursive: true });
    writeFileSync(join(dir, 'revisions/us-ukraine-19.yaml'), 'id: [unclosed\n');
    const e3 = join(dir, 'revisions/e3-counterproposal.yaml');
    writeFileSync(e3, readFileSync(e3, 'utf8').replace('- removePoints: [3]', '- removePoint: [3]'));
    const error: unknown = await loadScenario(dir).then(() => undefined, (rejection: unknown) => rejection);
    expect((error as ScenarioError).problems).toEqual([
      expect.objectContaining({ code: 'invalid-syntax', file: 'revisions/us-ukraine-19.yaml' }),
      expect.objectContaining({ code: 'invalid-shape', file: 'revisions/e3-counterproposal.yaml', path: 'edits[0]', suggestion: 'removePoints' }),
    ]);
  });
});
