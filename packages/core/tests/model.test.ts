import { describe, expect, it } from 'vitest';
import {
  ParleyError,
  ScenarioError,
  assessOutcome,
  assessPlan,
  choicesOf,
  createDomain,
  createParty,
  createPlan,
  describeRule,
  outcomeFromChoices,
  type DomainSpec,
  type Outcome,
  type Party,
  type PartySpec,
  type Plan,
  type PlanSpec,
  type PointSpec,
  type RedLineSpec,
  type Rule,
} from '@parley/core';

// A small hand-made domain: 3 × 3 × 2 × 2 = 36 outcomes.
const DOMAIN: DomainSpec = {
  issues: [
    {
      id: 'nato',
      label: 'NATO membership',
      ordered: true,
      options: [
        { id: 'open-door', label: 'Door open' },
        { id: 'neutral', label: 'Neutrality' },
        { id: 'ban', label: 'Ban' },
      ],
    },
    {
      id: 'army',
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
      label: 'Sanctions',
      ordered: false,
      options: [
        { id: 'kept', label: 'Kept' },
        { id: 'lifted', label: 'Lifted' },
      ],
    },
    {
      id: 'elections',
      label: 'Elections',
      ordered: false,
      options: [
        { id: 'within-100-days', label: 'Within 100 days' },
        { id: 'after-martial-law', label: 'After martial law ends' },
      ],
    },
  ],
};

const domain = createDomain(DOMAIN);

/** An outcome that differs from a neutral baseline only in `choices`. */
function outcome(choices: Readonly<Record<string, string>> = {}): Outcome {
  return outcomeFromChoices(domain, { nato: 'neutral', army: '800k', sanctions: 'kept', elections: 'after-martial-law', ...choices });
}

function redLine(rule: Rule, id = 'line', text = 'The line.'): RedLineSpec {
  return { id, text, sources: ['S1'], rule };
}

/** Kyiv weighs NATO membership three times as much as the army cap and the elections. */
const KYIV: PartySpec = {
  id: 'kyiv',
  name: 'Kyiv',
  reservationValue: 0.3,
  redLines: [],
  preferences: {
    weights: { nato: 3, army: 1, elections: 1 },
    values: {
      nato: { 'open-door': 1, neutral: 0.5, ban: 0 },
      army: { none: 1, '800k': 0.6, '600k': 0 },
      elections: { 'within-100-days': 0.1, 'after-martial-law': 0.9 },
    },
  },
};

function party(overrides: Partial<PartySpec> = {}): Party {
  return createParty(domain, { ...KYIV, ...overrides });
}

function point(number: number, provisions: Readonly<Record<string, string>> = {}): PointSpec {
  return {
    number,
    summary: `Point ${number}.`,
    category: 'test',
    sources: ['S1'],
    provisions: Object.entries(provisions).map(([issue, option]) => ({ issue, option })),
  };
}

function plan(points: PointSpec[], title = 'Draft'): Plan {
  return createPlan(domain, { id: title.toLowerCase(), title, date: '2025-11-20', author: 'Mediator', points });
}

function parleyErrorOf(call: () => unknown): ParleyError {
  let caught: unknown;
  try {
    call();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ParleyError);
  return caught as ParleyError;
}

const NO_BAN = redLine({ kind: 'forbid', issue: 'nato', options: ['ban'] }, 'no-ban', 'No ban on NATO membership.');

describe('createDomain', () => {
  it('indexes issues and options in the order they are given', () => {
    expect(domain.issues.map((issue) => [issue.id, issue.index])).toEqual([
      ['nato', 0],
      ['army', 1],
      ['sanctions', 2],
      ['elections', 3],
    ]);
    expect(domain.issueIndex('sanctions')).toBe(2);
    expect(domain.optionIndex(domain.issueIndex('army'), '600k')).toBe(2);
    expect(domain.issue('elections').options.map((option) => option.id)).toEqual(['within-100-days', 'after-martial-law']);
  });

  it('answers -1 for unknown issues and options, and throws UNKNOWN_ISSUE when asked for one', () => {
    expect(domain.issueIndex('ceasefire')).toBe(-1);
    expect(domain.optionIndex(0, 'maybe')).toBe(-1);
    expect(domain.optionIndex(99, 'ban')).toBe(-1);
    expect(parleyErrorOf(() => domain.issue('ceasefire')).code).toBe('UNKNOWN_ISSUE');
  });

  it('counts the complete outcomes as the product of the option counts', () => {
    expect(domain.outcomeCount).toBe(36);
    expect(createDomain({ issues: [DOMAIN.issues[0]!] }).outcomeCount).toBe(3);
  });

  it('serialises to the spec it was created from', () => {
    expect(JSON.parse(JSON.stringify(domain))).toEqual(DOMAIN);
  });

  it('rejects an option id used twice in one issue', () => {
    const issue = DOMAIN.issues[2]!;
    const error = parleyErrorOf(() => createDomain({ issues: [{ ...issue, options: [issue.options[0]!, issue.options[0]!] }] }));
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).problems).toEqual([expect.objectContaining({ code: 'duplicate-id', path: 'issues[0].options[1]' })]);
  });
});

describe('outcomeFromChoices and choicesOf', () => {
  it('turn choices into option indexes in issue order', () => {
    expect([...outcomeFromChoices(domain, { elections: 'within-100-days', sanctions: 'kept', army: '600k', nato: 'neutral' })]).toEqual([1, 2, 0, 0]);
  });

  it('round-trip every outcome of the domain', () => {
    const [nato, army, sanctions, elections] = domain.issues.map((issue) => issue.options.map((option) => option.id));
    let count = 0;
    for (const n of nato!) for (const a of army!) for (const s of sanctions!) for (const e of elections!) {
      const choices = { nato: n, army: a, sanctions: s, elections: e };
      expect(choicesOf(domain, outcomeFromChoices(domain, choices))).toEqual(choices);
      count++;
    }
    expect(count).toBe(domain.outcomeCount);
  });

  it('leave the issues a plan does not settle out of its choices', () => {
    const draft = plan([point(1, { army: '800k' }), point(2, { sanctions: 'lifted' })]);
    expect(choicesOf(domain, draft.settlement)).toEqual({ army: '800k', sanctions: 'lifted' });
  });

  it('refuse choices that miss an issue, naming it', () => {
    const error = parleyErrorOf(() => outcomeFromChoices(domain, { nato: 'ban', army: 'none', sanctions: 'kept' }));
    expect(error.code).toBe('INCOMPLETE_OUTCOME');
    expect(error.message).toContain('elections');
  });

  it('refuse an option the issue does not have', () => {
    const error = parleyErrorOf(() => outcome({ army: '500k' }));
    expect(error.code).toBe('UNKNOWN_OPTION');
    expect(error.message).toContain('"500k"');
  });

  it('refuse an issue the domain does not have', () => {
    const error = parleyErrorOf(() => outcome({ ceasefire: 'now' }));
    expect(error.code).toBe('UNKNOWN_ISSUE');
    expect(error.message).toContain('"ceasefire"');
  });
});

describe('red line rules on complete outcomes', () => {
  /** Assesses `choices` for a party whose only red line is `rule`. */
  const judge = (rule: Rule, choices: Readonly<Record<string, string>>) =>
    assessOutcome(party({ reservationValue: 0, redLines: [redLine(rule)] }), outcome(choices));

  it('forbid: the issue must not take any of the options', () => {
    const rule: Rule = { kind: 'forbid', issue: 'nato', options: ['ban', 'neutral'] };
    expect(judge(rule, { nato: 'open-door' }).accepts).toBe(true);
    expect(judge(rule, { nato: 'neutral' }).accepts).toBe(false);
    const verdict = judge(rule, { nato: 'ban' });
    expect(verdict.accepts).toBe(false);
    expect(verdict.stance).toBe('rejects');
    expect(verdict.violations).toEqual([expect.objectContaining({ redLine: 'line', text: 'The line.', issues: ['nato'], points: [] })]);
  });

  it('require: the issue must take one of the options', () => {
    const rule: Rule = { kind: 'require', issue: 'army', options: ['none', '800k'] };
    expect(judge(rule, { army: 'none' }).accepts).toBe(true);
    expect(judge(rule, { army: '800k' }).accepts).toBe(true);
    expect(judge(rule, { army: '600k' }).violations.map((violation) => violation.issues)).toEqual([['army']]);
  });

  it('atLeast: the option must come at or after the given one in the issue order', () => {
    const rule: Rule = { kind: 'atLeast', issue: 'nato', option: 'neutral' };
    expect(judge(rule, { nato: 'neutral' }).accepts).toBe(true);
    expect(judge(rule, { nato: 'ban' }).accepts).toBe(true);
    expect(judge(rule, { nato: 'open-door' }).violations.map((violation) => violation.issues)).toEqual([['nato']]);
  });

  it('atMost: the option must come at or before the given one in the issue order', () => {
    const rule: Rule = { kind: 'atMost', issue: 'army', option: '800k' };
    expect(judge(rule, { army: 'none' }).accepts).toBe(true);
    expect(judge(rule, { army: '800k' }).accepts).toBe(true);
    expect(judge(rule, { army: '600k' }).violations.map((violation) => violation.issues)).toEqual([['army']]);
  });

  it('if: whenever the condition holds the consequence must hold, and both issues are blamed', () => {
    const rule: Rule = {
      kind: 'if',
      when: { kind: 'require', issue: 'elections', options: ['within-100-days'] },
      then: { kind: 'require', issue: 'army', options: ['none'] },
    };
    expect(judge(rule, { elections: 'after-martial-law', army: '600k' }).accepts).toBe(true);
    expect(judge(rule, { elections: 'within-100-days', army: 'none' }).accepts).toBe(true);
    expect(judge(rule, { elections: 'within-100-days', army: '600k' }).violations.map((violation) => violation.issues)).toEqual([['army', 'elections']]);
  });

  it('all: every part must hold, and only the failing parts are blamed', () => {
    const rule: Rule = {
      kind: 'all',
      rules: [
        { kind: 'forbid', issue: 'nato', options: ['ban'] },
        { kind: 'forbid', issue: 'sanctions', options: ['lifted'] },
      ],
    };
    expect(judge(rule, { nato: 'neutral', sanctions: 'kept' }).accepts).toBe(true);
    expect(judge(rule, { nato: 'neutral', sanctions: 'lifted' }).violations.map((violation) => violation.issues)).toEqual([['sanctions']]);
    expect(judge(rule, { nato: 'ban', sanctions: 'lifted' }).violations.map((violation) => violation.issues)).toEqual([['nato', 'sanctions']]);
  });

  it('any: one part holding is enough, and a failure blames every part', () => {
    const rule: Rule = {
      kind: 'any',
      rules: [
        { kind: 'require', issue: 'nato', options: ['ban'] },
        { kind: 'require', issue: 'sanctions', options: ['kept'] },
      ],
    };
    expect(judge(rule, { nato: 'ban', sanctions: 'lifted' }).accepts).toBe(true);
    expect(judge(rule, { nato: 'neutral', sanctions: 'kept' }).accepts).toBe(true);
    expect(judge(rule, { nato: 'neutral', sanctions: 'lifted' }).violations.map((violation) => violation.issues)).toEqual([['nato', 'sanctions']]);
  });

  it('not: the inner rule must not hold', () => {
    const rule: Rule = { kind: 'not', rule: { kind: 'require', issue: 'sanctions', options: ['lifted'] } };
    expect(judge(rule, { sanctions: 'kept' }).accepts).toBe(true);
    expect(judge(rule, { sanctions: 'lifted' }).violations.map((violation) => violation.issues)).toEqual([['sanctions']]);
  });
});

describe('red lines on plans that leave issues open', () => {
  // Settles everything but NATO membership.
  const natoOpen = plan([point(1, { army: '800k' }), point(2, { elections: 'after-martial-law' }), point(3, { sanctions: 'kept' })]);

  it('a red line on an open issue is undetermined, and the party is undecided until the issue is settled', () => {
    const verdict = assessPlan(party({ redLines: [NO_BAN] }), natoOpen);

    expect(verdict.violations).toEqual([]);
    expect(verdict.undetermined).toEqual([{ redLine: 'no-ban', text: 'No ban on NATO membership.', sources: ['S1'], issues: ['nato'] }]);
    expect(verdict.stance).toBe('undecided');
    expect(verdict.accepts).toBe(false);
    expect(verdict.openIssues).toEqual([
      { issue: 'nato', label: 'NATO membership', blocking: true, reasons: ['Kyiv\'s red line "No ban on NATO membership." depends on it'] },
    ]);
    expect(verdict.reasons.join(' ')).toContain('NATO membership');
  });

  it('counts on the worst settlement of the open issues that keeps the party\'s own red lines', () => {
    // nato ∈ {open-door, neutral}: 0.6 × {1, 0.5} + 0.2 × 0.6 + 0.2 × 0.9; "ban" (0.3) crosses the red line.
    const verdict = assessPlan(party({ redLines: [NO_BAN] }), natoOpen);
    expect(verdict.utility).toBeCloseTo(0.6, 10);
    expect(verdict.utilityRange).toMatchObject({ min: verdict.utility, exact: true });
    expect(verdict.utilityRange.max).toBeCloseTo(0.9, 10);
  });

  it('a rule that holds whichever way the open issue is settled is not undetermined, because evaluation is exact', () => {
    const tautology = redLine({
      kind: 'any',
      rules: [
        { kind: 'require', issue: 'nato', options: ['ban'] },
        { kind: 'forbid', issue: 'nato', options: ['ban'] },
      ],
    });

    const verdict = assessPlan(party({ reservationValue: 0.1, redLines: [tautology] }), natoOpen);

    expect(verdict.undetermined).toEqual([]);
    expect(verdict.violations).toEqual([]);
    expect(verdict.openIssues).toEqual([{ issue: 'nato', label: 'NATO membership', blocking: false, reasons: [] }]);
    expect(verdict.stance).toBe('accepts');
  });

  it('a rule that fails whichever way the open issue is settled is already crossed, blaming no open issue', () => {
    const contradiction = redLine({
      kind: 'all',
      rules: [
        { kind: 'require', issue: 'nato', options: ['ban'] },
        { kind: 'forbid', issue: 'nato', options: ['ban'] },
      ],
    });

    const verdict = assessPlan(party({ reservationValue: 0.1, redLines: [contradiction] }), natoOpen);

    expect(verdict.undetermined).toEqual([]);
    expect(verdict.violations).toEqual([expect.objectContaining({ redLine: 'line', issues: [], points: [] })]);
    expect(verdict.stance).toBe('rejects');
  });

  it('an open issue also blocks when whether the plan beats walking away depends on it', () => {
    // Without red lines the utility runs from 0.3 (ban) to 0.9 (open door); 0.5 lies between.
    const verdict = assessPlan(party({ reservationValue: 0.5 }), natoOpen);

    expect(verdict.stance).toBe('undecided');
    expect(verdict.openIssues).toEqual([
      { issue: 'nato', label: 'NATO membership', blocking: true, reasons: ['whether the plan beats walking away for Kyiv depends on it'] },
    ]);
  });

  it('an open issue the party neither weighs nor mentions does not block', () => {
    const sanctionsOpen = plan([point(1, { nato: 'neutral', army: '800k', elections: 'after-martial-law' })]);
    const verdict = assessPlan(party({ redLines: [NO_BAN] }), sanctionsOpen);

    expect(verdict.openIssues).toEqual([{ issue: 'sanctions', label: 'Sanctions', blocking: false, reasons: [] }]);
    expect(verdict.stance).toBe('accepts');
  });
});

describe('preferences', () => {
  // Moscow: utility = (3 × value(nato) + 1 × value(army)) / 4, plus interaction deltas.
  const MOSCOW: PartySpec = {
    id: 'moscow',
    name: 'Moscow',
    reservationValue: 0.5,
    redLines: [],
    preferences: {
      weights: { nato: 3, army: 1 },
      values: {
        nato: { 'open-door': 0, neutral: 0.5, ban: 1 },
        army: { none: 0, '800k': 0.4, '600k': 1 },
      },
      interactions: [
        {
          id: 'ban-and-relief',
          text: 'A ban is worth more with sanctions relief.',
          sources: ['S2'],
          when: { kind: 'all', rules: [{ kind: 'require', issue: 'nato', options: ['ban'] }, { kind: 'require', issue: 'sanctions', options: ['lifted'] }] },
          delta: 0.1,
        },
        {
          id: 'early-vote',
          text: 'Early elections are a risk.',
          sources: ['S2'],
          when: { kind: 'require', issue: 'elections', options: ['within-100-days'] },
          delta: -0.2,
        },
      ],
    },
  };
  const moscow = createParty(domain, MOSCOW);

  it('utility is the mean of option values weighted by the normalised weights', () => {
    expect(assessOutcome(moscow, outcome({ nato: 'neutral', army: '800k' })).utility).toBeCloseTo((3 * 0.5 + 0.4) / 4, 10);
    expect(assessOutcome(moscow, outcome({ nato: 'open-door', army: '600k' })).utility).toBeCloseTo(0.25, 10);
  });

  it('only the ratio of the weights matters', () => {
    const scaled = createParty(domain, { ...MOSCOW, preferences: { ...MOSCOW.preferences, weights: { nato: 30, army: 10 } } });
    const choices = { nato: 'neutral', army: '600k' };
    expect(assessOutcome(scaled, outcome(choices)).utility).toBeCloseTo(assessOutcome(moscow, outcome(choices)).utility, 10);
    expect(assessOutcome(scaled, outcome(choices)).utility).toBeCloseTo(0.625, 10);
  });

  it('adds the delta of each interaction whose condition holds, and only then', () => {
    expect(assessOutcome(moscow, outcome({ nato: 'ban', army: '600k', sanctions: 'kept' })).utility).toBeCloseTo(1, 10);
    expect(assessOutcome(moscow, outcome({ nato: 'ban', army: '600k', sanctions: 'lifted' })).utility).toBeCloseTo(1.1, 10);
    expect(assessOutcome(moscow, outcome({ nato: 'ban', army: '600k', sanctions: 'lifted', elections: 'within-100-days' })).utility).toBeCloseTo(0.9, 10);
    expect(assessOutcome(moscow, outcome({ nato: 'neutral', army: '600k', sanctions: 'lifted' })).utility).toBeCloseTo(0.625, 10);
  });

  it('rejects an outcome worth less than the reservation value, with margin = utility − reservation', () => {
    const verdict = assessOutcome(moscow, outcome({ nato: 'neutral', army: 'none' }));
    expect(verdict.utility).toBeCloseTo(0.375, 10);
    expect(verdict.reservationValue).toBe(0.5);
    expect(verdict.margin).toBeCloseTo(-0.125, 10);
    expect(verdict.violations).toEqual([]);
    expect(verdict.stance).toBe('rejects');
    expect(verdict.accepts).toBe(false);
    expect(verdict.reasons.join(' ')).toContain('below the reservation value 0.50');
  });

  it('accepts an outcome worth at least the reservation value that crosses no red line', () => {
    const verdict = assessOutcome(moscow, outcome({ nato: 'ban', army: '800k' }));
    expect(verdict.margin).toBeCloseTo(0.85 - 0.5, 10);
    expect(verdict.stance).toBe('accepts');
    expect(verdict.accepts).toBe(true);
  });
});

describe('point verdicts', () => {
  const kyiv = party({ redLines: [NO_BAN] });
  const draft = plan([
    point(1, { nato: 'ban' }),
    point(2, { army: '800k' }),
    point(3, { elections: 'within-100-days' }),
    point(4, { sanctions: 'lifted' }),
    point(5),
  ]);
  const verdict = assessPlan(kyiv, draft);
  const pointVerdict = (number: number) => verdict.points.find((entry) => entry.point === number);

  it('gives one verdict per point, in plan order', () => {
    expect(verdict.points.map((entry) => [entry.point, entry.verdict])).toEqual([
      [1, 'crosses-red-line'],
      [2, 'acceptable'],
      [3, 'objectionable'],
      [4, 'acceptable'],
      [5, 'acceptable'],
    ]);
  });

  it('a point that settles an issue crossing a red line names the red line', () => {
    expect(pointVerdict(1)).toMatchObject({ verdict: 'crosses-red-line', redLines: ['no-ban'], reason: 'crosses "No ban on NATO membership."' });
    expect(verdict.violations).toEqual([expect.objectContaining({ redLine: 'no-ban', issues: ['nato'], points: [1] })]);
  });

  it('a point worth less on its own than the reservation value is objectionable', () => {
    expect(pointVerdict(3)).toMatchObject({ verdict: 'objectionable', redLines: [], reason: 'worth 0.10 to Kyiv, below its reservation value 0.30' });
    expect(pointVerdict(3)!.value).toBeCloseTo(0.1, 10);
  });

  it('a point worth at least the reservation value is acceptable', () => {
    expect(pointVerdict(2)).toMatchObject({ verdict: 'acceptable', redLines: [], reason: 'worth 0.60 to Kyiv, at or above its reservation value 0.30' });
    expect(pointVerdict(2)!.value).toBeCloseTo(0.6, 10);
  });

  it('a point that settles nothing the party weighs, or nothing at all, is acceptable with no value', () => {
    expect(pointVerdict(4)).toEqual({ point: 4, verdict: 'acceptable', value: null, redLines: [], reason: 'settles nothing Kyiv weighs' });
    expect(pointVerdict(5)).toEqual({ point: 5, verdict: 'acceptable', value: null, redLines: [], reason: 'settles no modelled issue' });
  });

  it("values a point of several provisions as the weighted mean of its options' values", () => {
    const mixed = assessPlan(kyiv, plan([point(1, { nato: 'neutral', army: '600k' })]));
    expect(mixed.points[0]!.value).toBeCloseTo((3 * 0.5 + 1 * 0) / 4, 10);
  });

  it('a violation caused by issues that two points settle names both points', () => {
    const noEarlyVoteUnderCap = redLine(
      { kind: 'if', when: { kind: 'require', issue: 'elections', options: ['within-100-days'] }, then: { kind: 'require', issue: 'army', options: ['none'] } },
      'no-early-vote-under-cap',
      'No early elections while the army is capped.',
    );
    const both = assessPlan(party({ redLines: [noEarlyVoteUnderCap] }), plan([point(1, { army: '800k' }), point(2, { elections: 'within-100-days' }), point(3, { nato: 'neutral' })]));

    expect(both.violations).toEqual([expect.objectContaining({ redLine: 'no-early-vote-under-cap', issues: ['army', 'elections'], points: [1, 2] })]);
    expect(both.points.map((entry) => entry.verdict)).toEqual(['crosses-red-line', 'crosses-red-line', 'acceptable']);
    expect(both.explain()).toContain('through points 1 and 2');
  });
});

describe('explain()', () => {
  const kyiv = party({ redLines: [NO_BAN] });
  const draft = plan([point(1, { nato: 'ban' }), point(2, { army: '800k' }), point(3, { elections: 'within-100-days' }), point(4, { sanctions: 'lifted' })]);

  it('renders the assessment as sentences naming the red line and the points', () => {
    const text = assessPlan(kyiv, draft).explain();
    const lines = text.split('\n');

    expect(lines[0]).toMatch(/^Kyiv rejects "Draft" \(2025-11-20\)/);
    expect(text).toContain('"No ban on NATO membership."');
    expect(text).toContain('through point 1');
    expect(text).toContain('Point 1 crosses');
    expect(text).toContain('Point 3 is objectionable');
    expect(text).toContain('Acceptable points: 2, 4.');
    for (const line of lines) expect(line).toMatch(/[.!?]["”]?$/);
  });

  it('mentions the open issues a red line depends on', () => {
    const text = assessPlan(kyiv, plan([point(1, { army: '800k' })])).explain();
    expect(text).toContain('"No ban on NATO membership."');
    expect(text).toContain('depends on open issues: NATO membership');
  });
});

describe('assessments as data', () => {
  const kyiv = party({ redLines: [NO_BAN] });
  const draft = plan([point(1, { nato: 'neutral' }), point(2, { army: '600k' }), point(3, { elections: 'within-100-days' })]);

  it('serialise with JSON.stringify, leaving out explain', () => {
    const verdict = assessPlan(kyiv, draft);
    const data = JSON.parse(JSON.stringify(verdict)) as Record<string, unknown>;

    expect(typeof verdict.explain).toBe('function');
    expect(Object.keys(verdict)).not.toContain('explain');
    expect(data).not.toHaveProperty('explain');
    expect(data).toMatchObject({ party: 'kyiv', plan: 'draft', planTitle: 'Draft', stance: verdict.stance });
    expect(Object.keys(data).sort()).toEqual(Object.keys(verdict).sort());
  });

  it('are the same for party and plan specs that went through JSON', () => {
    const kyivAgain = createParty(domain, JSON.parse(JSON.stringify(kyiv)) as PartySpec);
    const draftAgain = createPlan(domain, JSON.parse(JSON.stringify(draft)) as PlanSpec);

    expect(JSON.parse(JSON.stringify(kyiv))).toEqual({ ...KYIV, redLines: [NO_BAN] });
    expect(JSON.stringify(assessPlan(kyivAgain, draftAgain))).toBe(JSON.stringify(assessPlan(kyiv, draft)));
  });
});

describe('errors from assessment', () => {
  const kyiv = party({ redLines: [NO_BAN] });

  it('refuses an outcome with the wrong number of entries (INVALID_OUTCOME)', () => {
    expect(parleyErrorOf(() => assessOutcome(kyiv, new Uint8Array(3))).code).toBe('INVALID_OUTCOME');
    expect(parleyErrorOf(() => assessOutcome(kyiv, new Uint8Array(5))).code).toBe('INVALID_OUTCOME');
  });

  it('refuses an outcome with an option index the issue does not have (INVALID_OUTCOME)', () => {
    expect(parleyErrorOf(() => assessOutcome(kyiv, Uint8Array.from([0, 0, 2, 0]))).code).toBe('INVALID_OUTCOME');
  });

  it('refuses a party and a plan from different domains (DOMAIN_MISMATCH)', () => {
    const wider = createDomain({
      issues: [...DOMAIN.issues, { id: 'ceasefire', label: 'Ceasefire', ordered: false, options: [{ id: 'now', label: 'Now' }, { id: 'later', label: 'Later' }] }],
    });
    const elsewhere = createPlan(wider, { id: 'elsewhere', title: 'Elsewhere', date: '2025-11-20', author: 'Mediator', points: [point(1, { nato: 'neutral' })] });
    const outsider = createParty(wider, { ...KYIV, redLines: [NO_BAN] });
    const here = plan([point(1, { nato: 'neutral' })]);

    expect(parleyErrorOf(() => assessPlan(kyiv, elsewhere)).code).toBe('DOMAIN_MISMATCH');
    expect(parleyErrorOf(() => assessPlan(outsider, here)).code).toBe('DOMAIN_MISMATCH');
  });

  it('accepts a party and a plan from equal domains created separately', () => {
    const twin = createDomain(structuredClone(DOMAIN));
    const there = createPlan(twin, { id: 'there', title: 'There', date: '2025-11-20', author: 'Mediator', points: [point(1, { nato: 'ban' })] });
    expect(assessPlan(kyiv, there).violations.map((violation) => violation.redLine)).toEqual(['no-ban']);
  });
});

describe('describeRule', () => {
  it('renders each kind of rule with the labels of the domain', () => {
    const banned: Rule = { kind: 'require', issue: 'nato', options: ['ban'] };
    const uncapped: Rule = { kind: 'require', issue: 'army', options: ['none'] };

    expect(describeRule({ kind: 'forbid', issue: 'nato', options: ['ban'] }, domain)).toBe('NATO membership is not "Ban"');
    expect(describeRule({ kind: 'require', issue: 'army', options: ['none', '800k'] }, domain)).toBe('Army size cap is "No cap" or "800,000"');
    expect(describeRule({ kind: 'atLeast', issue: 'nato', option: 'neutral' }, domain)).toBe('NATO membership is at least "Neutrality"');
    expect(describeRule({ kind: 'atMost', issue: 'army', option: '800k' }, domain)).toBe('Army size cap is at most "800,000"');
    expect(describeRule({ kind: 'if', when: banned, then: uncapped }, domain)).toBe('if NATO membership is "Ban", then Army size cap is "No cap"');
    expect(describeRule({ kind: 'all', rules: [banned, uncapped] }, domain)).toBe('NATO membership is "Ban" and Army size cap is "No cap"');
    expect(describeRule({ kind: 'any', rules: [banned, uncapped] }, domain)).toBe('either NATO membership is "Ban", or Army size cap is "No cap"');
    expect(describeRule({ kind: 'not', rule: banned }, domain)).toBe('not (NATO membership is "Ban")');
  });

  it('falls back to the raw ids for names the domain does not know', () => {
    expect(describeRule({ kind: 'forbid', issue: 'ceasefire', options: ['now'] }, domain)).toBe('ceasefire is not "now"');
  });
});
