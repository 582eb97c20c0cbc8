import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ScenarioError,
  assessOutcome,
  createDomain,
  createParty,
  formatProblem,
  outcomeFromChoices,
  parseGeniusDomain,
  parseGeniusProfile,
  partyOf,
  type DomainSpec,
  type Party,
  type Problem,
  type Scenario,
} from '@parley/core';
import { loadGeniusScenario } from '@parley/core/node';

// The standard GENIUS benchmark files, shared read-only beside the repository.
const GENIUS = new URL('../../../../shared/genius-domains/', import.meta.url);
const geniusFile = (path: string) => fileURLToPath(new URL(path, GENIUS));
const readGenius = (path: string) => readFileSync(geniusFile(path), 'utf8');

/** Loads a shared scenario: `dir/domain` with each of `dir/profiles`. */
function loadShared(dir: string, domain: string, profiles: readonly string[]) {
  return loadGeniusScenario(geniusFile(`${dir}/${domain}`), profiles.map((profile) => geniusFile(`${dir}/${profile}`)));
}

/** The utility `party` gives the outcome with these `{ issueId: optionId }` choices. */
function utilityOf(scenario: Scenario, partyId: string, choices: Readonly<Record<string, string>>): number {
  return assessOutcome(partyOf(scenario, partyId), outcomeFromChoices(scenario.domain, choices)).utility;
}

/**
 * GENIUS's additive utility written out by hand: Σ weight × (evaluation ÷ the issue's
 * largest evaluation), over the sum of the weights (1 in most files).
 */
function additive(terms: readonly (readonly [weight: number, evaluation: number, largest: number])[]): number {
  const total = terms.reduce((sum, [weight]) => sum + weight, 0);
  return terms.reduce((sum, [weight, evaluation, largest]) => sum + weight * (evaluation / largest), 0) / total;
}

/** Calls `parse`, expecting it to throw a ScenarioError; returns the error. */
function scenarioErrorOf(parse: () => unknown): ScenarioError {
  let caught: unknown;
  try {
    parse();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ScenarioError);
  return caught as ScenarioError;
}

/** The single problem of an error that should report exactly one. */
function onlyProblem(error: ScenarioError): Problem {
  expect(error.problems, error.message).toHaveLength(1);
  return error.problems[0]!;
}

describe('every shared GENIUS domain loads with all its profiles', () => {
  const cases = [
    { dir: 'energy', domain: 'energy_domain.xml', profiles: ['energy_consumer.xml', 'energy_distributor.xml'], issues: 8, outcomes: 390_625 },
    { dir: 'england-zimbabwe', domain: 'EnglandZimbabwe_domain.xml', profiles: ['England.xml', 'Zimbabwe.xml'], issues: 5, outcomes: 576 },
    {
      dir: 'itex-cypress',
      domain: 'ItexvsCypress_domain.xml',
      profiles: ['ItexvsCypress_Itex.xml', 'ItexvsCypress_Cypress.xml', 'ItexvsCypress_Itex50.xml', 'ItexvsCypress_Cypress100.xml'],
      issues: 4,
      outcomes: 180,
    },
    { dir: 'laptop', domain: 'laptop_domain.xml', profiles: ['laptop_buyer_utility.xml', 'laptop_seller_utility.xml'], issues: 3, outcomes: 27 },
    {
      dir: 'party',
      domain: 'party_domain.xml',
      profiles: ['party1_utility.xml', 'party2_utility.xml', 'party3_utility.xml', 'party4_utility.xml'],
      issues: 6,
      outcomes: 4 * 4 * 4 * 4 * 3 * 4,
    },
  ] as const;

  it.each(cases)('$dir: $issues issues, $outcomes outcomes, one party per profile', async ({ dir, domain, profiles, issues, outcomes }) => {
    const { scenario, profiles: imported } = await loadShared(dir, domain, profiles);

    expect(scenario.id).toBe(domain.replace(/\.xml$/, ''));
    expect(scenario.plans).toEqual([]);
    expect(scenario.domain.issues).toHaveLength(issues);
    expect(scenario.domain.outcomeCount).toBe(outcomes);
    expect(scenario.parties.map((party) => party.id)).toEqual(profiles.map((profile) => profile.replace(/\.xml$/, '')));
    expect(imported.map((profile) => profile.party.id)).toEqual(scenario.parties.map((party) => party.id));
    for (const party of scenario.parties) {
      // GENIUS's normalisation: weights sum to 1 and each issue's best option is worth 1.
      expect(Object.values(party.preferences.weights).reduce((sum, weight) => sum + weight, 0)).toBeCloseTo(1, 12);
      for (const issue of scenario.domain.issues) {
        const values = Object.values(party.preferences.values[issue.id] ?? {});
        expect(values).toHaveLength(issue.options.length);
        expect(Math.max(...values)).toBe(1);
        expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
      }
      expect(party.redLines).toEqual([]);
      expect(party.description).toMatch(/^Imported from the GENIUS preference profile .+\.xml: linear additive utility/);
    }
  });

  it('energy: 8 time slots of 5 power levels each, ids slugged from the GENIUS names', async () => {
    const { scenario } = await loadShared('energy', 'energy_domain.xml', ['energy_consumer.xml', 'energy_distributor.xml']);

    expect(scenario.domain.issues.map((issue) => issue.id)).toEqual(['0000-0300', '0300-0600', '0600-0900', '0900-1200', '1200-1500', '1500-1800', '1800-2100', '2100-0000']);
    expect(scenario.domain.issues[0]!.options.map((option) => [option.id, option.label])).toEqual([
      ['0-kW', '0 kW'],
      ['25-kW', '25 kW'],
      ['50-kW', '50 kW'],
      ['75-kW', '75 kW'],
      ['100-kW', '100 kW'],
    ]);
    // GENIUS discrete values have no order, so no atLeast / atMost rules on them.
    expect(scenario.domain.issues.every((issue) => !issue.ordered)).toBe(true);
  });

  it('laptop: issue indexes start at 2 under an objective of index 1; punctuation leaves the ids', () => {
    const spec = parseGeniusDomain(readGenius('laptop/laptop_domain.xml'), 'laptop_domain.xml');

    expect(spec.issues.map((issue) => [issue.id, issue.label])).toEqual([
      ['Laptop', 'Laptop'],
      ['Harddisk', 'Harddisk'],
      ['External-Monitor', 'External Monitor'],
    ]);
    expect(spec.issues[2]!.options.map((option) => option.id)).toEqual(['19-LCD', '20-LCD', '23-LCD']);
    expect(spec.issues[2]!.options[0]).toEqual({ id: '19-LCD', label: "19'' LCD", description: 'nothing special' });
  });

  it('party: item descriptions become option descriptions, with a multi-line attribute joined into one line', () => {
    const spec = parseGeniusDomain(readGenius('party/party_domain.xml'));
    const food = spec.issues[0]!;

    expect(food).toMatchObject({ id: 'Food', label: 'Food', ordered: false });
    expect(food.options.map((option) => option.id)).toEqual(['Chips-and-Nuts', 'Finger-Food', 'Handmade-Food', 'Catering']);
    expect(food.options[3]).toEqual({ id: 'Catering', label: 'Catering', description: 'Outsource the food, if you will. The least work, the highest cost.' });
    expect(spec.issues[3]!.options.map((option) => option.id)).toEqual(['Plain', 'Photo', 'Custom-Handmade', 'Custom-Printed']);
    // The domain and every profile list their items with a `cost`, which plays no part in
    // linear additive utility and is not imported.
    expect(new Set(spec.issues.flatMap((issue) => issue.options.flatMap((option) => Object.keys(option))))).toEqual(new Set(['id', 'label', 'description']));
  });

  it('england-zimbabwe and itex-cypress: ids drop currency signs and keep decimals', () => {
    const england = parseGeniusDomain(readGenius('england-zimbabwe/EnglandZimbabwe_domain.xml'));
    const itex = parseGeniusDomain(readGenius('itex-cypress/ItexvsCypress_domain.xml'));

    expect(england.issues[0]!.options.map((option) => option.id)).toEqual(['100-Billion', '50-Billion', '10-billion', 'No-agreement']);
    expect(england.issues.map((issue) => issue.id)).toContain('Forum-on-Other-Health-Issues');
    expect(itex.issues[0]!.options.map((option) => [option.id, option.label])).toEqual([
      ['4.37', '$4.37'],
      ['4.12', '$4.12'],
      ['3.98', '$3.98'],
      ['3.71', '$3.71'],
      ['3.47', '$3.47'],
    ]);
    expect(itex.issues[3]!.options.map((option) => option.id)).toEqual(['Full-price', '5-spoilage-allowed', '10-spoilage-allowed']);
  });
});

describe('utilities follow GENIUS: Σ weight × evaluation ÷ the largest evaluation of the issue', () => {
  it('energy: the all-first-items outcome (0 kW everywhere) and the all-50-kW outcome', async () => {
    const { scenario } = await loadShared('energy', 'energy_domain.xml', ['energy_consumer.xml', 'energy_distributor.xml']);
    const slots = scenario.domain.issues.map((issue) => issue.id);
    const everywhere = (option: string) => Object.fromEntries(slots.map((slot) => [slot, option]));

    // 0 kW is the consumer's best item in every slot (4 of 4, 8 of 8): utility Σ weights = 1.
    // The distributor evaluates it 0 in every slot.
    expect(utilityOf(scenario, 'energy_consumer', everywhere('0-kW'))).toBeCloseTo(1, 12);
    expect(utilityOf(scenario, 'energy_distributor', everywhere('0-kW'))).toBe(0);

    // 50 kW, consumer: 2/4 in slots 1-4 (weights .03 .05 .07 .09) and 5/8 in slots 5-8
    // (.14 .19 .24 .19): 0.5 × 0.24 + 0.625 × 0.76 = 0.595.
    expect(utilityOf(scenario, 'energy_consumer', everywhere('50-kW'))).toBeCloseTo(0.595, 12);
    // Distributor: 3/5 in slots 1-3 and 7-8 (.03 .04 .06 .09 .08) and 5/7 in slots 4-6
    // (.19 .28 .23): 0.6 × 0.30 + 5/7 × 0.70 = 0.68.
    expect(utilityOf(scenario, 'energy_distributor', everywhere('50-kW'))).toBeCloseTo(0.68, 12);
  });

  it('england-zimbabwe: one outcome, computed from both profiles by hand', async () => {
    const { scenario } = await loadShared('england-zimbabwe', 'EnglandZimbabwe_domain.xml', ['England.xml', 'Zimbabwe.xml']);
    const choices = {
      'Size-of-Fund': '50-Billion',
      'Impact-on-Other-Aid': 'Reduction-equal-to-half-of-fund-size',
      'Zimbabwe-Trade-Policy': 'No-agreement',
      'England-Trade-Policy': 'No-agreement',
      'Forum-on-Other-Health-Issues': 'Creation-of-committee-to-discuss-creation-of-fund',
    };

    expect(utilityOf(scenario, 'England', choices)).toBeCloseTo(
      additive([
        [0.3031462333758278, 7, 9],
        [0.303346839835533, 6, 8],
        [0.049028952379678074, 7, 12],
        [0.04904500802207314, 6, 10],
        [0.29543296638688804, 10, 10],
      ]),
      12,
    );
    expect(utilityOf(scenario, 'Zimbabwe', choices)).toBeCloseTo(
      additive([
        [0.19707980311909024, 7, 9],
        [0.20134268816210074, 5, 8],
        [0.15406697766287486, 5, 9],
        [0.15407719183124569, 9, 19],
        [0.29343333922468845, 9, 11],
      ]),
      12,
    );
  });

  it('itex-cypress: the 50- and 100-comparison profiles on one outcome, with their verdicts', async () => {
    const { scenario } = await loadShared('itex-cypress', 'ItexvsCypress_domain.xml', ['ItexvsCypress_Itex50.xml', 'ItexvsCypress_Cypress100.xml']);
    const outcome = outcomeFromChoices(scenario.domain, { Price: '3.98', Delivery: '30-days', Payment: '30-days-after-delivery', Returns: '5-spoilage-allowed' });

    const itex = assessOutcome(partyOf(scenario, 'ItexvsCypress_Itex50'), outcome);
    // Price 10/30, Delivery 10/20, Payment 25/25, Returns 30/30.
    expect(itex.utility).toBeCloseTo(0.28841081991551565 / 3 + 0.19126751570348005 / 2 + 0.2421890531816915 + 0.2781326111993128, 12);
    expect(itex).toMatchObject({ reservationValue: 0.366869, accepts: true });

    const cypress = assessOutcome(partyOf(scenario, 'ItexvsCypress_Cypress100'), outcome);
    // Price 25/40, Delivery 19/25, Payment 6/15, Returns 7/20.
    expect(cypress.utility).toBeCloseTo(
      additive([
        [0.47048248943663656, 25, 40],
        [0.12215720284742994, 19, 25],
        [0.1771915552911671, 6, 15],
        [0.23016875242476645, 7, 20],
      ]),
      12,
    );
    expect(cypress.utility).toBeCloseTo(0.5383, 4);
    expect(cypress).toMatchObject({ reservationValue: 0.233158, accepts: true });
  });

  it('laptop: weights summing to 1.0000518 are divided by their sum, and the note says so', async () => {
    const { scenario } = await loadShared('laptop', 'laptop_domain.xml', ['laptop_buyer_utility.xml', 'laptop_seller_utility.xml']);
    const choices = { Laptop: 'Macintosh', Harddisk: '80-Gb', 'External-Monitor': '23-LCD' };

    // The buyer evaluates all three items 2 of 3: 2/3 whatever the weights.
    expect(utilityOf(scenario, 'laptop_buyer_utility', choices)).toBeCloseTo(2 / 3, 12);
    // The seller: Macintosh 3/3, 80 Gb 3/3, 23'' LCD 1/3.
    expect(utilityOf(scenario, 'laptop_seller_utility', choices)).toBeCloseTo(
      additive([
        [0.37808251708013424, 3, 3],
        [0.1767567099260568, 3, 3],
        [0.4452125771655631, 1, 3],
      ]),
      12,
    );
    const seller = partyOf(scenario, 'laptop_seller_utility');
    expect(seller.preferences.weights['Laptop']).toBeCloseTo(0.37808251708013424 / (0.37808251708013424 + 0.1767567099260568 + 0.4452125771655631), 15);
    expect(seller.description).toMatch(/Its weights summed to 1\.00005180\d* and were divided by that sum\.$/);
  });

  it('party: one outcome for each of the four profiles', async () => {
    const { scenario } = await loadShared('party', 'party_domain.xml', ['party1_utility.xml', 'party2_utility.xml', 'party3_utility.xml', 'party4_utility.xml']);
    const choices = {
      Food: 'Finger-Food',
      Drinks: 'Handmade-Cocktails',
      Location: 'Party-Room',
      Invitations: 'Custom-Handmade',
      Music: 'DJ',
      Cleanup: 'Specialized-Materials',
    };

    // party1: 2/3, 2/3, 4/4, 4/4, 3/3, 3/3 with weights .19 .28 .19 .05 .19 .10.
    expect(utilityOf(scenario, 'party1_utility', choices)).toBeCloseTo(0.47 * (2 / 3) + 0.53, 12);
    expect(utilityOf(scenario, 'party2_utility', choices)).toBeCloseTo(
      additive([
        [0.09524603680686539, 2, 4],
        [0.2283401143767259, 12, 12],
        [0.10901786485921511, 10, 10],
        [0.21419760121831746, 1, 13],
        [0.10811172572057104, 1, 3],
        [0.24508665701830507, 3, 10],
      ]),
      12,
    );
    expect(utilityOf(scenario, 'party3_utility', choices)).toBeCloseTo(
      additive([
        [0.26406799635023226, 15, 20],
        [0.1897622085535712, 15, 20],
        [0.22270065828817484, 10, 25],
        [0.05801671655793907, 8, 15],
        [0.16832340046936656, 15, 20],
        [0.09712901978071596, 10, 20],
      ]),
      12,
    );
    // party4's weights sum to 0.9999991: within 1e-6 of 1, so no note, but still divided out.
    expect(utilityOf(scenario, 'party4_utility', choices)).toBeCloseTo(
      additive([
        [0.190476, 3, 4],
        [0.238095, 2, 4],
        [0.0952381, 4, 4],
        [0.047619, 3, 4],
        [0.285714, 3, 3],
        [0.142857, 2, 4],
      ]),
      12,
    );
    expect(partyOf(scenario, 'party4_utility').description).not.toContain('summed');
  });
});

describe('reservation values and discount factors', () => {
  it('reads <reservation value> (Itex50 0.366869, Cypress100 0.233158) and defaults to 0 without one', async () => {
    const { scenario, profiles } = await loadShared('itex-cypress', 'ItexvsCypress_domain.xml', [
      'ItexvsCypress_Itex50.xml',
      'ItexvsCypress_Cypress100.xml',
      'ItexvsCypress_Itex.xml',
    ]);
    const party = await loadShared('party', 'party_domain.xml', ['party1_utility.xml']);

    expect(profiles.map((profile) => profile.reservationValue)).toEqual([0.366869, 0.233158, 0]);
    expect(scenario.parties.map((p) => p.reservationValue)).toEqual([0.366869, 0.233158, 0]);
    expect(scenario.parties[0]!.reservationNote).toBe('From <reservation value="0.366869"> in the GENIUS profile.');
    // party1_utility.xml has no <reservation> at all.
    expect(party.profiles[0]!.reservationValue).toBe(0);
    expect(party.scenario.parties[0]!.reservationNote).toMatch(/no <reservation>; 0 is GENIUS's default/);
  });

  // Decision: a type="UNCERTAIN" profile is imported, not rejected. Its file holds a complete
  // linear additive utility function; the uncertainty is only in how much of it a GENIUS
  // agent is shown (a ranking of `comparisons` bids). Parley models what a party actually
  // prefers, which is that function, with its reservation value. The description says so.
  it('imports type="UNCERTAIN" profiles as their complete additive utility, noting the uncertainty', () => {
    const domain = parseGeniusDomain(readGenius('itex-cypress/ItexvsCypress_domain.xml'));
    const uncertain = parseGeniusProfile(readGenius('itex-cypress/ItexvsCypress_Cypress100.xml'), domain, { id: 'cypress', name: 'Cypress' });
    const certain = parseGeniusProfile(readGenius('itex-cypress/ItexvsCypress_Cypress.xml'), domain, { id: 'cypress', name: 'Cypress' });

    expect(uncertain.party.description).toContain('GENIUS marks it type="UNCERTAIN": a GENIUS agent is shown only a ranking of some bids (100 comparisons)');
    expect(uncertain.party.reservationValue).toBe(0.233158);
    // Same evaluations as the plain Cypress profile; the weights differ in the fourth decimal.
    expect(uncertain.party.preferences.values).toEqual(certain.party.preferences.values);
    expect(uncertain.party.preferences.values['Price']).toEqual({ '4.37': 1 / 40, '4.12': 10 / 40, '3.98': 25 / 40, '3.71': 33 / 40, '3.47': 1 });
    expect(uncertain.party.preferences.weights['Price']).toBeCloseTo(0.47048248943663656, 12);
    expect(certain.party.description).not.toContain('UNCERTAIN');
  });

  it('reads <discount_factor value> (1.0 in Itex50) and defaults to 1 without one', async () => {
    const { profiles } = await loadShared('itex-cypress', 'ItexvsCypress_domain.xml', ['ItexvsCypress_Itex50.xml', 'ItexvsCypress_Itex.xml']);
    const energy = await loadShared('energy', 'energy_domain.xml', ['energy_consumer.xml']);

    expect(profiles.map((profile) => profile.discountFactor)).toEqual([1, 1]);
    expect(energy.profiles[0]!.discountFactor).toBe(1);
  });

  it('returns a discount factor below 1 and mentions it; reads 0 as no discounting, as GENIUS does', () => {
    const domain = parseGeniusDomain(DOMAIN_XML);

    const discounted = parseGeniusProfile(PROFILE_XML, domain, { id: 'seller' });
    expect(discounted.discountFactor).toBe(0.9);
    expect(discounted.party.description).toContain('GENIUS discounts it over time by a factor 0.9');

    const zero = parseGeniusProfile(PROFILE_XML.replace('<discount_factor value="0.9"/>', '<discount_factor value="0"/>'), domain, { id: 'seller' });
    expect(zero.discountFactor).toBe(1);
    expect(zero.party.description).toContain('discount factor 0 means no discounting in GENIUS');
  });
});

// A small domain and a valid profile for it, which each test below breaks in one way.
const DOMAIN_XML = `<?xml version="1.0" encoding="UTF-8"?>
<negotiation_template number_of_sessions="1">
  <utility_space number_of_issues="2">
    <objective index="0" name="root" type="objective" etype="objective">
      <issue index="1" name="Price" type="discrete" etype="discrete" vtype="discrete">
        <item index="1" value="$4.37"/>
        <item index="2" value="$3.98"/>
        <item index="3" value="$3.47"/>
      </issue>
      <issue index="2" name="Delivery" type="discrete" etype="discrete" vtype="discrete">
        <item index="1" value="60 days"/>
        <item index="2" value="30 days"/>
      </issue>
    </objective>
  </utility_space>
</negotiation_template>
`;

const PROFILE_XML = `<utility_space>
  <objective index="0" name="root" type="objective" etype="objective">
    <issue index="1" name="Price" type="discrete" etype="discrete" vtype="discrete">
      <item index="1" value="$4.37" evaluation="1"/>
      <item index="2" value="$3.98" evaluation="3"/>
      <item index="3" value="$3.47" evaluation="4"/>
    </issue>
    <issue index="2" name="Delivery" type="discrete" etype="discrete" vtype="discrete">
      <item index="1" value="60 days" evaluation="2"/>
      <item index="2" value="30 days" evaluation="5"/>
    </issue>
    <weight index="1" value="0.6"/>
    <weight index="2" value="0.4"/>
  </objective>
  <reservation value="0.25"/>
  <discount_factor value="0.9"/>
</utility_space>
`;

/** `text` with `find` replaced by `replacement`, failing loudly if `find` is not there. */
function breaking(text: string, find: string, replacement: string): string {
  expect(text).toContain(find);
  return text.replace(find, replacement);
}

function profileError(xml: string, domain: DomainSpec = parseGeniusDomain(DOMAIN_XML)): ScenarioError {
  return scenarioErrorOf(() => parseGeniusProfile(xml, domain, { id: 'seller', file: 'seller.xml' }));
}

describe('the inline fixture', () => {
  it('imports, so that each test below breaks it in one way only', () => {
    const domainSpec = parseGeniusDomain(DOMAIN_XML, 'domain.xml');
    const { party, reservationValue, discountFactor } = parseGeniusProfile(PROFILE_XML, domainSpec, { id: 'seller', name: 'Seller', file: 'seller.xml' });
    const seller: Party = createParty(createDomain(domainSpec), party);

    expect(domainSpec.issues.map((issue) => issue.id)).toEqual(['Price', 'Delivery']);
    expect(party).toMatchObject({ id: 'seller', name: 'Seller', redLines: [], reservationValue: 0.25 });
    expect(party.preferences).toEqual({
      weights: { Price: 0.6, Delivery: 0.4 },
      values: { Price: { '4.37': 0.25, '3.98': 0.75, '3.47': 1 }, Delivery: { '60-days': 0.4, '30-days': 1 } },
    });
    expect(party.description).toMatch(/^Imported from the GENIUS preference profile seller\.xml/);
    expect([reservationValue, discountFactor]).toEqual([0.25, 0.9]);
    expect(assessOutcome(seller, outcomeFromChoices(seller.domain, { Price: '3.98', Delivery: '60-days' })).utility).toBeCloseTo(0.6 * 0.75 + 0.4 * 0.4, 12);
  });

  it('matches issues by name and items by value when the profile has no indexes (weights keep theirs)', () => {
    // Issues and items without index attributes; the weights still name the domain's issue indexes.
    const unindexed = PROFILE_XML.replace(/<(issue|item) index="\d+"/g, '<$1');
    const { party } = parseGeniusProfile(unindexed, parseGeniusDomain(DOMAIN_XML), { id: 'seller' });

    expect(unindexed).not.toMatch(/<(issue|item) index/);
    expect(party.preferences).toEqual({
      weights: { Price: 0.6, Delivery: 0.4 },
      values: { Price: { '4.37': 0.25, '3.98': 0.75, '3.47': 1 }, Delivery: { '60-days': 0.4, '30-days': 1 } },
    });
  });

  it('matches by name and value against a domain spec that did not come from parseGeniusDomain', () => {
    // A copy has lost the GENIUS indexes kept beside the parsed spec; names still match.
    const copy = createDomain(parseGeniusDomain(DOMAIN_XML)).toJSON();
    const { party } = parseGeniusProfile(PROFILE_XML, copy, { id: 'seller' });

    expect(party.preferences.values['Delivery']).toEqual({ '60-days': 0.4, '30-days': 1 });
    const misspelt = profileError(breaking(PROFILE_XML, 'name="Delivery"', 'name="Delivry"'), copy);
    expect(misspelt.problems.map((problem) => [problem.code, problem.path, problem.suggestion])).toEqual([
      ['unknown-issue', 'utility_space.objective.issue[1].name', 'Delivery'],
      ['missing-value', 'utility_space.objective', undefined],
    ]);
  });

  it('keeps the GENIUS index order of issues', () => {
    const reordered = breaking(DOMAIN_XML, '<issue index="1" name="Price"', '<issue index="3" name="Price"');

    expect(parseGeniusDomain(reordered).issues.map((issue) => issue.id)).toEqual(['Delivery', 'Price']);
  });

  it('makes ids unique when two names slug alike, and falls back to the position for names without letters or digits', () => {
    const spec = parseGeniusDomain(`<negotiation_template><utility_space><objective>
      <issue name="Price"><item value="$4.37"/><item value="4.37"/></issue>
      <issue name="Price!"><item value="$$"/><item value="€"/></issue>
    </objective></utility_space></negotiation_template>`);

    expect(spec.issues.map((issue) => issue.id)).toEqual(['Price', 'Price-2']);
    expect(spec.issues.map((issue) => issue.options.map((option) => option.id))).toEqual([
      ['4.37', '4.37-2'],
      ['item-1', 'item-2'],
    ]);
  });
});

describe('malformed XML is reported with a code, a path inside the XML and the file', () => {
  it('rejects text that is not XML at all', () => {
    const problem = onlyProblem(scenarioErrorOf(() => parseGeniusDomain('{"issues": []}', 'domain.json')));

    expect(problem).toMatchObject({ code: 'invalid-syntax', path: '', file: 'domain.json' });
    expect(problem.message).toBe("not XML (line 1, column 1): char '{' is not expected.");
  });

  it('rejects an empty file', () => {
    const problem = onlyProblem(scenarioErrorOf(() => parseGeniusDomain('  \n', 'empty.xml')));

    expect(problem).toMatchObject({ code: 'invalid-syntax', path: '', file: 'empty.xml', message: 'the file is empty; expected GENIUS XML' });
  });

  it('rejects XML that is not well-formed, with the line and column from the validator', () => {
    const xml = breaking(DOMAIN_XML, '        <item index="2" value="30 days"/>\n', '        <item index="2" value="30 days">\n');
    const error = scenarioErrorOf(() => parseGeniusDomain(xml, 'domain.xml'));
    const problem = onlyProblem(error);

    expect(problem).toMatchObject({ code: 'invalid-syntax', path: '', file: 'domain.xml' });
    expect(problem.message).toMatch(/^not well-formed XML \(line 13, column 7\): Expected closing tag 'item' \(opened in line 12, col 9\) instead of closing tag 'issue'\.$/);
    expect(error.message).toMatch(/^GENIUS domain domain\.xml is invalid \(1 problem\):\n {2}- domain\.xml: not well-formed XML/);
  });

  it('rejects a profile with two root elements', () => {
    const problem = onlyProblem(profileError(`${PROFILE_XML}<utility_space/>`));

    expect(problem).toMatchObject({ code: 'invalid-syntax', path: '', file: 'seller.xml' });
    expect(problem.message).toContain('more than one root element');
  });

  it('names the file only when one was given', () => {
    const problem = onlyProblem(scenarioErrorOf(() => parseGeniusDomain('not xml')));

    expect(problem.file).toBeUndefined();
    expect(formatProblem(problem)).toBe("not XML (line 1, column 1): char 'n' is not expected.");
  });
});

describe('domain files: missing parts and unsupported issues', () => {
  it('reports a missing <utility_space>', () => {
    const problem = onlyProblem(scenarioErrorOf(() => parseGeniusDomain('<negotiation_template number_of_sessions="1"><agent name="a"/></negotiation_template>', 'domain.xml')));

    expect(problem).toMatchObject({ code: 'invalid-shape', path: 'negotiation_template', file: 'domain.xml' });
    expect(problem.message).toMatch(/^missing <utility_space>: a GENIUS domain holds its issues in <negotiation_template><utility_space><objective><issue>$/);
  });

  it('reports a missing <objective>', () => {
    const problem = onlyProblem(scenarioErrorOf(() => parseGeniusDomain('<negotiation_template><utility_space number_of_issues="0"/></negotiation_template>')));

    expect(problem).toMatchObject({ code: 'invalid-shape', path: 'negotiation_template.utility_space' });
    expect(problem.message).toMatch(/^missing <objective>/);
  });

  it('reports an objective without issues', () => {
    const problem = onlyProblem(scenarioErrorOf(() => parseGeniusDomain('<negotiation_template><utility_space><objective index="0" name="root"></objective></utility_space></negotiation_template>')));

    expect(problem).toMatchObject({ code: 'invalid-shape', path: 'negotiation_template.utility_space.objective' });
    expect(problem.message).toMatch(/^missing <issue>: the <objective> has no issues/);
  });

  it('rejects integer and real issues as unsupported', () => {
    const xml = breaking(
      DOMAIN_XML,
      '<issue index="2" name="Delivery" type="discrete" etype="discrete" vtype="discrete">',
      '<issue index="2" name="Delivery" etype="integer" type="integer" vtype="integer" lowerbound="0" upperbound="60">',
    ).replace('<issue index="1" name="Price" type="discrete" etype="discrete" vtype="discrete">', '<issue index="1" name="Price" etype="real" vtype="real">');
    const error = scenarioErrorOf(() => parseGeniusDomain(xml, 'domain.xml'));

    expect(error.problems).toEqual([
      {
        code: 'unsupported',
        path: 'negotiation_template.utility_space.objective.issue[0].etype',
        file: 'domain.xml',
        message: 'issue "Price" is etype="real": unsupported: only discrete issues are imported (integer and real issues have no finite list of options)',
      },
      {
        code: 'unsupported',
        path: 'negotiation_template.utility_space.objective.issue[1].type',
        file: 'domain.xml',
        message: 'issue "Delivery" is type="integer": unsupported: only discrete issues are imported (integer and real issues have no finite list of options)',
      },
    ]);
  });

  it('rejects nested objectives as unsupported', () => {
    const xml = breaking(DOMAIN_XML, '    </objective>', '      <objective index="3" name="Terms" type="objective" etype="objective"/>\n    </objective>');
    const problem = onlyProblem(scenarioErrorOf(() => parseGeniusDomain(xml)));

    expect(problem).toMatchObject({ code: 'unsupported', path: 'negotiation_template.utility_space.objective.objective' });
    expect(problem.message).toMatch(/^unsupported: nested objectives are not imported/);
  });

  it('rejects a profile passed as a domain', () => {
    const problem = onlyProblem(scenarioErrorOf(() => parseGeniusDomain(PROFILE_XML)));

    expect(problem).toMatchObject({ code: 'invalid-shape', path: '' });
    expect(problem.message).toBe('expected <negotiation_template> at the root of a GENIUS domain file; this looks like a GENIUS preference profile, not a domain');
  });

  it('reports an issue with one item, a nameless item and a repeated index', () => {
    const xml = breaking(DOMAIN_XML, '<item index="2" value="30 days"/>', '').replace('<item index="3" value="$3.47"/>', '<item index="2" value=" "/>');
    const error = scenarioErrorOf(() => parseGeniusDomain(xml));

    expect(error.problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['invalid-shape', 'negotiation_template.utility_space.objective.issue[0].item[2].value'],
      ['duplicate-id', 'negotiation_template.utility_space.objective.issue[0].item[2]'],
      ['invalid-shape', 'negotiation_template.utility_space.objective.issue[1]'],
    ]);
    expect(error.problems[2]!.message).toBe('issue "Delivery" has 1 <item>; an issue needs at least two options');
  });
});

describe('profiles: unsupported spaces', () => {
  it('rejects a non-linear space by its type', () => {
    const problem = onlyProblem(profileError(breaking(PROFILE_XML, '<utility_space>', '<utility_space type="nonlinear">')));

    expect(problem).toMatchObject({ code: 'unsupported', path: 'utility_space.type', file: 'seller.xml' });
    expect(problem.message).toBe(
      'unsupported: utility space type "nonlinear"; only linear additive profiles (no type, type="LINEAR" or type="UNCERTAIN") are imported, not non-linear (hyper-rectangle) or constraint spaces',
    );
  });

  it('rejects hyper-rectangle utility functions even without a type', () => {
    const xml = breaking(
      PROFILE_XML,
      '  <reservation value="0.25"/>',
      '  <utility maxutility="100"><ufun type="PLAIN" weight="1" aggregation="SUM"><hyperRectangle utility_function_weight="10"><INCLUDES index="1" min="1" max="2"/></hyperRectangle></ufun></utility>\n  <reservation value="0.25"/>',
    );
    const problem = onlyProblem(profileError(xml));

    expect(problem).toMatchObject({ code: 'unsupported', path: 'utility_space.utility', file: 'seller.xml' });
    expect(problem.message).toContain('non-additive GENIUS utility space (hyper-rectangles or constraints)');
  });

  it('rejects a domain file passed as a profile', () => {
    const problem = onlyProblem(profileError(DOMAIN_XML));

    expect(problem).toMatchObject({ code: 'invalid-shape', path: '', message: 'expected <utility_space> at the root of a GENIUS preference profile; this looks like a GENIUS domain file, not a preference profile' });
  });

  it('rejects a real issue in a profile', () => {
    const xml = breaking(PROFILE_XML, '<issue index="2" name="Delivery" type="discrete" etype="discrete" vtype="discrete">', '<issue index="2" name="Delivery" type="real" etype="real" vtype="real">');
    const error = profileError(xml);

    expect(error.problems[0]).toMatchObject({ code: 'unsupported', path: 'utility_space.objective.issue[1].type' });
    expect(error.problems[0]!.message).toContain('unsupported: only discrete issues are imported');
  });

  it('reports a profile without <objective>', () => {
    const problem = onlyProblem(profileError('<utility_space><reservation value="0"/></utility_space>'));

    expect(problem).toMatchObject({ code: 'invalid-shape', path: 'utility_space', message: 'missing <objective>: a GENIUS profile holds its weights and issues in <utility_space><objective>' });
  });
});

describe('profiles: weights', () => {
  it('reports a missing weight', () => {
    const problem = onlyProblem(profileError(breaking(PROFILE_XML, '<weight index="2" value="0.4"/>', '')));

    expect(problem).toMatchObject({ code: 'invalid-weight', path: 'utility_space.objective', file: 'seller.xml' });
    expect(problem.message).toBe('missing weight: no <weight> for issue "Delivery" (index 2); give it a weight ≥ 0');
  });

  it('reports a negative weight', () => {
    const problem = onlyProblem(profileError(breaking(PROFILE_XML, '<weight index="2" value="0.4"/>', '<weight index="2" value="-0.4"/>')));

    expect(problem).toMatchObject({ code: 'invalid-weight', path: 'utility_space.objective.weight[1].value', message: 'the weight of issue 2 must be ≥ 0, not -0.4' });
  });

  it('reports a weight without a value and one that is not a number', () => {
    const xml = breaking(PROFILE_XML, '<weight index="1" value="0.6"/>', '<weight index="1"/>').replace('value="0.4"/>', 'value="0,4"/>');
    const error = profileError(xml);

    expect(error.problems).toEqual([
      { code: 'invalid-weight', path: 'utility_space.objective.weight[0].value', file: 'seller.xml', message: 'the <weight> of issue 1 has no value; give a number ≥ 0' },
      { code: 'invalid-weight', path: 'utility_space.objective.weight[1].value', file: 'seller.xml', message: 'the weight of issue 2 must be a number ≥ 0, not "0,4"' },
    ]);
  });

  it('reports a weight for an issue the domain lacks', () => {
    const problem = onlyProblem(profileError(breaking(PROFILE_XML, '<weight index="2" value="0.4"/>', '<weight index="2" value="0.4"/>\n    <weight index="7" value="0.1"/>')));

    expect(problem).toMatchObject({ code: 'unknown-issue', path: 'utility_space.objective.weight[2].index', file: 'seller.xml' });
    expect(problem.message).toBe('a weight for issue 7, which the domain lacks; its issues are 1 "Price", 2 "Delivery"');
  });

  it('reports weights that are all 0', () => {
    const problem = onlyProblem(profileError(breaking(PROFILE_XML, 'value="0.6"', 'value="0"').replace('value="0.4"', 'value="0.0"')));

    expect(problem).toMatchObject({ code: 'invalid-weight', path: 'utility_space.objective.weight', message: 'every weight is 0; at least one issue needs a positive weight' });
  });

  it('divides weights that do not sum to 1 by their sum, and notes the raw sum rather than failing', () => {
    const { party } = parseGeniusProfile(breaking(PROFILE_XML, 'value="0.6"', 'value="3"').replace('value="0.4"', 'value="1"'), parseGeniusDomain(DOMAIN_XML), { id: 'seller' });

    expect(party.preferences.weights).toEqual({ Price: 0.75, Delivery: 0.25 });
    expect(party.description).toContain('Its weights summed to 4 and were divided by that sum.');
  });
});

describe('profiles: evaluations and items', () => {
  it('reports an evaluation that is not a number', () => {
    const problem = onlyProblem(profileError(breaking(PROFILE_XML, 'value="$3.98" evaluation="3"', 'value="$3.98" evaluation="three"')));

    expect(problem).toMatchObject({ code: 'invalid-value', path: 'utility_space.objective.issue[0].item[1].evaluation', file: 'seller.xml' });
    expect(problem.message).toBe('the evaluation of item "$3.98" of issue "Price" must be a number ≥ 0, not "three"');
  });

  it('reports a negative evaluation', () => {
    const problem = onlyProblem(profileError(breaking(PROFILE_XML, 'value="60 days" evaluation="2"', 'value="60 days" evaluation="-2"')));

    expect(problem).toMatchObject({ code: 'invalid-value', path: 'utility_space.objective.issue[1].item[0].evaluation', message: 'the evaluation of item "60 days" of issue "Delivery" must be ≥ 0, not -2' });
  });

  it('reports a missing evaluation', () => {
    const problem = onlyProblem(profileError(breaking(PROFILE_XML, 'value="$3.47" evaluation="4"', 'value="$3.47"')));

    expect(problem).toMatchObject({ code: 'missing-value', path: 'utility_space.objective.issue[0].item[2].evaluation' });
  });

  it('reports an issue whose evaluations are all 0, which cannot be normalised', () => {
    const problem = onlyProblem(profileError(breaking(PROFILE_XML, 'evaluation="2"', 'evaluation="0"').replace('evaluation="5"', 'evaluation="0.0"')));

    expect(problem).toMatchObject({ code: 'invalid-value', path: 'utility_space.objective.issue[1]', file: 'seller.xml' });
    expect(problem.message).toBe('every evaluation of issue "Delivery" is 0, so they cannot be normalised (GENIUS divides by the largest); give the best option a positive evaluation');
  });

  it('reports an item the domain lacks, by index', () => {
    const problem = onlyProblem(profileError(breaking(PROFILE_XML, '<item index="2" value="30 days" evaluation="5"/>', '<item index="2" value="30 days" evaluation="5"/>\n      <item index="3" value="20 days" evaluation="9"/>')));

    expect(problem).toMatchObject({ code: 'unknown-option', path: 'utility_space.objective.issue[1].item[2].index', file: 'seller.xml' });
    expect(problem.message).toBe('issue "Delivery" of the domain has no item with index 3 (this profile calls it "20 days"); its items are 1 "60 days", 2 "30 days"');
  });

  it('reports an item the domain lacks, by value, suggesting the likely one when there are no indexes', () => {
    const problem = onlyProblem(profileError(breaking(PROFILE_XML, '<item index="2" value="$3.98" evaluation="3"/>', '<item value="$3.99" evaluation="3"/>')));

    expect(problem).toMatchObject({ code: 'unknown-option', path: 'utility_space.objective.issue[0].item[1].value', suggestion: '$3.98' });
    expect(problem.message).toBe('issue "Price" of the domain has no item "$3.99"');
  });

  it('reports an item whose value disagrees with the domain item of the same index', () => {
    const problem = onlyProblem(profileError(breaking(PROFILE_XML, 'value="60 days"', 'value="90 days"')));

    expect(problem).toMatchObject({ code: 'domain-mismatch', path: 'utility_space.objective.issue[1].item[0].value' });
    expect(problem.message).toBe('item 1 of issue "Delivery" is "60 days" in the domain but "90 days" here; is this profile for another domain?');
  });

  it('reports a domain item the profile does not evaluate', () => {
    const problem = onlyProblem(profileError(breaking(PROFILE_XML, '<item index="3" value="$3.47" evaluation="4"/>', '')));

    expect(problem).toMatchObject({ code: 'missing-value', path: 'utility_space.objective.issue[0]', message: 'issue "Price" has no <item> for "$3.47"; evaluate every option of the domain' });
  });

  it('reports a domain issue the profile does not evaluate', () => {
    const xml = breaking(PROFILE_XML, /<issue index="2"[^]*?<\/issue>/.exec(PROFILE_XML)![0], '').replace('<weight index="2" value="0.4"/>', '');
    const problem = onlyProblem(profileError(xml));

    expect(problem).toMatchObject({ code: 'missing-value', path: 'utility_space.objective', file: 'seller.xml' });
    expect(problem.message).toBe('the profile does not evaluate the domain\'s issue "Delivery" (index 2); add an <issue> for it');
  });

  it('reports an issue index the domain lacks, and an issue whose name disagrees with the domain', () => {
    const xml = breaking(PROFILE_XML, '<issue index="1" name="Price"', '<issue index="1" name="Cost"').replace('<issue index="2" name="Delivery"', '<issue index="5" name="Delivery"');
    const error = profileError(xml);

    expect(error.problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['domain-mismatch', 'utility_space.objective.issue[0].name'],
      ['unknown-issue', 'utility_space.objective.issue[1].index'],
      ['missing-value', 'utility_space.objective'],
    ]);
    expect(error.problems[0]!.message).toBe('issue 1 is "Price" in the domain but "Cost" here; is this profile for another domain?');
    expect(error.problems[1]!.message).toBe('the domain has no issue with index 5 (this profile calls it "Delivery"); its issues are 1 "Price", 2 "Delivery"');
  });
});

describe('profiles: reservation value and discount factor', () => {
  it('reports a reservation value that is not a number in [0, 1]', () => {
    const error = profileError(breaking(PROFILE_XML, '<reservation value="0.25"/>', '<reservation value="1.5"/>'));
    const unreadable = profileError(breaking(PROFILE_XML, '<reservation value="0.25"/>', '<reservation value="high"/>'));
    const missing = profileError(breaking(PROFILE_XML, '<reservation value="0.25"/>', '<reservation/>'));

    expect(onlyProblem(error)).toMatchObject({ code: 'invalid-value', path: 'utility_space.reservation.value', message: 'the reservation value must be in [0, 1] (utilities are), not 1.5' });
    expect(onlyProblem(unreadable)).toMatchObject({ code: 'invalid-value', path: 'utility_space.reservation.value' });
    expect(onlyProblem(missing)).toMatchObject({ code: 'missing-value', path: 'utility_space.reservation.value' });
  });

  it('reports a discount factor outside [0, 1]', () => {
    const problem = onlyProblem(profileError(breaking(PROFILE_XML, '<discount_factor value="0.9"/>', '<discount_factor value="1.5"/>')));

    expect(problem).toMatchObject({ code: 'invalid-value', path: 'utility_space.discount_factor.value', message: 'the discount factor must be in [0, 1], not 1.5 (GENIUS would discard it and not discount)' });
  });

  it('lists every problem of a profile at once', () => {
    const xml = breaking(PROFILE_XML, 'evaluation="1"', 'evaluation="-1"').replace('value="0.4"', 'value="x"').replace('<reservation value="0.25"/>', '<reservation value="2"/>');
    const error = profileError(xml);

    expect(error.problems.map((problem) => problem.code).sort()).toEqual(['invalid-value', 'invalid-value', 'invalid-weight']);
    expect(error.problems.every((problem) => problem.file === 'seller.xml')).toBe(true);
    expect(error.message).toMatch(/^GENIUS profile seller\.xml is invalid \(3 problems\):/);
  });
});

describe('loadGeniusScenario', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'parley-genius-'));
    dirs.push(dir);
    return dir;
  }

  it('reports every broken file at once, each by its name relative to the domain file', async () => {
    const dir = tempDir();
    copyFileSync(geniusFile('laptop/laptop_domain.xml'), join(dir, 'laptop_domain.xml'));
    copyFileSync(geniusFile('laptop/laptop_buyer_utility.xml'), join(dir, 'buyer.xml'));
    writeFileSync(join(dir, 'seller.xml'), readGenius('laptop/laptop_seller_utility.xml').replace('evaluation="3" description="quality laptop"', 'evaluation="lots" description="quality laptop"'));

    const error: unknown = await loadGeniusScenario(join(dir, 'laptop_domain.xml'), [join(dir, 'buyer.xml'), join(dir, 'seller.xml'), join(dir, 'missing.xml')]).then(
      () => undefined,
      (rejection: unknown) => rejection,
    );

    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).problems).toEqual([
      { code: 'missing-file', path: '', file: 'missing.xml', message: `cannot read ${join(dir, 'missing.xml')}; check the file name` },
      {
        code: 'invalid-value',
        path: 'utility_space.objective.issue[0].item[1].evaluation',
        file: 'seller.xml',
        message: 'the evaluation of item "Macintosh" of issue "Laptop" must be a number ≥ 0, not "lots"',
      },
    ]);
  });

  it('reports a broken domain file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'domain.xml'), '<negotiation_template>\n  <utility_space>\n</negotiation_template>\n');
    copyFileSync(geniusFile('laptop/laptop_buyer_utility.xml'), join(dir, 'buyer.xml'));

    const error: unknown = await loadGeniusScenario(join(dir, 'domain.xml'), [join(dir, 'buyer.xml')]).then(
      () => undefined,
      (rejection: unknown) => rejection,
    );

    expect(error).toBeInstanceOf(ScenarioError);
    const problem = onlyProblem(error as ScenarioError);
    expect(problem).toMatchObject({ code: 'invalid-syntax', file: 'domain.xml', path: '' });
    expect(problem.message).toMatch(/^not well-formed XML \(line 3, column \d+\): Expected closing tag 'utility_space'/);
  });

  it('gives parties unique ids when two profile files share a name', async () => {
    const dir = tempDir();
    copyFileSync(geniusFile('laptop/laptop_buyer_utility.xml'), join(dir, 'laptop_buyer_utility.xml'));

    const { scenario } = await loadGeniusScenario(geniusFile('laptop/laptop_domain.xml'), [geniusFile('laptop/laptop_buyer_utility.xml'), join(dir, 'laptop_buyer_utility.xml')]);

    expect(scenario.parties.map((party) => party.id)).toEqual(['laptop_buyer_utility', 'laptop_buyer_utility-2']);
  });
});
