/**
 * Import of GENIUS negotiation domains (`<negotiation_template>` files) into Parley
 * {@link DomainSpec}s, and the reading of GENIUS `<issue>`s and `<item>`s that profiles
 * share (see `parse-profile.ts`).
 *
 * Pure: it takes XML text and returns Parley specs, so it runs anywhere.
 */
import type { ScenarioError } from '../model/errors.js';
import { ProblemList, formatPath } from '../model/problems.js';
import type { DomainSpec, IssueOptionSpec, IssueSpec } from '../model/specs.js';
import { elementsOf, indexAttribute, invalid, readXml, single, textAttribute, type XmlElement } from './xml-elements.js';

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

// ---------------------------------------------------------------------------------------
// Issues, as both domain and profile files write them

export interface GeniusItem {
  readonly element: XmlElement;
  readonly index: number | undefined;
  readonly value: string;
  readonly description: string | undefined;
}

export interface GeniusIssue {
  readonly element: XmlElement;
  readonly index: number | undefined;
  readonly name: string;
  readonly description: string | undefined;
  readonly items: readonly GeniusItem[];
}

/** The GENIUS indexes of a parsed domain's issues and items, by position in the spec. */
export type DomainIndexes = { readonly index: number | undefined; readonly items: readonly (number | undefined)[] }[];

// DomainSpec has no place for GENIUS indexes (and must not grow one), so the indexes of
// the specs made here are kept beside them, for matching profiles by index as GENIUS does.
const geniusIndexes = new WeakMap<DomainSpec, DomainIndexes>();

/** The GENIUS indexes of `domain`'s issues and items when {@link parseGeniusDomain} made it; else undefined. */
export function geniusIndexesOf(domain: DomainSpec): DomainIndexes | undefined {
  return geniusIndexes.get(domain);
}

/**
 * The discrete issues under `objective`. Reports nested objectives and non-discrete
 * issues as unsupported, and nameless issues and items, repeated indexes and names.
 */
export function readIssues(objective: XmlElement, problems: ProblemList): GeniusIssue[] {
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
