/**
 * Import of GENIUS negotiation domains and linear-additive preference profiles (the XML
 * files of the GENIUS negotiation environment and its ANAC benchmark scenarios).
 *
 * Pure: it takes XML text and returns Parley specs, so it runs anywhere. Reading files is
 * `loadGeniusScenario` in `@parley/core/node`.
 *
 * The utility model follows GENIUS's `AdditiveUtilitySpace` and `EvaluatorDiscrete`
 * (genius.core 10): the utility of an outcome is Σ weight(issue) × value(option), where an
 * option's value is its `evaluation` divided by the largest evaluation of its issue. That is
 * exactly Parley's additive model once the evaluations are divided out, so a GENIUS profile
 * becomes a party with weights and option values and no red lines.
 */
import { XMLParser, XMLValidator, type X2jOptions } from 'fast-xml-parser';
import { ScenarioError, type Problem } from '../errors.js';
import { ProblemList, formatPath, likelyIntended, type PathSegment } from '../problems.js';
import type { DomainSpec, IssueOptionSpec, IssueSpec, PartySpec } from '../specs.js';

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
 * Reads a GENIUS domain file (`<negotiation_template><utility_space><objective><issue>…`)
 * into a Parley {@link DomainSpec}.
 *
 * Every issue must be discrete. Issue ids are slugs of the issue names (`Size of Fund` →
 * `Size-of-Fund`), option ids slugs of the item values (`$4.37` → `4.37`), made unique with
 * a `-2`, `-3`… suffix; labels keep the GENIUS names, and an item's `description` becomes
 * the option's description. Issues and items keep GENIUS's index order. Issues are marked
 * unordered: GENIUS discrete values have no order.
 *
 * Throws a {@link ScenarioError} listing every problem with its path inside the XML
 * (`negotiation_template.utility_space.objective.issue[2].type`) and, when `name` is given,
 * that file name.
 *
 * @param xml - The text of the domain file.
 * @param name - The file name, used in problems.
 *
 * @example
 * ```ts
 * const spec = parseGeniusDomain(readFileSync('laptop_domain.xml', 'utf8'), 'laptop_domain.xml');
 * spec.issues.map((issue) => issue.id); // ['Laptop', 'Harddisk', 'External-Monitor']
 * createDomain(spec).outcomeCount; // 27
 * ```
 */
export function parseGeniusDomain(xml: string, name?: string): DomainSpec {
  const problems = new ProblemList();
  const root = readXml(xml, problems);
  const issues = root === undefined ? [] : readDomainIssues(root, problems);
  if (!problems.isEmpty) throw invalid(name === undefined ? 'The GENIUS domain' : `GENIUS domain ${name}`, problems, name);

  const issueIds = new Set<string>();
  const indexes: DomainIndexes = [];
  const spec: DomainSpec = {
    issues: inIndexOrder(issues).map((issue, position): IssueSpec => {
      const optionIds = new Set<string>();
      const items = inIndexOrder(issue.items);
      indexes.push({ index: issue.index, items: items.map((item) => item.index) });
      return {
        id: uniqueSlug(issue.name, issueIds, `issue-${issue.index ?? position + 1}`),
        label: issue.name,
        ...(issue.description === undefined ? {} : { description: issue.description }),
        ordered: false,
        options: items.map((item, k): IssueOptionSpec => ({
          id: uniqueSlug(item.value, optionIds, `item-${item.index ?? k + 1}`),
          label: item.value,
          ...(item.description === undefined ? {} : { description: item.description }),
        })),
      };
    }),
  };
  geniusIndexes.set(spec, indexes);
  return spec;
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
// XML

/** One XML element, reduced to what the importer reads, with its path for problems. */
interface XmlElement {
  readonly tag: string;
  readonly path: readonly PathSegment[];
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: ReadonlyMap<string, readonly XmlElement[]>;
  /** The element's text content, trimmed. */
  readonly text: string;
}

// Elements that come in lists always get an index in their path (`issue[0]`), even when
// there is only one, so that paths do not change shape with the number of siblings.
const LIST_TAGS = new Set(['issue', 'item', 'weight']);

function parserOptions(): X2jOptions {
  return {
    ignoreAttributes: false,
    // Attributes go under one key that cannot clash with an element name.
    attributeNamePrefix: '',
    attributesGroupName: '@',
    // Numbers are parsed here, not by the parser, to report values that are not numbers.
    parseAttributeValue: false,
    parseTagValue: false,
    alwaysCreateTextNode: true,
    // Every element as a list, so that one and several siblings read alike.
    isArray: (_tag: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
    // XML requires numeric character references (`&#233;`); fast-xml-parser decodes them
    // only with this option (which also knows the HTML named entities).
    htmlEntities: true,
  };
}

/** Validates and parses XML text; on failure adds `invalid-syntax` problems. Returns the root element. */
function readXml(xml: string, problems: ProblemList): XmlElement | undefined {
  const text = xml.replace(/^\uFEFF/, '');
  if (text.trim() === '') {
    problems.add('invalid-syntax', [], 'the file is empty; expected GENIUS XML');
    return undefined;
  }
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) {
    const { line, col, msg } = verdict.err;
    const where = typeof col === 'number' ? `line ${line}, column ${col}` : `line ${line}`;
    const what = /^\s*</.test(text) ? 'not well-formed XML' : 'not XML';
    problems.add('invalid-syntax', [], `${what} (${where}): ${msg}`);
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = new XMLParser(parserOptions()).parse(text);
  } catch (error) {
    // The parser refuses a few names the validator lets through (e.g. `__proto__`).
    problems.add('invalid-syntax', [], `not readable XML: ${(error as Error).message}`);
    return undefined;
  }
  const roots = [...childElements(parsed, []).values()].flat();
  const [root, second] = roots;
  if (root === undefined) {
    problems.add('invalid-syntax', [], 'not XML: there is no root element');
    return undefined;
  }
  if (second !== undefined) {
    problems.add('invalid-syntax', [], `not well-formed XML: more than one root element (<${root.tag}> and <${second.tag}>)`);
    return undefined;
  }
  return root;
}

function childElements(node: unknown, path: readonly PathSegment[]): Map<string, XmlElement[]> {
  const children = new Map<string, XmlElement[]>();
  if (typeof node !== 'object' || node === null) return children;
  for (const [tag, value] of Object.entries(node as Record<string, unknown>)) {
    // `@` holds the attributes, `#text` the text, `?xml` the declaration.
    if (tag === '@' || tag === '#text' || tag.startsWith('?')) continue;
    const list: unknown[] = Array.isArray(value) ? value : [value];
    const indexed = list.length > 1 || LIST_TAGS.has(tag);
    children.set(
      tag,
      list.map((child, k) => toElement(tag, child, indexed ? [...path, tag, k] : [...path, tag])),
    );
  }
  return children;
}

function toElement(tag: string, node: unknown, path: readonly PathSegment[]): XmlElement {
  const record = typeof node === 'object' && node !== null ? (node as Record<string, unknown>) : {};
  const raw = record['@'];
  const attributes = new Map<string, string>();
  if (typeof raw === 'object' && raw !== null) {
    for (const [name, value] of Object.entries(raw as Record<string, unknown>)) attributes.set(name, String(value));
  }
  const text = record['#text'];
  return { tag, path, attributes, children: childElements(node, path), text: typeof text === 'string' ? text.trim() : '' };
}

function elementsOf(parent: XmlElement, tag: string): readonly XmlElement[] {
  return parent.children.get(tag) ?? [];
}

/** The one `<tag>` child of `parent`; reports it missing (with `hint`) or repeated. */
function single(parent: XmlElement, tag: string, problems: ProblemList, hint: string): XmlElement | undefined {
  const found = optionalSingle(parent, tag, problems);
  if (found === undefined) problems.add('invalid-shape', parent.path, `missing <${tag}>: ${hint}`);
  return found;
}

/** The `<tag>` child of `parent` if there is one; reports a second one. */
function optionalSingle(parent: XmlElement, tag: string, problems: ProblemList): XmlElement | undefined {
  const [first, second] = elementsOf(parent, tag);
  if (second !== undefined) {
    problems.add('invalid-shape', second.path, `<${tag}> appears more than once in <${parent.tag}>; keep one`);
  }
  return first;
}

/**
 * Attribute text with whitespace collapsed, as an XML processor normalises attribute values
 * (GENIUS files wrap long descriptions over several lines).
 */
function textAttribute(element: XmlElement, name: string): string | undefined {
  const value = element.attributes.get(name);
  return value === undefined ? undefined : value.replace(/\s+/g, ' ').trim();
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The attribute as a finite decimal number, `'missing'`, or `'not-a-number'`. */
function numberAttribute(element: XmlElement, name: string): number | 'missing' | 'not-a-number' {
  const text = element.attributes.get(name)?.trim();
  if (text === undefined) return 'missing';
  const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
  return Number.isFinite(value) ? value : 'not-a-number';
}

/** The element's `index` attribute: a whole number, or undefined when absent (or reported). */
function indexAttribute(element: XmlElement, problems: ProblemList): number | undefined {
  const text = element.attributes.get('index')?.trim();
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) {
    problems.add('invalid-shape', [...element.path, 'index'], `index must be a whole number ≥ 0, not "${text}"`);
    return undefined;
  }
  return Number(text);
}

function invalid(subject: string, problems: ProblemList, file: string | undefined): ScenarioError {
  const items: Problem[] = file === undefined ? problems.items : problems.items.map((problem) => ({ ...problem, file }));
  return new ScenarioError(subject, items);
}

// ---------------------------------------------------------------------------------------
// Issues, as both domain and profile files write them

interface GeniusItem {
  readonly element: XmlElement;
  readonly index: number | undefined;
  readonly value: string;
  readonly description: string | undefined;
}

interface GeniusIssue {
  readonly element: XmlElement;
  readonly index: number | undefined;
  readonly name: string;
  readonly description: string | undefined;
  readonly items: readonly GeniusItem[];
}

/** The GENIUS indexes of a parsed domain's issues and items, by position in the spec. */
type DomainIndexes = { readonly index: number | undefined; readonly items: readonly (number | undefined)[] }[];

// DomainSpec has no place for GENIUS indexes (and must not grow one), so the indexes of
// the specs made here are kept beside them, for matching profiles by index as GENIUS does.
const geniusIndexes = new WeakMap<DomainSpec, DomainIndexes>();

/**
 * The discrete issues under `objective`. Reports nested objectives and non-discrete
 * issues as unsupported, and nameless issues and items, repeated indexes and names.
 */
function readIssues(objective: XmlElement, problems: ProblemList): GeniusIssue[] {
  for (const nested of elementsOf(objective, 'objective')) {
    problems.add('unsupported', nested.path, 'unsupported: nested objectives are not imported; put every <issue> directly under the root <objective>');
  }
  const elements = elementsOf(objective, 'issue');
  if (elements.length === 0) {
    problems.add('invalid-shape', objective.path, 'missing <issue>: the <objective> has no issues; a GENIUS utility space lists its issues as <issue> elements of <objective>');
  }
  const issues = elements.flatMap((element, position): GeniusIssue[] => {
    const name = textAttribute(element, 'name');
    if (name === undefined || name === '') problems.add('invalid-shape', [...element.path, 'name'], 'an <issue> needs a non-empty name attribute');
    const index = indexAttribute(element, problems);
    if (!isDiscrete(element, name || `#${position + 1}`, problems)) return [];
    const items = elementsOf(element, 'item').map((item): GeniusItem => {
      const value = textAttribute(item, 'value');
      if (value === undefined || value === '') problems.add('invalid-shape', [...item.path, 'value'], 'an <item> needs a non-empty value attribute: the option it stands for');
      const description = textAttribute(item, 'description');
      return { element: item, index: indexAttribute(item, problems), value: value ?? '', description: description === '' ? undefined : description };
    });
    reportRepeats(problems, items, (item) => item.index, 'item index');
    reportRepeats(problems, items, (item) => item.value || undefined, 'item value');
    const description = textAttribute(element, 'description');
    return [{ element, index, name: name ?? '', description: description === '' ? undefined : description, items }];
  });
  reportRepeats(problems, issues, (issue) => issue.index, 'issue index');
  reportRepeats(problems, issues, (issue) => issue.name || undefined, 'issue name');
  return issues;
}

/**
 * Whether the issue is discrete. GENIUS writes the kind in `type`, `etype` and `vtype`
 * (and treats an issue without any as discrete); any of them naming another kind is
 * reported.
 */
function isDiscrete(element: XmlElement, name: string, problems: ProblemList): boolean {
  for (const attribute of ['type', 'etype', 'vtype']) {
    const kind = textAttribute(element, attribute);
    if (kind !== undefined && kind.toLowerCase() !== 'discrete') {
      problems.add(
        'unsupported',
        [...element.path, attribute],
        `issue "${name}" is ${attribute}="${kind}": unsupported: only discrete issues are imported (integer and real issues have no finite list of options)`,
      );
      return false;
    }
  }
  return true;
}

function reportRepeats<T extends { readonly element: XmlElement }>(
  problems: ProblemList,
  list: readonly T[],
  key: (entry: T) => string | number | undefined,
  what: string,
): void {
  const seen = new Map<string | number, T>();
  for (const entry of list) {
    const value = key(entry);
    if (value === undefined) continue;
    const first = seen.get(value);
    if (first === undefined) seen.set(value, entry);
    else problems.add('duplicate-id', entry.element.path, `${what} ${JSON.stringify(value)} is used again (first at ${formatPath(first.element.path)}); each must be unique`);
  }
}

/** The list sorted by GENIUS index when every entry has one, else in document order. */
function inIndexOrder<T extends { readonly index: number | undefined }>(list: readonly T[]): T[] {
  if (!list.every((entry) => entry.index !== undefined)) return [...list];
  return [...list].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
}

/** `Size of Fund` → `Size-of-Fund`, `$4.37` → `4.37`: letters, digits, `.` and `_`, joined by `-`. */
function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\p{L}\p{N}._]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

function uniqueSlug(text: string, taken: Set<string>, fallback: string): string {
  const base = slugify(text) || fallback;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

// ---------------------------------------------------------------------------------------
// Domain files

const DOMAIN_LAYOUT = 'a GENIUS domain holds its issues in <negotiation_template><utility_space><objective><issue>';

function readDomainIssues(root: XmlElement, problems: ProblemList): GeniusIssue[] {
  if (root.tag !== 'negotiation_template') {
    const hint = root.tag === 'utility_space' ? 'this looks like a GENIUS preference profile, not a domain' : `found <${root.tag}>`;
    problems.add('invalid-shape', [], `expected <negotiation_template> at the root of a GENIUS domain file; ${hint}`);
    return [];
  }
  const space = single(root, 'utility_space', problems, DOMAIN_LAYOUT);
  const objective = space === undefined ? undefined : single(space, 'objective', problems, DOMAIN_LAYOUT);
  if (objective === undefined) return [];
  const issues = readIssues(objective, problems);
  for (const issue of issues) {
    // Parley's domain limits (see schema.ts), reported here with the XML path.
    if (issue.items.length < 2) {
      problems.add('invalid-shape', issue.element.path, `issue "${issue.name}" has ${issue.items.length} <item>${issue.items.length === 1 ? '' : 's'}; an issue needs at least two options`);
    } else if (issue.items.length > 255) {
      problems.add('invalid-shape', issue.element.path, `issue "${issue.name}" has ${issue.items.length} items; an issue has at most 255 options`);
    }
  }
  return issues;
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

  const indexes = geniusIndexes.get(domain);
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
    partyWeights[issue.spec.id] = weights.get(position)! / total;
    partyValues[issue.spec.id] = Object.fromEntries(issue.spec.options.map((option, k) => [option.id, table.get(k)! / best]));
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

function findDescendant(element: XmlElement, test: (element: XmlElement) => boolean): XmlElement | undefined {
  for (const list of element.children.values()) {
    for (const child of list) {
      if (test(child)) return child;
      const found = findDescendant(child, test);
      if (found !== undefined) return found;
    }
  }
  return undefined;
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
