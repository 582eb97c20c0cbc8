import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { assessOutcome, assessPlan, createDomain, createParty, createPlan, openIssues, outcomeFromChoices } from '@parley/core';
import { choicesArbitrary, completions, domainArbitrary, partyArbitrary, planArbitrary, referenceHolds, shuffleKeys } from './support/arbitraries.js';

// Failures print fast-check's seed and path; replay one with
// test.prop([...], { seed: <seed>, path: '<path>' }).

const domainWithParty = domainArbitrary.chain((domain) => fc.record({ domain: fc.constant(domain), party: partyArbitrary(domain) }));
const scenarioPieces = domainArbitrary.chain((domain) =>
  fc.record({ domain: fc.constant(domain), party: partyArbitrary(domain), plan: planArbitrary(domain), choices: choicesArbitrary(domain) }),
);

describe('red lines are never crossed by an acceptance', () => {
  test.prop([domainWithParty.chain(({ domain, party }) => fc.record({ domain: fc.constant(domain), party: fc.constant(party), choices: choicesArbitrary(domain) }))])(
    'a party rejects every outcome that crosses one of its red lines, and reports exactly those red lines',
    ({ domain: domainSpec, party: partySpec, choices }) => {
      const domain = createDomain(domainSpec);
      const assessment = assessOutcome(createParty(domain, partySpec), outcomeFromChoices(domain, choices));
      const crossed = partySpec.redLines.filter((redLine) => !referenceHolds(redLine.rule, domainSpec, choices)).map((redLine) => redLine.id);
      expect(assessment.violations.map((violation) => violation.redLine)).toEqual(crossed);
      if (crossed.length > 0) expect(assessment.accepts).toBe(false);
    },
  );

  test.prop([scenarioPieces])(
    'on a plan, each red line is crossed, undetermined or kept exactly as its completions say, and acceptance needs all kept',
    ({ domain: domainSpec, party: partySpec, plan: planSpec }) => {
      const domain = createDomain(domainSpec);
      const assessment = assessPlan(createParty(domain, partySpec), createPlan(domain, planSpec));
      const settled = Object.fromEntries(planSpec.points.flatMap((point) => point.provisions.map((p) => [p.issue, p.option])));
      const every = completions(domainSpec, settled);
      for (const redLine of partySpec.redLines) {
        const held = every.filter((choices) => referenceHolds(redLine.rule, domainSpec, choices)).length;
        const crossed = assessment.violations.some((violation) => violation.redLine === redLine.id);
        const undetermined = assessment.undetermined.some((entry) => entry.redLine === redLine.id);
        expect({ crossed, undetermined }).toEqual({ crossed: held === 0, undetermined: held > 0 && held < every.length });
      }
      const jointlyKept = every.some((choices) => partySpec.redLines.every((redLine) => referenceHolds(redLine.rule, domainSpec, choices)));
      if (!jointlyKept) expect(assessment.stance).toBe('rejects');
      if (assessment.accepts) {
        expect(every.every((choices) => partySpec.redLines.every((redLine) => referenceHolds(redLine.rule, domainSpec, choices)))).toBe(true);
      }
    },
  );
});

describe('assessment is a function of the data, not of its encoding', () => {
  test.prop([scenarioPieces, fc.integer()])('shuffling the keys of every object in the party and plan changes nothing', ({ domain: domainSpec, party, plan }, seed) => {
    const domain = createDomain(domainSpec);
    const original = assessPlan(createParty(domain, party), createPlan(domain, plan));
    const shuffled = assessPlan(createParty(domain, shuffleKeys(party, seed)), createPlan(domain, shuffleKeys(plan, seed)));
    expect(JSON.stringify(shuffled)).toBe(JSON.stringify(original));
  });

  test.prop([scenarioPieces])('party and plan survive a JSON round trip, and so does the assessment', ({ domain: domainSpec, party, plan }) => {
    const domain = createDomain(domainSpec);
    const boundParty = createParty(domain, party);
    const boundPlan = createPlan(domain, plan);
    const original = assessPlan(boundParty, boundPlan);
    const reloaded = assessPlan(
      createParty(domain, JSON.parse(JSON.stringify(boundParty))),
      createPlan(domain, JSON.parse(JSON.stringify(boundPlan))),
    );
    expect(reloaded.explain()).toBe(original.explain());
    expect(JSON.parse(JSON.stringify(reloaded))).toEqual(JSON.parse(JSON.stringify(original)));
    // Nothing is lost in JSON: no undefined, NaN or Infinity hide in the data.
    expect(JSON.parse(JSON.stringify(original))).toEqual({ ...original });
  });
});

describe('open issues stay open', () => {
  test.prop([scenarioPieces])('a plan\'s open issues are never reported as settled', ({ domain: domainSpec, party, plan: planSpec }) => {
    const domain = createDomain(domainSpec);
    const plan = createPlan(domain, planSpec);
    const assessment = assessPlan(createParty(domain, party), plan);
    const settledIds = new Set(planSpec.points.flatMap((point) => point.provisions.map((provision) => provision.issue)));
    const expectedOpen = domainSpec.issues.map((issue) => issue.id).filter((id) => !settledIds.has(id));
    expect(openIssues(plan)).toEqual(expectedOpen);
    expect(assessment.openIssues.map((issue) => issue.issue)).toEqual(expectedOpen);
    for (const violation of assessment.violations) {
      for (const issue of violation.issues) expect(settledIds.has(issue)).toBe(true);
    }
    for (const redLine of assessment.undetermined) {
      for (const issue of redLine.issues) expect(expectedOpen).toContain(issue);
    }
    for (const point of assessment.points) {
      const provisions = planSpec.points.find((p) => p.number === point.point)!.provisions;
      expect(provisions.every((provision) => settledIds.has(provision.issue))).toBe(true);
    }
  });
});
