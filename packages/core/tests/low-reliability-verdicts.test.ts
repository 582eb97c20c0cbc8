import { describe, expect, it } from 'vitest';
import { assessOutcome, assessPlan, createParty, createPlan, createScenario, outcomeFromChoices, partyOf, planOf, type ScenarioSpec } from '@parley/core';

// An assessment says when its verdict rests only on sources the scenario marks
// `reliability: low` (docs/scenario-files.md, "Sources"): `restsOnLowReliabilitySources`
// in its data, and a note at the end of `explain()`. Marking a source changes no verdict.

type Sources = NonNullable<ScenarioSpec['sources']>;

const weak = (citation: string) => ({ citation, reliability: 'low' as const });

/**
 * Ukraine will not have NATO banned (what it said: `said`) nor its army capped at 600k
 * (`cap`); the draft bans NATO in point 1 (`nato`) and caps the army in point 2 (`army`);
 * point 3 settles nothing (`talks`).
 */
function scenarioWith(sources: Sources, cite: { said?: string[]; cap?: string[]; nato?: string[]; army?: string[] } = {}): ReturnType<typeof createScenario> {
  return createScenario({
    id: 'demo',
    title: 'Demo',
    sources: { agency: 'Reuters, 21 November 2025.', ...sources },
    domain: {
      issues: [
        { id: 'nato', label: 'NATO', ordered: true, options: [{ id: 'open', label: 'Open' }, { id: 'ban', label: 'Ban' }] },
        { id: 'army', label: 'Army cap', ordered: true, options: [{ id: 'none', label: 'None' }, { id: '600k', label: '600k' }] },
      ],
    },
    parties: [
      {
        id: 'ukraine',
        name: 'Ukraine',
        reservationValue: 0.4,
        redLines: [
          { id: 'no-ban', text: 'No NATO ban.', sources: cite.said ?? ['agency'], rule: { kind: 'forbid', issue: 'nato', options: ['ban'] } },
          { id: 'no-cap', text: 'No cap of 600k.', sources: cite.cap ?? ['agency'], rule: { kind: 'forbid', issue: 'army', options: ['600k'] } },
        ],
        preferences: { weights: { nato: 1, army: 1 }, values: { nato: { open: 1, ban: 0 }, army: { none: 1, '600k': 0 } } },
      },
      {
        id: 'russia',
        name: 'Russia',
        reservationValue: 0.3,
        redLines: [],
        preferences: { weights: { nato: 1, army: 1 }, values: { nato: { open: 0, ban: 1 }, army: { none: 0, '600k': 1 } } },
      },
    ],
    plans: [
      {
        id: 'draft',
        title: 'Draft',
        date: '2025-11-20',
        author: 'Mediator',
        points: [
          { number: 1, summary: 'NATO banned.', category: 'nato', sources: cite.nato ?? ['agency'], provisions: [{ issue: 'nato', option: 'ban' }] },
          { number: 2, summary: 'Army capped at 600k.', category: 'army', sources: cite.army ?? ['agency'], provisions: [{ issue: 'army', option: '600k' }] },
          { number: 3, summary: 'Talks go on.', category: 'other', sources: ['agency'], provisions: [] },
        ],
      },
    ],
  });
}

const notesOf = (text: string) => text.split('\n').filter((line) => line.startsWith('Note:'));

describe('assessPlan says when a verdict rests only on low-reliability sources', () => {
  it('flags a rejection every one of whose crossings rests on them alone, and explains it', () => {
    // What Ukraine said about the ban, and what point 2 says about the cap, are cited to weak sources only.
    const scenario = scenarioWith({ forum: weak('forum.example/1'), mirror: weak('mirror.example/2') }, { said: ['forum'], army: ['mirror'] });

    const verdict = assessPlan(partyOf(scenario, 'ukraine'), planOf(scenario, 'draft'));

    expect(verdict.stance).toBe('rejects');
    expect(verdict.restsOnLowReliabilitySources).toBe(true);
    expect(notesOf(verdict.explain())).toEqual([
      "Note: this verdict rests only on low-reliability sources: each red line it crosses is cited to them alone, or crossed by points cited to them alone (forum, mirror, marked reliability: low in the scenario's sources).",
    ]);
    // The note is the last line, after everything the verdict says.
    expect(verdict.explain().split('\n').at(-1)).toMatch(/^Note: this verdict rests only/);
    // The flag is data: JSON carries it (parley assess --json writes the assessments so).
    expect(JSON.parse(JSON.stringify(verdict))).toMatchObject({ party: 'ukraine', plan: 'draft', restsOnLowReliabilitySources: true });
  });

  it('names the one crossing that rests on them when another does not, without flagging the verdict', () => {
    const scenario = scenarioWith({ forum: weak('forum.example/1') }, { said: ['forum'] });

    const verdict = assessPlan(partyOf(scenario, 'ukraine'), planOf(scenario, 'draft'));

    expect(verdict.restsOnLowReliabilitySources).toBe(false);
    expect(notesOf(verdict.explain())).toEqual([
      "Note: the red line \"No NATO ban.\" is crossed on low-reliability sources alone for what Ukraine said (forum), marked reliability: low in the scenario's sources.",
    ]);
  });

  it('does not count a weak source beside a sound one', () => {
    const scenario = scenarioWith({ forum: weak('forum.example/1') }, { said: ['forum', 'agency'], cap: ['forum', 'agency'], nato: ['forum', 'agency'], army: ['forum', 'agency'] });

    const verdict = assessPlan(partyOf(scenario, 'ukraine'), planOf(scenario, 'draft'));

    expect(verdict.restsOnLowReliabilitySources).toBe(false);
    expect(notesOf(verdict.explain())).toEqual([]);
  });

  it('flags an acceptance when every point that settles an issue cites only weak sources', () => {
    const scenario = scenarioWith({ forum: weak('forum.example/1'), mirror: weak('mirror.example/2') }, { nato: ['mirror'], army: ['forum'] });

    const verdict = assessPlan(partyOf(scenario, 'russia'), planOf(scenario, 'draft'));

    expect(verdict.stance).toBe('accepts');
    expect(verdict.restsOnLowReliabilitySources).toBe(true);
    expect(notesOf(verdict.explain())).toEqual(["Note: this verdict rests only on low-reliability sources: every point that settles an issue cites only forum, mirror, marked reliability: low in the scenario's sources."]);
  });

  it('changes no verdict: the same stance, utility and reasons as with the sources unmarked', () => {
    const marked = scenarioWith({ forum: weak('forum.example/1'), mirror: weak('mirror.example/2') }, { said: ['forum'], army: ['mirror'] });
    const plain = scenarioWith({ forum: 'forum.example/1', mirror: 'mirror.example/2' }, { said: ['forum'], army: ['mirror'] });

    const { restsOnLowReliabilitySources: flagged, ...withMarks } = assessPlan(partyOf(marked, 'ukraine'), planOf(marked, 'draft'));
    const { restsOnLowReliabilitySources: unflagged, ...without } = assessPlan(partyOf(plain, 'ukraine'), planOf(plain, 'draft'));

    expect([flagged, unflagged]).toEqual([true, false]);
    expect(withMarks).toEqual(without);
  });

  it('judges a bare outcome by what the party said', () => {
    const scenario = scenarioWith({ forum: weak('forum.example/1') }, { said: ['forum'], cap: ['forum'] });

    const verdict = assessOutcome(partyOf(scenario, 'ukraine'), outcomeFromChoices(scenario.domain, { nato: 'ban', army: '600k' }));

    expect(verdict.restsOnLowReliabilitySources).toBe(true);
    expect(notesOf(verdict.explain())).toHaveLength(1);
  });

  it('is false for a party and plan made outside a scenario, which carry no source marks', () => {
    const scenario = scenarioWith({ forum: weak('forum.example/1') }, { said: ['forum'], cap: ['forum'] });
    const party = createParty(scenario.domain, JSON.parse(JSON.stringify(partyOf(scenario, 'ukraine'))));
    const plan = createPlan(scenario.domain, JSON.parse(JSON.stringify(planOf(scenario, 'draft'))));

    const verdict = assessPlan(party, plan);

    expect(verdict.restsOnLowReliabilitySources).toBe(false);
    expect(notesOf(verdict.explain())).toEqual([]);
  });
});
