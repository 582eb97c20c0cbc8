/**
 * Reading GENIUS XML into elements, and the element and attribute helpers that the domain
 * and profile importers (`parse-domain.ts`, `parse-profile.ts`) share.
 *
 * Pure: it takes XML text, so it runs anywhere.
 */
import { XMLParser, XMLValidator, type X2jOptions } from 'fast-xml-parser';
import { ScenarioError, type Problem } from '../model/errors.js';
import type { ProblemList, PathSegment } from '../model/problems.js';

/** One XML element, reduced to what the importer reads, with its path for problems. */
export interface XmlElement {
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
export function readXml(xml: string, problems: ProblemList): XmlElement | undefined {
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

export function elementsOf(parent: XmlElement, tag: string): readonly XmlElement[] {
  return parent.children.get(tag) ?? [];
}

/** The one `<tag>` child of `parent`; reports it missing (with `hint`) or repeated. */
export function single(parent: XmlElement, tag: string, problems: ProblemList, hint: string): XmlElement | undefined {
  const found = optionalSingle(parent, tag, problems);
  if (found === undefined) problems.add('invalid-shape', parent.path, `missing <${tag}>: ${hint}`);
  return found;
}

/** The `<tag>` child of `parent` if there is one; reports a second one. */
export function optionalSingle(parent: XmlElement, tag: string, problems: ProblemList): XmlElement | undefined {
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
export function textAttribute(element: XmlElement, name: string): string | undefined {
  const value = element.attributes.get(name);
  return value === undefined ? undefined : value.replace(/\s+/g, ' ').trim();
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The attribute as a finite decimal number, `'missing'`, or `'not-a-number'`. */
export function numberAttribute(element: XmlElement, name: string): number | 'missing' | 'not-a-number' {
  const text = element.attributes.get(name)?.trim();
  if (text === undefined) return 'missing';
  const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
  return Number.isFinite(value) ? value : 'not-a-number';
}

/** The element's `index` attribute: a whole number, or undefined when absent (or reported). */
export function indexAttribute(element: XmlElement, problems: ProblemList): number | undefined {
  const text = element.attributes.get('index')?.trim();
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) {
    problems.add('invalid-shape', [...element.path, 'index'], `index must be a whole number ≥ 0, not "${text}"`);
    return undefined;
  }
  return Number(text);
}

/** The {@link ScenarioError} for `subject` with `problems`, each naming `file` when given. */
export function invalid(subject: string, problems: ProblemList, file: string | undefined): ScenarioError {
  const items: Problem[] = file === undefined ? problems.items : problems.items.map((problem) => ({ ...problem, file }));
  return new ScenarioError(subject, items);
}

export function findDescendant(element: XmlElement, test: (element: XmlElement) => boolean): XmlElement | undefined {
  for (const list of element.children.values()) {
    for (const child of list) {
      if (test(child)) return child;
      const found = findDescendant(child, test);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
