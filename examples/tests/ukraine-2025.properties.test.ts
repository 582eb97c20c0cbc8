import { fileURLToPath } from 'node:url';
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ParleyError,
  agreementSpace,
  applyRevision,
  assessOutcome,
  assessPlan,
  choicesOf,
  createPlan,
  createScenario,
  partyOf,
  planOf,
  revertRevision,
  type Outcome,
  type Party,
  type PartySpec,
  type PlanSpec,
  type Revision,
  type Scenario,
  type ScenarioSpec,
} from '@parley/core';
import { loadScenario } from '@parley/core/node';
import { perturbedScenarioArbitrary } from '@parley/core/testing';

// Statements about the world of the bundled Ukraine 2025 seeds, checked over generated
// outcomes, plans and preference variants. Everything goes through the public API.
// A failing property prints fast-check's seed and path; replay it with
// test.prop([...], { seed: <seed>, path: '<path>' }) (or fc.assert(..., { seed, path })).

// The seeds are loaded once, at module level, because the arbitraries are built from them.
const scenario: Scenario = await loadScenario(fileURLToPath(new URL('../../seeds/ukraine-2025', import.meta.url)));
const { domain } = scenario;
const russia = partyOf(scenario, 'russia');
const ukraine = partyOf(scenario, 'ukraine');

/** The option a party's outcome takes on an issue, by id. */
const optionOn = (outcome: Outcome, issue: string): string => choicesOf(domain, outcome)[issue]!;
/** A plain-JSON copy of a plan (the spec a user would write), without the bound domain. */
const specOf = (plan: PlanSpec): PlanSpec => JSON.parse(JSON.stringify(plan)) as PlanSpec;
const redLinesCrossed = (party: Party, outcome: Outcome) => assessOutcome(party, outcome).violations.map((violation) => violation.redLine);

/** Any outcome of the domain: one option per issue. */
const anyOutcome: fc.Arbitrary<Outcome> = fc
  .tuple(...domain.issues.map((issue) => fc.integer({ min: 0, max: issue.options.length - 1 })))
  .map((indexes) => Uint8Array.from(indexes));

/**
 * The outcomes that keep a party's red lines, option by option. The options a party allows
 * on each issue are found with assessOutcome itself: start from the party's favourite
 * outcome and change one issue at a time. (This is exact for parties whose red lines each
 * mention one issue, as Ukraine's do; the properties below re-assess every outcome anyway.)
 */
function redLineCompatibleOutcome(party: Party): fc.Arbitrary<Outcome> {
  const values = party.preferences.values;
  const favourite = Uint8Array.from(domain.issues, (issue) => {
    const table = values[issue.id] ?? {};
    let best = 0;
    issue.options.forEach((option, index) => {
      if ((table[option.id] ?? 0) > (table[issue.options[best]!.id] ?? 0)) best = index;
    });
    return best;
  });
  expect(redLinesCrossed(party, favourite)).toEqual([]);
  const allowed = domain.issues.map((issue) =>
    issue.options
      .map((_, index) => index)
      .filter((index) => {
        const outcome = favourite.slice();
        outcome[issue.index] = index;
        return redLinesCrossed(party, outcome).length === 0;
      }),
  );
  return fc.tuple(...allowed.map((options) => fc.constantFrom(...options))).map((indexes) => Uint8Array.from(indexes));
}

// ---------------------------------------------------------------------------------------
// 1. Held Donetsk: no outcome satisfies both Russia and Ukraine.
// ---------------------------------------------------------------------------------------

describe('Russia and Ukraine cannot both accept any outcome', () => {
  // Wording, checked rather than assumed: Ukraine's red line is "atMost demilitarised-ukrainian",
  // so an outcome it accepts keeps held Donetsk Ukrainian, either under Ukrainian control or
  // demilitarised under Ukrainian administration (both occur among accepted outcomes, see the
  // counts below). Russia requires at least a withdrawal to a buffer recognised as Russian.
  const heldByUkraine = ['ukrainian-control', 'demilitarised-ukrainian'];

  it('every outcome Ukraine accepts leaves Ukrainian-held Donetsk Ukrainian (controlled or administered), and no such outcome is accepted by Russia — so no plan satisfies both', () => {
    // Half the outcomes are drawn from the options Ukraine's red lines allow, so that many of
    // them are accepted by Ukraine and the implication is not vacuous; half from the whole space.
    const outcomes = fc.oneof(redLineCompatibleOutcome(ukraine), anyOutcome);
    const acceptedByUkraine = new Map<string, number>();
    fc.assert(
      fc.property(outcomes, (outcome) => {
        if (!assessOutcome(ukraine, outcome).accepts) return;
        const held = optionOn(outcome, 'territory.donetsk-held');
        acceptedByUkraine.set(held, (acceptedByUkraine.get(held) ?? 0) + 1);
        expect(heldByUkraine).toContain(held);
        const russian = assessOutcome(russia, outcome);
        expect(russian.accepts).toBe(false);
        expect(russian.violations.map((violation) => violation.redLine)).toContain('withdrawal-from-donetsk');
      }),
      { numRuns: 300 },
    );
    // The generator did reach outcomes Ukraine accepts, with held Donetsk both ways.
    expect(acceptedByUkraine.get('ukrainian-control') ?? 0).toBeGreaterThan(20);
    expect(acceptedByUkraine.get('demilitarised-ukrainian') ?? 0).toBeGreaterThan(20);
    expect([...acceptedByUkraine.keys()].every((held) => heldByUkraine.includes(held))).toBe(true);
  });

  it('agrees with the exact analysis: the agreement space of Russia and Ukraine is empty, proved by red lines of both', () => {
    const space = agreementSpace([russia, ukraine]);
    expect(space.exact).toBe(true);
    expect(space.empty).toBe(true);
    expect(space.agreements).toBe(0);
    expect(space.iterate().next().done).toBe(true);
    const parties = new Set(space.conflict!.map((constraint) => constraint.ref.party));
    expect([...parties].sort()).toEqual(['russia', 'ukraine']);
    expect(space.conflict!.every((constraint) => constraint.ref.kind === 'red-line')).toBe(true);
    // Held Donetsk is one of the separate reasons, as the property above found by sampling.
    const redLinesOf = (conflict: readonly { ref: { party: string; kind: string; redLine?: string } }[]) =>
      conflict.map((constraint) => `${constraint.ref.party}:${constraint.ref.redLine ?? constraint.ref.kind}`).sort();
    expect(space.conflicts.map(redLinesOf)).toContainEqual(['russia:withdrawal-from-donetsk', 'ukraine:no-territory-given-up']);
  });
});

// ---------------------------------------------------------------------------------------
// 2. Red lines are hard: a plan that crosses one is never accepted by that party.
// ---------------------------------------------------------------------------------------

/** One edit to a plan: settle an issue to an option (re-settling it if settled, adding a point if open), or open it. */
interface Resettle {
  readonly issue: string;
  readonly option: string;
}

/** `base` with `issueId` settled to `optionId` by every point that settles it (or by a new last point if none does), or opened. */
function settle(base: PlanSpec, issueId: string, optionId: string): PlanSpec {
  const open = optionId === 'open';
  const points = base.points.map((point) => ({
    ...point,
    provisions: point.provisions
      .filter((provision) => !open || provision.issue !== issueId)
      .map((provision) => (provision.issue === issueId ? { ...provision, option: optionId } : provision)),
  }));
  const settled = points.some((point) => point.provisions.some((provision) => provision.issue === issueId));
  if (!settled && !open) {
    points.push({
      number: Math.max(0, ...points.map((point) => point.number)) + 1,
      summary: `A later point settles ${issueId} as ${optionId}.`,
      category: 'generated',
      sources: [...(domain.issues[domain.issueIndex(issueId)]!.sources ?? ['S1'])],
      provisions: [{ issue: issueId, option: optionId }],
    });
  }
  return { ...base, points };
}

const resettleArbitrary: fc.Arbitrary<Resettle> = fc.constantFrom(...domain.issues).chain((issue) =>
  fc.record({
    issue: fc.constant(issue.id),
    option: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...issue.options.map((option) => option.id)) }, { weight: 1, arbitrary: fc.constant('open') }),
  }),
);

/**
 * A bundled plan with random issues re-settled, opened or settled by an added point. Kept as
 * the recipe (plan id and edits) so that a counterexample prints readably; `build` makes the plan.
 */
const variantPlanArbitrary = fc.record({
  plan: fc.constantFrom(...scenario.plans.map((plan) => plan.id)),
  edits: fc.array(resettleArbitrary, { maxLength: 6 }),
});
const build = ({ plan, edits }: { plan: string; edits: readonly Resettle[] }): PlanSpec =>
  edits.reduce((spec, edit) => settle(spec, edit.issue, edit.option), specOf(planOf(scenario, plan)));

describe('red lines are hard', () => {
  test.prop([variantPlanArbitrary], { numRuns: 150 })(
    "a plan that crosses any party's red line is never accepted by that party, whatever its other points",
    (variant) => {
      const plan = createPlan(domain, build(variant));
      for (const party of scenario.parties) {
        const verdict = assessPlan(party, plan);
        if (verdict.violations.length === 0) continue;
        expect(verdict.accepts).toBe(false);
        expect(verdict.stance).toBe('rejects');
        // The blame lands on the points that settle the issues that cross the line.
        for (const violation of verdict.violations) {
          for (const number of violation.points) {
            expect(verdict.points.find((point) => point.point === number)?.verdict).toBe('crosses-red-line');
          }
        }
      }
    },
  );

  // Forced crossings: whatever else the generated plan says, settling one issue across a
  // party's red line makes that party reject it, and names that red line.
  const crossings = [
    { party: 'ukraine', issue: 'territory.recognition', option: 'de-jure', redLine: 'no-recognition' },
    { party: 'ukraine', issue: 'military.army-cap', option: '600k', redLine: 'no-limits-on-defence' },
    { party: 'russia', issue: 'territory.donetsk-held', option: 'ukrainian-control', redLine: 'withdrawal-from-donetsk' },
    { party: 'united-states', issue: 'eu.path', option: 'excluded', redLine: 'prosperity-path-for-ukraine' },
    { party: 'europe', issue: 'nato.membership', option: 'constitutional-ban', redLine: 'nato-decides-its-members' },
  ] as const;

  test.prop([variantPlanArbitrary, fc.constantFrom(...crossings)], { numRuns: 100 })(
    'settling recognition as de jure (or any other forced crossing) in any generated plan is never accepted by the party whose line it crosses',
    (variant, crossing) => {
      const plan = createPlan(domain, settle(build(variant), crossing.issue, crossing.option));
      const verdict = assessPlan(partyOf(scenario, crossing.party), plan);
      expect(verdict.accepts).toBe(false);
      expect(verdict.stance).toBe('rejects');
      const violation = verdict.violations.find((found) => found.redLine === crossing.redLine);
      expect(violation?.issues).toContain(crossing.issue);
    },
  );
});

// ---------------------------------------------------------------------------------------
// 3. Monotonicity of the bundled preferences.
// ---------------------------------------------------------------------------------------

// What the seeds assume, and what we found. Utility is additive apart from two interaction
// penalties, and a penalty could in principle make "a better option on one issue" worse:
//
// - Ukraine, −0.08 when nato.membership ≥ renounced-by-policy and security.guarantees ≤
//   conditional-us-guarantee. Ukraine's values fall along both issues' order where the
//   penalty starts (NATO: open-door 1 > consensus 0.8 > renounced 0.2 > ban 0; guarantees:
//   article-5-like 1 is the best), so a switch to an option Ukraine values more can only
//   switch the penalty off, never on. Monotone for structural reasons.
// - Russia, −0.05 when nato.membership ≥ renounced-by-policy and nato.troops ≤
//   no-permanent-nato-command. Here a better NATO option for Russia (renounced, ban) is what
//   switches the penalty ON. The smallest such gain is consensus-dependent → renounced-by-policy:
//   12/109 × (0.75 − 0.1) ≈ 0.0716 on the additive part, which beats the 0.05 penalty by
//   about 0.0216. So Russia's preferences ARE monotone, but only by that margin: a penalty
//   above ≈ 0.0716 (or a NATO weight below ≈ 8.4 of 109) would break the statement for
//   Russia on nato.membership, consensus-dependent → renounced-by-policy while Western
//   troops stay possible (the second test shows it with a 0.08 penalty). The third test
//   pins the margin so a change to the seeds that erodes it is noticed.
// - The United States and Europe have no interactions, so they are monotone trivially.
//
// Hence the full statement holds for every party and every issue, and is tested as such.

const partyIds = scenario.parties.map((party) => party.id);

/**
 * The first switch on one issue to an option `party` values at least as much that lowers its
 * utility at `outcome`, described, or null when there is none.
 */
function monotonicityBreak(party: Party, outcome: Outcome): string | null {
  const utility = assessOutcome(party, outcome).utility;
  for (const issue of domain.issues) {
    const table = party.preferences.values[issue.id];
    if (table === undefined) continue; // an issue the party does not weigh
    const from = issue.options[outcome[issue.index]!]!.id;
    for (const [index, option] of issue.options.entries()) {
      if (table[option.id]! < table[from]!) continue;
      const better = outcome.slice();
      better[issue.index] = index;
      const gain = assessOutcome(party, better).utility - utility;
      if (gain < -1e-12) return `${party.name}: ${issue.id} ${from} → ${option.id} lowers utility by ${(-gain).toFixed(4)}`;
    }
  }
  return null;
}

describe('the bundled preferences are monotone', () => {
  test.prop([anyOutcome, fc.constantFrom(...partyIds)], { numRuns: 120 })(
    'granting a party a more favourable option on one issue, all else equal, never lowers its utility',
    (outcome, partyId) => {
      expect(monotonicityBreak(partyOf(scenario, partyId), outcome)).toBeNull();
    },
  );

  it("would break for Russia on nato.membership if its troops penalty exceeded the smallest NATO gain (the check has teeth)", () => {
    // Same seeds, with Russia's "neutrality without Western troops" penalty raised from 0.05 to 0.08.
    const spec = JSON.parse(JSON.stringify(russia)) as PartySpec;
    const harsher = createScenario({
      id: 'harsher',
      title: 'Harsher penalty',
      domain: { issues: domain.issues.map(({ index: _index, ...issue }) => issue) },
      parties: [{ ...spec, preferences: { ...spec.preferences, interactions: spec.preferences.interactions!.map((term) => ({ ...term, delta: -0.08 })) } }],
      plans: [],
    });
    const result = fc.check(fc.property(anyOutcome, (outcome) => monotonicityBreak(partyOf(harsher, 'russia'), outcome) === null), { seed: 1, numRuns: 100 });
    expect(result.failed).toBe(true);
    expect(monotonicityBreak(partyOf(harsher, 'russia'), result.counterexample![0])).toMatch(/^Russia: nato\.membership consensus-dependent → renounced-by-policy/);
  });

  it("Russia's tightest case: renouncing NATO while Western troops stay possible still gains about 0.0216", () => {
    const base = Uint8Array.from(domain.issues, () => 0); // nato.troops: reassurance-force, within the penalty's condition
    const choose = (outcome: Outcome, issue: string, option: string) => {
      const copy = outcome.slice();
      const index = domain.issueIndex(issue);
      copy[index] = domain.optionIndex(index, option);
      return copy;
    };
    const before = choose(base, 'nato.membership', 'consensus-dependent');
    const after = choose(base, 'nato.membership', 'renounced-by-policy');
    const gain = assessOutcome(russia, after).utility - assessOutcome(russia, before).utility;
    expect(gain).toBeCloseTo((12 / 109) * (0.75 - 0.1) - 0.05, 10);
    expect(gain).toBeGreaterThan(0.02);
  });
});

// ---------------------------------------------------------------------------------------
// 4. Plan history: the revisions replay and invert.
// ---------------------------------------------------------------------------------------

const revisionNamed = (result: string): Revision => scenario.revisions.find((revision) => revision.result === result)!;

/** The same JSON value with the keys of every object in a random order, as another tool might write it. */
function shuffledKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffledKeys(item, random));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return Object.fromEntries(entries.map(([key, item]) => [key, shuffledKeys(item, random)]));
}

describe('the 28 → 19 revision and the E3 counter-proposal', () => {
  it.each(['us-ukraine-19', 'e3-counterproposal'])('%s replays from us-28 and inverts back to it', (result) => {
    const revision = revisionNamed(result);
    const us28 = planOf(scenario, 'us-28');
    expect(revision.base).toBe('us-28');
    expect(specOf(applyRevision(us28, revision))).toEqual(specOf(planOf(scenario, result)));
    expect(specOf(revertRevision(planOf(scenario, result), revision))).toEqual(specOf(us28));
    // And not the other way round.
    expect(() => applyRevision(planOf(scenario, result), revision)).toThrow(ParleyError);
  });

  test.prop([fc.constantFrom('us-ukraine-19', 'e3-counterproposal'), fc.integer({ min: 0, max: 4 }), fc.infiniteStream(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }))], { numRuns: 40 })(
    'after a JSON round trip of the revision (any indentation, any key order), replay and invert still hold',
    (result, indent, stream) => {
      const randoms = stream[Symbol.iterator]();
      const random = () => randoms.next().value as number;
      const stored = JSON.stringify(shuffledKeys(revisionNamed(result), random), null, indent);
      const revision = JSON.parse(stored) as Revision;
      const replayed = applyRevision(specOf(planOf(scenario, 'us-28')), revision);
      expect(specOf(replayed)).toEqual(specOf(planOf(scenario, result)));
      expect(specOf(revertRevision(replayed, revision))).toEqual(specOf(planOf(scenario, 'us-28')));
    },
  );
});

// ---------------------------------------------------------------------------------------
// 5. Do the verdicts survive plausible changes to the numbers?
// ---------------------------------------------------------------------------------------

// A DELIBERATE, DOCUMENTED exploration, not a random test. The weights, option values and
// reservation values are our estimates; the red lines are sourced. We perturb the numbers
// within stated bounds and ask whether the four headline verdicts survive:
//   Russia accepts us-28; Ukraine rejects us-28 for recognition, the NATO ban and the army
//   cap; Russia rejects the E3 text; Russia does not accept the 19-point draft.
// The run uses a fixed seed and a fixed number of runs, with fc.check (not assert), and
// asserts the documented result, so it is deterministic and still fails if the model changes.
//
// The variants come from `perturbedScenarioArbitrary` in '@parley/core/testing': every
// weight, option value and reservation value moved within the bounds (changes drawn as
// integer steps that shrink toward "unchanged"), each change listed in words.

/** The headline verdicts, each as a check on a scenario: the first that fails, or null. */
function flippedVerdict(variant: Scenario): string | null {
  const verdict = (party: string, plan: string) => assessPlan(partyOf(variant, party), planOf(variant, plan));
  if (!verdict('russia', 'us-28').accepts) return 'Russia no longer accepts us-28';
  const ukraine = verdict('ukraine', 'us-28');
  const crossed = ukraine.violations.flatMap((violation) => violation.issues);
  if (ukraine.stance !== 'rejects' || !['territory.recognition', 'nato.membership', 'military.army-cap'].every((issue) => crossed.includes(issue))) {
    return 'Ukraine no longer rejects us-28 for recognition, the NATO ban and the army cap';
  }
  if (verdict('russia', 'e3-counterproposal').stance !== 'rejects') return 'Russia no longer rejects the E3 text';
  if (verdict('russia', 'us-ukraine-19').accepts) return 'Russia accepts the 19-point draft';
  return null;
}

describe('robustness of the verdicts to the numbers', () => {
  // Stated bounds: weights ±20 %, option values ±0.1, reservation values ±0.05, red lines all kept.
  const bounds = { weights: 0.2, values: 0.1, reservation: 0.05, redLineHoldProbability: 1, pointKeepProbability: 1 };
  const SEED = 20251202;
  const RUNS = 200;

  it('under any plausible perturbation of preferences within stated bounds, the verdicts on the three bundled versions either hold or the test reports the first variant that flips them', () => {
    // The unperturbed seeds give the verdicts (so a flip below is the perturbation's doing).
    expect(flippedVerdict(scenario)).toBeNull();
    let perturbedVariants = 0;
    const result = fc.check(
      fc.property(perturbedScenarioArbitrary(scenario, bounds), ({ spec, changes }) => {
        if (changes.length > 0) perturbedVariants++;
        return flippedVerdict(createScenario(spec)) === null;
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // The first variant that flips a verdict (fast-check stops there: endOnFailure), in words.
    const firstFlip = result.failed
      ? {
          run: result.numRuns,
          flipped: (() => {
            try {
              return flippedVerdict(createScenario(result.counterexample![0].spec));
            } catch (error) {
              return `error: ${String(error)}`;
            }
          })(),
          changes: result.counterexample![0].changes,
        }
      : null;
    // Documented outcome: no flip in 200 runs with seed 20251202. (Were one found, this
    // would assert it exactly: expect(firstFlip).toEqual({ run, flipped, changes }).)
    expect(firstFlip).toBeNull();
    expect(result.numRuns).toBe(RUNS);
    expect(perturbedVariants).toBe(RUNS);
    // What this tells a reader: three of the four verdicts are decided by red lines, which the
    // perturbation keeps, so no change of the numbers can flip them (Ukraine and Russia reject
    // because lines are crossed; Russia cannot accept the 19-point draft while territory and
    // NATO, which its lines constrain, are open). Only "Russia accepts us-28" rests on a
    // margin (utility ≈ 0.795 against 0.55), and the worst case below shows that margin is
    // wider than anything these bounds can take away.
  }, 60_000);

  it("Russia's acceptance of us-28 survives even the worst perturbation within the bounds", () => {
    // The worst case, built directly rather than sampled: every value of an option us-28 picks
    // lowered by 0.1, weights raised by 20 % where that value is below the utility and lowered
    // by 20 % where it is above (this minimises the weighted mean), reservation raised by 0.05.
    const us28 = planOf(scenario, 'us-28');
    const picks = choicesOf(domain, us28.settlement);
    const spec = JSON.parse(JSON.stringify(russia)) as PartySpec;
    const lowered = Object.fromEntries(
      Object.entries(spec.preferences.values).map(([issue, table]) => [issue, { ...table, [picks[issue]!]: Math.max(0, table[picks[issue]!]! - 0.1) }]),
    );
    let utility = assessPlan(russia, us28).utility;
    let worst: PartySpec = spec;
    for (let pass = 0; pass < 5; pass++) {
      const weights = Object.fromEntries(
        Object.entries(spec.preferences.weights).map(([issue, w]) => [issue, w * (lowered[issue]![picks[issue]!]! < utility ? 1.2 : 0.8)]),
      );
      worst = { ...spec, reservationValue: spec.reservationValue + 0.05, preferences: { ...spec.preferences, weights, values: lowered } };
      const variant = createScenario(scenarioSpecWith(worst));
      utility = assessPlan(partyOf(variant, 'russia'), planOf(variant, 'us-28')).utility;
    }
    const variant = createScenario(scenarioSpecWith(worst));
    const verdict = assessPlan(partyOf(variant, 'russia'), planOf(variant, 'us-28'));
    // us-28 settles every issue and Russia's interaction does not apply to it (no Western
    // troops), so its utility is a ratio of weighted sums: the minimum over the box is at this
    // vertex (weights up exactly where the value is below the minimum), found in two passes.
    // The margin shrinks from 0.245 to about 0.068, and Russia still accepts.
    expect(verdict.accepts).toBe(true);
    expect(verdict.margin).toBeCloseTo(0.0679, 3);
  });
});

/** A one-party scenario over the bundled domain and plans, for the worst-case check. */
function scenarioSpecWith(party: PartySpec): ScenarioSpec {
  return {
    id: 'worst-case',
    title: 'Worst case',
    domain: { issues: domain.issues.map(({ index: _index, ...issue }) => issue) },
    parties: [party],
    plans: scenario.plans.map((plan) => ({ ...specOf(plan), signatories: [] })),
  };
}

beforeAll(() => {
  // Sanity: the scenario is the bundled one.
  expect(scenario.plans.map((plan) => plan.id)).toEqual(['us-28', 'us-ukraine-19', 'e3-counterproposal']);
});
