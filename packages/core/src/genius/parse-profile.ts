/**
 * Import of GENIUS linear-additive preference profiles (`<utility_space>` files) against a
 * domain, as Parley parties.
 *
 * Pure: it takes XML text and returns Parley specs, so it runs anywhere.
 *
 * The utility model follows GENIUS's `AdditiveUtilitySpace` and `EvaluatorDiscrete`
 * (genius.core 10): the utility of an outcome is Σ weight(issue) × value(option), where an
 * option's value is its `evaluation` divided by the largest evaluation of its issue. That is
 * exactly Parley's additive model once the evaluations are divided out, so a GENIUS profile
 * becomes a party with weights and option values and no red lines.
 */
import type { ScenarioError } from '../model/errors.js';
import { ProblemList, formatPath, likelyIntended } from '../model/problems.js';
import { setOwnValue } from '../model/own-key.js';
import type { DomainSpec, IssueSpec, PartySpec } from '../model/specs.js';
import { geniusIndexesOf, readIssues, type GeniusIssue, type GeniusItem, type parseGeniusDomain } from './parse-domain.js';
import {
  elementsOf,
  findDescendant,
  indexAttribute,
  invalid,
  numberAttribute,
  optionalSingle,
  readXml,
  single,
  textAttribute,
  type XmlElement,
} from './xml-elements.js';

/**
 * A GENIUS preference profile as a Parley party, plus the two numbers GENIUS keeps beside
 * the utility function.
 */
export interface GeniusProfile {
  /** The party: weights and option values of the profile, its reservation value, no red lines. */
  readonly party: PartySpec;
  /**
   * GENIUS's discount factor δ in (0, 1]: an agreement reached at normalised time t is
   * worth utility × δ^t. 1 (no discounting) when the profile has none. Parley's assessment
   * does not model time, so it is returned here rather than applied.
   */
  readonly discountFactor: number;
  /** The profile's reservation value (the same number as `party.reservationValue`). */
  readonly reservationValue: number;
}

/** How to name the party made from a profile. */
export interface GeniusProfileOptions {
  /** The party id, e.g. `cypress`. */
  readonly id: string;
  /** The party's display name; defaults to `id`. */
  readonly name?: string;
  /** The file the XML came from: problems name it, and the party description mentions it. */
  readonly file?: string;
}

/**
 * Reads a GENIUS linear-additive preference profile (`<utility_space><objective>` with
 * `<weight>`s and `<issue>`s whose `<item>`s carry `evaluation`s) against `domain`.
 *
 * Semantics are GENIUS's: an option's value is its evaluation ÷ the largest evaluation of
 * its issue, so the best option of every issue is worth 1; weights come from
 * `<weight index=… value=…>`, keyed by issue index, and are divided by their sum (a sum
 * other than 1 is mentioned in the party's description, not rejected: GENIUS itself only
 * warns); the reservation value comes from `<reservation value=…>` (default 0) and the
 * discount factor from `<discount_factor value=…>` (default 1; GENIUS reads 0 as "no
 * discounting", and so does this).
 *
 * Profile issues and items are matched to the domain's by their GENIUS `index` when both
 * sides have one (as GENIUS matches issues), else by name and value; either way the names
 * must agree. Indexes are known for a spec returned by {@link parseGeniusDomain}; for any
 * other `DomainSpec` (or a copy of one) matching is by name and value.
 *
 * Profiles of `type="UNCERTAIN"` are imported: such a file holds a complete additive
 * utility function, and the uncertainty is only in what a GENIUS agent is shown of it (a
 * ranking of a few bids). Parley models what a party actually prefers, which is that
 * function; the description notes the uncertainty. Other types (`NONLINEAR`,
 * `CONSTRAINT`) and hyper-rectangle or constraint elements are rejected as `unsupported`.
 *
 * Throws a {@link ScenarioError} listing every problem with its path inside the XML
 * (`utility_space.objective.issue[2].item[4].evaluation`) and `options.file` when given.
 *
 * @example
 * ```ts
 * const domain = parseGeniusDomain(readFileSync('ItexvsCypress_domain.xml', 'utf8'));
 * const { party, reservationValue } = parseGeniusProfile(readFileSync('ItexvsCypress_Itex50.xml', 'utf8'), domain, { id: 'itex', name: 'Itex' });
 * reservationValue; // 0.366869
 * party.preferences.values['Price']; // { '4.37': 1, '4.12': 0.666…, '3.98': 0.333…, '3.71': 0.1666…, '3.47': 0.0333… }
 * const scenario = createScenario({ id: 'itex-cypress', title: 'Itex vs Cypress', domain, parties: [party], plans: [] });
 * ```
 */
export function parseGeniusProfile(xml: string, domain: DomainSpec, options: GeniusProfileOptions): GeniusProfile {
  const problems = new ProblemList();
  const root = readXml(xml, problems);
  const profile = root === undefined ? undefined : readProfile(root, domain, options, problems);
  if (profile === undefined || !problems.isEmpty) {
    throw invalid(`GENIUS profile ${options.file ?? `"${options.id}"`}`, problems, options.file);
  }
  return profile;
}

// ---------------------------------------------------------------------------------------
// Profile files

// Elements of GENIUS's non-additive utility spaces (NonlinearUtilitySpace's hyper-rectangle
// functions, ConstraintUtilitySpace's constraints). Compared in lower case.
const NON_ADDITIVE_TAGS = new Set(['utility', 'ufun', 'hyperrectangle', 'includes', 'excludes', 'constraint', 'rconstraint', 'zerooutcomeconstraint']);

interface DomainIssueRef {
  readonly spec: IssueSpec;
  /** GENIUS index, when the domain spec came from {@link parseGeniusDomain}. */
  readonly index: number | undefined;
  readonly itemIndexes: readonly (number | undefined)[];
}

function readProfile(root: XmlElement, domain: DomainSpec, options: GeniusProfileOptions, problems: ProblemList): GeniusProfile | undefined {
  if (root.tag !== 'utility_space') {
    const hint = root.tag === 'negotiation_template' ? 'this looks like a GENIUS domain file, not a preference profile' : `found <${root.tag}>`;
    problems.add('invalid-shape', [], `expected <utility_space> at the root of a GENIUS preference profile; ${hint}`);
    return undefined;
  }
  const notes: string[] = [];
  checkAdditive(root, problems, notes);
  const reservation = readReservation(root, problems);
  const discountFactor = readDiscountFactor(root, problems, notes);
  const objective = single(root, 'objective', problems, 'a GENIUS profile holds its weights and issues in <utility_space><objective>');
  if (objective === undefined) return undefined;

  const indexes = geniusIndexesOf(domain);
  const domainIssues: DomainIssueRef[] = domain.issues.map((spec, position) => ({
    spec,
    index: indexes?.[position]?.index,
    itemIndexes: indexes?.[position]?.items ?? [],
  }));
  const evaluations = readEvaluations(readIssues(objective, problems), domainIssues, objective, problems);
  const weights = readWeights(objective, domainIssues, evaluations, problems);
  if (!problems.isEmpty) return undefined;

  // Every check passed: every domain issue has evaluations and a weight.
  let total = 0;
  for (const weight of weights.values()) total += weight;
  if (total <= 0) {
    problems.add('invalid-weight', [...objective.path, 'weight'], 'every weight is 0; at least one issue needs a positive weight');
    return undefined;
  }
  if (Math.abs(total - 1) > 1e-6) notes.push(`Its weights summed to ${total} and were divided by that sum.`);

  const partyWeights: Record<string, number> = {};
  const partyValues: Record<string, Record<string, number>> = {};
  domainIssues.forEach((issue, position) => {
    const table = evaluations.get(position)!;
    const best = Math.max(...table.values());
    setOwnValue(partyWeights, issue.spec.id, weights.get(position)! / total);
    setOwnValue(partyValues, issue.spec.id, Object.fromEntries(issue.spec.options.map((option, k) => [option.id, table.get(k)! / best])));
  });

  const source = options.file === undefined ? 'a GENIUS preference profile' : `the GENIUS preference profile ${options.file}`;
  const party: PartySpec = {
    id: options.id,
    name: options.name ?? options.id,
    description: [
      `Imported from ${source}: linear additive utility, each option worth its evaluation divided by the largest evaluation of its issue; no red lines (GENIUS knows only a reservation value).`,
      ...notes,
    ].join(' '),
    redLines: [],
    preferences: { weights: partyWeights, values: partyValues },
    reservationValue: reservation.value,
    reservationNote: reservation.note,
  };
  return { party, discountFactor, reservationValue: reservation.value };
}

/** Rejects non-additive utility spaces; notes an UNCERTAIN one (see parseGeniusProfile). */
function checkAdditive(root: XmlElement, problems: ProblemList, notes: string[]): void {
  const type = textAttribute(root, 'type');
  const kind = type?.toUpperCase() ?? 'LINEAR';
  if (kind === 'UNCERTAIN') {
    const comparisons = elementsOf(root, 'comparisons')[0];
    const count = comparisons === undefined || comparisons.text === '' ? '' : ` (${comparisons.text} comparisons)`;
    notes.push(
      `GENIUS marks it type="UNCERTAIN": a GENIUS agent is shown only a ranking of some bids${count}; the complete additive utility function in the file is what is imported.`,
    );
  } else if (kind !== 'LINEAR') {
    problems.add(
      'unsupported',
      ['utility_space', 'type'],
      `unsupported: utility space type "${type}"; only linear additive profiles (no type, type="LINEAR" or type="UNCERTAIN") are imported, not non-linear (hyper-rectangle) or constraint spaces`,
    );
    return;
  }
  const marker = findDescendant(root, (element) => NON_ADDITIVE_TAGS.has(element.tag.toLowerCase()));
  if (marker !== undefined) {
    problems.add(
      'unsupported',
      marker.path,
      `unsupported: <${marker.tag}> belongs to a non-additive GENIUS utility space (hyper-rectangles or constraints); only linear additive profiles are imported`,
    );
  }
}

function readReservation(root: XmlElement, problems: ProblemList): { value: number; note: string } {
  const element = optionalSingle(root, 'reservation', problems);
  if (element === undefined) return { value: 0, note: 'The GENIUS profile has no <reservation>; 0 is GENIUS\'s default.' };
  const value = numberAttribute(element, 'value');
  const path = [...element.path, 'value'];
  if (value === 'missing') problems.add('missing-value', path, '<reservation> needs a value attribute: the reservation value in [0, 1]');
  else if (value === 'not-a-number') problems.add('invalid-value', path, `the reservation value must be a number in [0, 1], not "${element.attributes.get('value')}"`);
  else if (value < 0 || value > 1) problems.add('invalid-value', path, `the reservation value must be in [0, 1] (utilities are), not ${value}`);
  else return { value, note: `From <reservation value="${element.attributes.get('value')?.trim()}"> in the GENIUS profile.` };
  return { value: 0, note: '' };
}

function readDiscountFactor(root: XmlElement, problems: ProblemList, notes: string[]): number {
  const element = optionalSingle(root, 'discount_factor', problems);
  if (element === undefined) return 1;
  const value = numberAttribute(element, 'value');
  const path = [...element.path, 'value'];
  if (value === 'missing') problems.add('missing-value', path, '<discount_factor> needs a value attribute in [0, 1]');
  else if (value === 'not-a-number') problems.add('invalid-value', path, `the discount factor must be a number in [0, 1], not "${element.attributes.get('value')}"`);
  else if (value < 0 || value > 1) problems.add('invalid-value', path, `the discount factor must be in [0, 1], not ${value} (GENIUS would discard it and not discount)`);
  else if (value === 0) {
    // GENIUS's convention (AbstractUtilitySpace.validateDiscount): 0 means no discounting.
    notes.push('Its discount factor 0 means no discounting in GENIUS, so it is 1 here.');
    return 1;
  } else {
    if (value < 1) notes.push(`GENIUS discounts it over time by a factor ${value}, which Parley does not model (see GeniusProfile.discountFactor).`);
    return value;
  }
  return 1;
}

/**
 * Matches the profile's issues and items to the domain's and reads their evaluations.
 * Returns, per domain issue position, the evaluation of each option position.
 */
function readEvaluations(
  issues: readonly GeniusIssue[],
  domainIssues: readonly DomainIssueRef[],
  objective: XmlElement,
  problems: ProblemList,
): Map<number, Map<number, number>> {
  const evaluations = new Map<number, Map<number, number>>();
  const matchedBy = new Map<number, GeniusIssue>();
  for (const issue of issues) {
    // Evaluations are checked even when the issue matches nothing, so that one run of the
    // importer shows every problem.
    const numbers = issue.items.map((item) => readEvaluation(item, issue, problems));
    const position = matchIssue(issue, domainIssues, problems);
    if (position === undefined) continue;
    const first = matchedBy.get(position);
    if (first !== undefined) {
      problems.add('duplicate-id', issue.element.path, `this <issue> and the one at ${formatPath(first.element.path)} both evaluate the domain's issue "${domainIssues[position]!.spec.label}"; keep one`);
      continue;
    }
    matchedBy.set(position, issue);
    const domainIssue = domainIssues[position]!;
    const table = new Map<number, number>();
    let allMatched = true;
    issue.items.forEach((item, k) => {
      const option = matchItem(item, issue, domainIssue, problems);
      if (option === undefined) {
        allMatched = false;
      } else if (table.has(option)) {
        problems.add('duplicate-id', item.element.path, `option "${domainIssue.spec.options[option]!.label}" of issue "${issue.name}" is evaluated twice; keep one <item>`);
      } else {
        table.set(option, numbers[k] ?? Number.NaN);
      }
    });
    const missing = domainIssue.spec.options.filter((_, k) => !table.has(k));
    const values = [...table.values()];
    if (allMatched && missing.length > 0) {
      problems.add(
        'missing-value',
        issue.element.path,
        `issue "${issue.name}" has no <item> for ${missing.map((option) => `"${option.label}"`).join(', ')}; evaluate every option of the domain`,
      );
    } else if (values.length > 0 && values.every((value) => value === 0)) {
      problems.add(
        'invalid-value',
        issue.element.path,
        `every evaluation of issue "${issue.name}" is 0, so they cannot be normalised (GENIUS divides by the largest); give the best option a positive evaluation`,
      );
    }
    evaluations.set(position, table);
  }
  domainIssues.forEach((domainIssue, position) => {
    if (!matchedBy.has(position)) {
      problems.add('missing-value', objective.path, `the profile does not evaluate the domain's issue "${domainIssue.spec.label}"${describeIndex(domainIssue.index)}; add an <issue> for it`);
    }
  });
  return evaluations;
}

/** An item's evaluation: a number ≥ 0, or NaN after reporting why not. */
function readEvaluation(item: GeniusItem, issue: GeniusIssue, problems: ProblemList): number {
  const evaluation = numberAttribute(item.element, 'evaluation');
  const path = [...item.element.path, 'evaluation'];
  if (evaluation === 'missing') {
    problems.add('missing-value', path, `item "${item.value}" of issue "${issue.name}" has no evaluation; give it a number ≥ 0`);
  } else if (evaluation === 'not-a-number') {
    problems.add('invalid-value', path, `the evaluation of item "${item.value}" of issue "${issue.name}" must be a number ≥ 0, not "${item.element.attributes.get('evaluation')}"`);
  } else if (evaluation < 0) {
    problems.add('invalid-value', path, `the evaluation of item "${item.value}" of issue "${issue.name}" must be ≥ 0, not ${evaluation}`);
  } else {
    return evaluation;
  }
  return Number.NaN;
}

/** The domain position of a profile issue: by GENIUS index when both sides have one, else by name. */
function matchIssue(issue: GeniusIssue, domainIssues: readonly DomainIssueRef[], problems: ProblemList): number | undefined {
  const byIndex = issue.index !== undefined && domainIssues.some((candidate) => candidate.index !== undefined);
  if (byIndex) {
    const position = domainIssues.findIndex((candidate) => candidate.index === issue.index);
    const found = domainIssues[position];
    if (found === undefined) {
      problems.add(
        'unknown-issue',
        [...issue.element.path, 'index'],
        `the domain has no issue with index ${issue.index} (this profile calls it "${issue.name}"); its issues are ${domainIssues.map((candidate) => `${candidate.index} "${candidate.spec.label}"`).join(', ')}`,
      );
      return undefined;
    }
    if (found.spec.label !== issue.name) {
      problems.add(
        'domain-mismatch',
        [...issue.element.path, 'name'],
        `issue ${issue.index} is "${found.spec.label}" in the domain but "${issue.name}" here; is this profile for another domain?`,
      );
    }
    return position;
  }
  const position = domainIssues.findIndex((candidate) => candidate.spec.label === issue.name);
  if (position < 0) {
    const names = domainIssues.map((candidate) => candidate.spec.label);
    const suggestion = likelyIntended(issue.name, names);
    const known = suggestion === undefined ? `; its issues are ${names.map((name) => `"${name}"`).join(', ')}` : '';
    problems.add('unknown-issue', [...issue.element.path, 'name'], `the domain has no issue "${issue.name}"${known}`, suggestion);
    return undefined;
  }
  return position;
}

/** The option position of a profile item: by GENIUS index when both sides have one, else by value. */
function matchItem(item: GeniusItem, issue: GeniusIssue, domainIssue: DomainIssueRef, problems: ProblemList): number | undefined {
  const options = domainIssue.spec.options;
  const byIndex = item.index !== undefined && domainIssue.itemIndexes.some((index) => index !== undefined);
  if (byIndex) {
    const position = domainIssue.itemIndexes.indexOf(item.index);
    const found = options[position];
    if (found === undefined) {
      problems.add(
        'unknown-option',
        [...item.element.path, 'index'],
        `issue "${issue.name}" of the domain has no item with index ${item.index} (this profile calls it "${item.value}"); its items are ${domainIssue.itemIndexes.map((index, k) => `${index} "${options[k]?.label}"`).join(', ')}`,
      );
      return undefined;
    }
    if (found.label !== item.value) {
      problems.add(
        'domain-mismatch',
        [...item.element.path, 'value'],
        `item ${item.index} of issue "${issue.name}" is "${found.label}" in the domain but "${item.value}" here; is this profile for another domain?`,
      );
    }
    return position;
  }
  const position = options.findIndex((option) => option.label === item.value);
  if (position < 0) {
    const values = options.map((option) => option.label);
    const suggestion = likelyIntended(item.value, values);
    const known = suggestion === undefined ? `; its items are ${values.map((value) => `"${value}"`).join(', ')}` : '';
    problems.add('unknown-option', [...item.element.path, 'value'], `issue "${issue.name}" of the domain has no item "${item.value}"${known}`, suggestion);
    return undefined;
  }
  return position;
}

/**
 * The raw weight of each domain issue position, from the `<weight index=… value=…>`
 * elements of the objective. GENIUS keys weights by issue index: the profile's own issue
 * indexes first, then the domain's.
 */
function readWeights(
  objective: XmlElement,
  domainIssues: readonly DomainIssueRef[],
  evaluations: ReadonlyMap<number, unknown>,
  problems: ProblemList,
): Map<number, number> {
  const profileIssues = elementsOf(objective, 'issue');
  const weights = new Map<number, number>();
  for (const element of elementsOf(objective, 'weight')) {
    const index = indexAttribute(element, problems);
    if (index === undefined) {
      if (!element.attributes.has('index')) problems.add('invalid-shape', [...element.path, 'index'], 'a <weight> needs the index of the issue it weighs');
      continue;
    }
    const value = numberAttribute(element, 'value');
    const path = [...element.path, 'value'];
    if (value === 'missing') problems.add('invalid-weight', path, `the <weight> of issue ${index} has no value; give a number ≥ 0`);
    else if (value === 'not-a-number') problems.add('invalid-weight', path, `the weight of issue ${index} must be a number ≥ 0, not "${element.attributes.get('value')}"`);
    else if (value < 0) problems.add('invalid-weight', path, `the weight of issue ${index} must be ≥ 0, not ${value}`);
    const position = weightTarget(index, profileIssues, domainIssues);
    if (position === 'unmatched') continue; // its <issue> is already reported
    if (position === undefined) {
      problems.add(
        'unknown-issue',
        [...element.path, 'index'],
        `a weight for issue ${index}, which the domain lacks; its issues are ${domainIssues.map((issue, k) => `${issue.index ?? k + 1} "${issue.spec.label}"`).join(', ')}`,
      );
      continue;
    }
    if (weights.has(position)) {
      problems.add('duplicate-id', element.path, `issue ${index} ("${domainIssues[position]!.spec.label}") is weighed twice; keep one <weight>`);
      continue;
    }
    if (typeof value === 'number' && value >= 0) weights.set(position, value);
    else weights.set(position, Number.NaN); // reported above; marks the weight as given
  }
  domainIssues.forEach((issue, position) => {
    // An issue the profile does not evaluate is reported once, as missing-value.
    if (!weights.has(position) && evaluations.has(position)) {
      problems.add('invalid-weight', objective.path, `missing weight: no <weight> for issue "${issue.spec.label}"${describeIndex(issue.index)}; give it a weight ≥ 0`);
    }
  });
  return weights;
}

/** The domain position a weight index names, `'unmatched'` for an issue already reported, or undefined. */
function weightTarget(index: number, profileIssues: readonly XmlElement[], domainIssues: readonly DomainIssueRef[]): number | 'unmatched' | undefined {
  const issue = profileIssues.find((element) => {
    const text = element.attributes.get('index')?.trim();
    return text !== undefined && /^\d+$/.test(text) && Number(text) === index;
  });
  if (issue !== undefined) {
    const name = textAttribute(issue, 'name');
    const hasIndexes = domainIssues.some((candidate) => candidate.index !== undefined);
    const position = hasIndexes
      ? domainIssues.findIndex((candidate) => candidate.index === index)
      : domainIssues.findIndex((candidate) => candidate.spec.label === name);
    return position < 0 ? 'unmatched' : position;
  }
  const position = domainIssues.findIndex((candidate) => candidate.index === index);
  return position < 0 ? undefined : position;
}

function describeIndex(index: number | undefined): string {
  return index === undefined ? '' : ` (index ${index})`;
}
