import { describe, expect, it } from 'vitest';
import {
  ParleyError,
  assumptionsOf,
  basePartiesOf,
  choicesOf,
  createScenario,
  createTalks,
  drawRun,
  explore,
  outcomeFromChoices,
  partyOf,
  perturbedPartySpec,
  runAlternatingOffers,
  runScenario,
  type PartySpec,
  type PartyStrategyName,
  type ScenarioSpec,
} from '@parley/core';

// Ids are any non-empty strings, and some name properties every object has (`constructor`,
// `toString`) or its prototype (`__proto__`). A lookup of such an id in a record by id must
// find the record's own entry or nothing, never Object.prototype's.

// Written as JSON text: in an object literal, a `__proto__` key sets the prototype instead.
const SPEC = JSON.parse(`{
  "id": "odd-ids", "title": "Ids that are names of Object.prototype",
  "sources": { "S1": "A citation." },
  "domain": { "issues": [
    { "id": "toString", "label": "Army cap", "ordered": true, "options": [{ "id": "valueOf", "label": "None" }, { "id": "800k", "label": "800k" }, { "id": "600k", "label": "600k" }] },
    { "id": "__proto__", "label": "Sanctions", "ordered": false, "options": [{ "id": "kept", "label": "Kept" }, { "id": "lifted", "label": "Lifted" }] }
  ] },
  "parties": [
    { "id": "constructor", "name": "Constructor", "reservationValue": 0.3, "redLines": [],
      "preferences": { "weights": { "toString": 1, "__proto__": 1 }, "values": { "toString": { "valueOf": 0, "800k": 0.6, "600k": 1 }, "__proto__": { "kept": 0, "lifted": 1 } } } },
    { "id": "ukraine", "name": "Ukraine", "reservationValue": 0.3, "redLines": [],
      "preferences": { "weights": { "toString": 1 }, "values": { "toString": { "valueOf": 1, "800k": 0.6, "600k": 0 } } } }
  ],
  "plans": [{ "id": "draft", "title": "Draft", "date": "2025-11-20", "author": "US", "sources": ["S1"], "signatories": ["constructor", "ukraine"],
    "points": [{ "number": 1, "summary": "An army cap of 800k.", "category": "security", "sources": ["S1"], "provisions": [{ "issue": "toString", "option": "800k" }] }] }]
}`) as ScenarioSpec;

const scenario = createScenario(SPEC);

/** A talks set-up whose strategies name only Ukraine. */
const talks = createTalks(scenario, {
  setup: { protocol: 'mediated-single-text', mediator: 'ukraine', mediatorStrategy: 'amend-most-objected', maxRounds: 4, stallLimit: 2, walkOutAfter: 3, strategies: { ukraine: 'boulware' } },
  timeline: [{ date: '2025-11-20', kind: 'plan-presented', plan: 'draft', to: ['constructor', 'ukraine'], summary: 'The draft is handed over.', sources: ['S1'] }],
});

describe('a party whose id is "constructor"', () => {
  it('is judged alike by a replay and by an exploration run, and can answer alternating offers', () => {
    // The replay seats the party with the linear strategy, as the exploration does.
    const replay = runScenario(scenario, talks, { seed: 1, continueRounds: 2 });
    const explored = explore(scenario, { runs: 1, seed: 1, talks, perturb: {}, rounds: 2, sensitivity: false });
    expect(explored.talks?.baseline).toBe(replay.final.status);
    // Ukraine proposes first; the party named constructor must be able to answer.
    const offers = runAlternatingOffers(scenario, { parties: ['ukraine', 'constructor'], deadline: 4 });
    expect(Object.hasOwn(offers.rounds[0]!.responses, 'constructor')).toBe(true);
  });

  it('follows the linear strategy when the talks set-up names only the others', () => {
    const parties = basePartiesOf(scenario, talks.setup.strategies);

    expect(parties.map((party) => [party.id, party.strategy])).toEqual([
      ['constructor', 'linear'],
      ['ukraine', 'boulware'],
    ]);
  });

  it('has no uncertain strategy when the perturbation names only the others', () => {
    const parties = basePartiesOf(scenario, talks.setup.strategies);

    const assumptions = assumptionsOf(parties, { strategies: { ukraine: ['boulware', 'conceder'] } });

    expect(assumptions.map((assumption) => assumption.id)).toEqual(['ukraine.strategy']);
  });

  it('can be explored, with its own strategy uncertain or not', () => {
    const others = explore(scenario, { runs: 20, seed: 3, talks, perturb: { strategies: { ukraine: ['boulware', 'conceder'] }, weights: 0.2 } });
    const own = explore(scenario, { runs: 20, seed: 3, talks, perturb: { strategies: { constructor: ['linear', 'boulware'] as PartyStrategyName[] } } });

    expect(Object.keys(others.plans[0]!.acceptedBy)).toEqual(['constructor', 'ukraine']);
    expect(own.sensitivity.map((row) => row.assumption)).toContain('constructor.strategy');
  });
});

describe('issues whose ids are "toString" and "__proto__"', () => {
  it('are told missing from choices, not read from Object.prototype', () => {
    const missing = (() => {
      try {
        outcomeFromChoices(scenario.domain, { toString: 'valueOf' });
      } catch (error) {
        return error;
      }
      return undefined;
    })();

    expect(missing).toBeInstanceOf(ParleyError);
    expect(missing).toMatchObject({ code: 'INCOMPLETE_OUTCOME' });
    expect((missing as Error).message).toContain('missing: __proto__');
  });

  it('keep their choice in choicesOf, as an own key', () => {
    const choices = JSON.parse('{ "toString": "valueOf", "__proto__": "lifted" }') as Record<string, string>;

    const back = choicesOf(scenario.domain, outcomeFromChoices(scenario.domain, choices));

    expect(Object.entries(back)).toEqual([
      ['toString', 'valueOf'],
      ['__proto__', 'lifted'],
    ]);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
  });

  it('keep their moved weights and values in a perturbed party spec', () => {
    const parties = basePartiesOf(scenario);
    const assumptions = assumptionsOf(parties, { weights: 0.5, values: 0.5 });
    const draw = drawRun(parties, assumptions, 11, 0);
    const spec = JSON.parse(JSON.stringify(partyOf(scenario, 'constructor'))) as PartySpec;

    const moved = perturbedPartySpec(scenario.domain, spec, parties[0]!, assumptions, draw, 0);

    expect(Object.keys(moved.preferences.weights)).toEqual(['toString', '__proto__']);
    expect(Object.keys(moved.preferences.values)).toEqual(['toString', '__proto__']);
    expect(Object.getPrototypeOf(moved.preferences.values)).toBe(Object.prototype);
    expect(moved.preferences.weights['__proto__']).not.toBe(spec.preferences.weights['__proto__']);
    // The moved spec is a valid party of the same domain.
    expect(() => createScenario({ ...SPEC, parties: [moved, SPEC.parties[1]!] })).not.toThrow();
  });
});
