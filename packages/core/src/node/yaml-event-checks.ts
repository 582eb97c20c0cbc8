import { COLLECTION_STYLE, EVENT_ID, SCALAR_STYLE, constructFromEvents, getScalarValue, type AliasEvent, type Event, type MappingEvent, type ScalarEvent, type SequenceEvent } from 'js-yaml';
import type { Problem } from '../model/errors.js';
import { formatPath, type PathSegment } from '../model/problems.js';
import { duplicateKeyProblem } from './duplicate-keys.js';
import type { LineIndex } from './line-index.js';
import { PARLEY_YAML_SCHEMA, propertyName } from './yaml-schema.js';

/**
 * How many aliases a YAML file may resolve: each use of an anchor counts once for every alias
 * it would write out, itself and, were they copies, the aliases nested in what the anchor names
 * (at least once), and no anchor may count more than this. So a file may use one plain anchor
 * up to this many times, while an alias bomb (aliases of aliases of aliases…) is stopped after a
 * few levels. The yaml library's default (100 uses) refused ordinary files that repeat one list
 * of sources in a few hundred places.
 */
export const MAX_YAML_ALIASES = 1000;

/** What the checks need besides the events: the text they point into, and where problems go. */
export interface YamlCheckContext {
  readonly text: string;
  /** The file's name, for the problems. */
  readonly file: string;
  readonly lines: LineIndex;
  readonly problems: Problem[];
  /**
   * Whether to look for keys repeated in one map. js-yaml's constructor refuses the first
   * one itself, without its path, at the cost of one property lookup; so the reader asks for
   * this (a set of names per map, every key decoded) only once it knows a file has problems.
   */
  readonly duplicates: boolean;
}

interface Anchor {
  readonly name: string;
  uses: number;
  /** The aliases nested in what the anchor names, written out; known once the node is read. */
  inner: number;
  /** Whether the anchored collection is still being read (an alias to it now makes a cycle). */
  open: boolean;
  /** The anchored scalar, for an alias used as a key. */
  readonly scalar: ScalarEvent | undefined;
}

/** A run of keys with no value after an unquoted comma in a `{ }` map (see {@link strayKeyProblem}). */
interface StrayRun {
  readonly owner: Event;
  readonly value: ScalarEvent;
  readonly first: ScalarEvent;
  last: ScalarEvent;
}

interface Frame {
  readonly event: SequenceEvent | MappingEvent;
  readonly isMap: boolean;
  readonly flow: boolean;
  readonly anchor: Anchor | undefined;
  /** Aliases inside, written out (see {@link MAX_YAML_ALIASES}). */
  aliases: number;
  /** A list's index of the item being read. */
  index: number;
  /** A map's key being read, or whose value is being read. */
  key: Event | undefined;
  expectKey: boolean;
  pairs: number;
  previousKey: Event | undefined;
  previousValue: Event | undefined;
  run: StrayRun | undefined;
  /** Each key's name → the offset of its first occurrence (only with `duplicates`). */
  readonly names: Map<string, number> | undefined;
}

const NO_RANGE = -1;
const DOCUMENT_EVENT: Event = { type: EVENT_ID.DOCUMENT, explicitStart: false, explicitEnd: false, directives: [] };
const POP_EVENT: Event = { type: EVENT_ID.POP };

/**
 * Checks the events of one YAML file (js-yaml's `parseEvents`) before they are built into
 * values, in one pass with no recursion, adding a problem naming the file for each of:
 * a key repeated in one map (with `duplicates`; keys compared by the property name they become,
 * so `1` and `"1"` clash), a `{ }` value cut short by an unquoted comma, more aliases than
 * {@link MAX_YAML_ALIASES}, an alias inside what its own anchor names (a value that would
 * contain itself), a second document, and a `%YAML` directive for another version than 1.2
 * (whose schema, where `yes` is true, Parley does not read). It stops at the first problem
 * that makes the rest of the file moot (aliases, cycles, documents).
 *
 * @example
 * ```ts
 * const text = 'a: 1\na: 2\n';
 * const problems: Problem[] = [];
 * checkYamlEvents(parseEvents(text), { text, file: 'sources.yaml', lines: new LineIndex(text), problems, duplicates: true });
 * // problems[0].path === 'a': duplicate key "a" at line 2, column 1 (first at line 1, column 1)
 * ```
 */
export function checkYamlEvents(events: readonly Event[], context: YamlCheckContext): void {
  const { text, lines, problems } = context;
  const frames: Frame[] = [];
  const anchors = new Map<string, Anchor>();
  let documents = 0;
  let furthest = NO_RANGE;

  const pathOf = (depth: number): PathSegment[] => {
    const path: PathSegment[] = [];
    for (let level = 0; level < depth; level++) {
      const frame = frames[level]!;
      path.push(frame.isMap ? keyName(frame.key) : frame.index);
    }
    return path;
  };

  const keyName = (key: Event | undefined): string => {
    if (key?.type === EVENT_ID.SCALAR) return scalarName(text, key);
    if (key?.type === EVENT_ID.ALIAS) {
      const scalar = anchors.get(text.slice(key.anchorStart, key.anchorEnd))?.scalar;
      return scalar === undefined ? `*${text.slice(key.anchorStart, key.anchorEnd)}` : scalarName(text, scalar);
    }
    return '';
  };

  /** Adds a complete node (its first event) to the collection it is in. */
  const addNode = (node: Event): void => {
    const frame = frames[frames.length - 1];
    if (frame === undefined) return;
    if (!frame.isMap) {
      frame.index++;
      return;
    }
    if (frame.expectKey) {
      frame.key = node;
      frame.expectKey = false;
      if (frame.names !== undefined && node.type !== EVENT_ID.SEQUENCE && node.type !== EVENT_ID.MAPPING) {
        const name = keyName(node);
        const offset = nodeOffset(node);
        const first = frame.names.get(name);
        if (first === undefined) frame.names.set(name, offset);
        else problems.push(duplicateKeyProblem('YAML', context.file, [...pathOf(frames.length - 1), name], name, lines.linePos(offset), lines.linePos(first)));
      }
      return;
    }
    if (frame.flow) checkStrayKey(frame, frame.key!, node);
    frame.previousKey = frame.key;
    frame.previousValue = node;
    frame.pairs++;
    frame.expectKey = true;
  };

  const checkStrayKey = (frame: Frame, key: Event, value: Event): void => {
    const stray = key.type === EVENT_ID.SCALAR && key.style === SCALAR_STYLE.PLAIN && key.tagStart === NO_RANGE && key.valueStart !== NO_RANGE && isEmpty(value) && !colonFollows(text, key.valueEnd);
    if (!stray) {
      closeRun(frame);
      return;
    }
    if (frame.run !== undefined) {
      frame.run.last = key;
      return;
    }
    // Only the first stray key of a run starts it: its predecessor is a key with a value.
    const { previousKey, previousValue } = frame;
    if (frame.pairs === 0 || previousKey?.type !== EVENT_ID.SCALAR || previousValue?.type !== EVENT_ID.SCALAR || isNull(text, previousValue)) return;
    frame.run = { owner: previousKey, value: previousValue, first: key, last: key };
  };

  const closeRun = (frame: Frame): void => {
    if (frame.run === undefined) return;
    problems.push(strayKeyProblem(frame.run, pathOf(frames.indexOf(frame)), keyName(frame.run.owner), context));
    frame.run = undefined;
  };

  const open = (event: SequenceEvent | MappingEvent, isMap: boolean): void => {
    let anchor: Anchor | undefined;
    if (event.anchorStart !== NO_RANGE) {
      const name = text.slice(event.anchorStart, event.anchorEnd);
      anchor = { name, uses: 0, inner: 0, open: true, scalar: undefined };
      anchors.set(name, anchor);
    }
    frames.push({
      event,
      isMap,
      flow: event.style === COLLECTION_STYLE.FLOW,
      anchor,
      aliases: 0,
      index: 0,
      key: undefined,
      expectKey: true,
      pairs: 0,
      previousKey: undefined,
      previousValue: undefined,
      run: undefined,
      names: isMap && context.duplicates ? new Map() : undefined,
    });
  };

  /** Counts one use of an alias; false when it is past a limit (the problem is added). */
  const useAlias = (event: AliasEvent): boolean => {
    const anchor = anchors.get(text.slice(event.anchorStart, event.anchorEnd));
    // An alias with no anchor before it is refused by the constructor, with its position.
    if (anchor === undefined) return true;
    const at = lines.linePos(event.anchorStart - 1);
    if (anchor.open) {
      problems.push({
        code: 'invalid-syntax',
        path: formatPath(pathOf(frames.length)),
        file: context.file,
        message: `not valid YAML: line ${at.line}, column ${at.col}: the alias *${anchor.name} is inside what its anchor &${anchor.name} names, so the value would contain itself; write the repeated part out instead`,
      });
      return false;
    }
    anchor.uses++;
    if (anchor.uses * Math.max(1, anchor.inner) > MAX_YAML_ALIASES) {
      problems.push({
        code: 'limit-exceeded',
        path: '',
        file: context.file,
        message: `line ${at.line}, column ${at.col}: its aliases expand to more than ${MAX_YAML_ALIASES} copies (the limit, to stop alias bombs); write the repeated part out where it is used instead of aliasing aliases, or split the file`,
      });
      return false;
    }
    const frame = frames[frames.length - 1];
    if (frame !== undefined) frame.aliases += 1 + anchor.inner;
    return true;
  };

  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.DOCUMENT: {
        documents++;
        if (documents > 1) {
          problems.push(secondDocumentProblem(text, furthest, context));
          return;
        }
        if (event.explicitStart) furthest = Math.max(furthest, text.search(/^---/m));
        const version = event.directives.find((directive) => directive.kind === 'yaml');
        if (version?.kind === 'yaml' && version.version !== '1.2') problems.push(versionProblem(text, version.version, context));
        break;
      }
      case EVENT_ID.SCALAR:
        if (event.anchorStart !== NO_RANGE) {
          const name = text.slice(event.anchorStart, event.anchorEnd);
          anchors.set(name, { name, uses: 0, inner: 0, open: false, scalar: event });
        }
        if (event.valueEnd > furthest) furthest = event.valueEnd;
        addNode(event);
        break;
      case EVENT_ID.ALIAS:
        if (!useAlias(event)) return;
        if (event.anchorEnd > furthest) furthest = event.anchorEnd;
        addNode(event);
        break;
      case EVENT_ID.SEQUENCE:
      case EVENT_ID.MAPPING:
        if (event.start > furthest) furthest = event.start;
        open(event, event.type === EVENT_ID.MAPPING);
        break;
      case EVENT_ID.POP: {
        const frame = frames[frames.length - 1];
        // The pop of a document.
        if (frame === undefined) break;
        if (frame.isMap) closeRun(frame);
        frames.pop();
        if (frame.anchor !== undefined) {
          frame.anchor.inner = frame.aliases;
          frame.anchor.open = false;
        }
        const parent = frames[frames.length - 1];
        if (parent !== undefined) parent.aliases += frame.aliases;
        addNode(frame.event);
        break;
      }
      default:
    }
  }
}

/** The offset a key's position is reported at: its first character (a quote included). */
function nodeOffset(event: Event): number {
  switch (event.type) {
    case EVENT_ID.SCALAR:
      if (event.valueStart === NO_RANGE) return Math.max(0, event.tagStart, event.anchorStart);
      return event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED ? event.valueStart - 1 : event.valueStart;
    case EVENT_ID.ALIAS:
      return event.anchorStart - 1;
    case EVENT_ID.SEQUENCE:
    case EVENT_ID.MAPPING:
      return event.start;
    default:
      return 0;
  }
}

/**
 * The property name of a scalar key. Most keys are plain text that no core-schema type
 * matches, read straight from the source; the rest (a number, `true`, `~`, a tagged key) are
 * resolved by js-yaml itself, so that they are named exactly as the constructor names them.
 */
function scalarName(text: string, event: ScalarEvent): string {
  const source = event.valueStart === NO_RANGE ? '' : getScalarValue(text, event);
  if (event.tagStart === NO_RANGE && (event.style !== SCALAR_STYLE.PLAIN || !mayBeOtherThanText(source))) return source;
  try {
    return propertyName(constructFromEvents([DOCUMENT_EVENT, event, POP_EVENT], { source: text, schema: PARLEY_YAML_SCHEMA })[0]);
  } catch {
    // A tag that does not resolve: the constructor reports it, with its position.
    return source;
  }
}

/** Whether a plain scalar may be something else than text in the core schema (null, a boolean, a number). */
function mayBeOtherThanText(source: string): boolean {
  if (source === '') return true;
  const first = source.charCodeAt(0);
  // 0-9 + - . ~
  if ((first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e || first === 0x7e) return true;
  // null, true, false in their three spellings
  return source.length <= 5 && 'nNtTfF'.includes(source[0]!);
}

const isEmpty = (event: Event): boolean => event.type === EVENT_ID.SCALAR && event.valueStart === NO_RANGE && event.tagStart === NO_RANGE && event.anchorStart === NO_RANGE;

function isNull(text: string, event: ScalarEvent): boolean {
  if (event.valueStart === NO_RANGE) return true;
  return event.style === SCALAR_STYLE.PLAIN && event.tagStart === NO_RANGE && /^(?:~|null|Null|NULL)$/.test(getScalarValue(text, event));
}

/** Whether a `:` follows `offset` after spaces: a key with a value indicator, even an empty value. */
function colonFollows(text: string, offset: number): boolean {
  let at = offset;
  while (at < text.length && ' \t\r\n'.includes(text[at]!)) at++;
  return text[at] === ':';
}

/**
 * `{ id: a, label: Yes, with conditions }` is valid YAML, but not what was meant: the comma
 * ends the label, and `with conditions` becomes a key of its own, with no value. It then
 * surfaces later as an "unexpected key" far from its cause, so it is reported here, where
 * its line and the fix (quote the label) are known. Only a plain key with no `:` at all that
 * follows a key with a scalar value is taken for this; no Parley field is a key without a
 * value, so nothing valid is refused. Consecutive such keys are quoted together.
 */
function strayKeyProblem(run: StrayRun, mapPath: readonly PathSegment[], owner: string, context: YamlCheckContext): Problem {
  const quoted = run.value.style === SCALAR_STYLE.SINGLE_QUOTED || run.value.style === SCALAR_STYLE.DOUBLE_QUOTED;
  const start = run.value.valueStart - (quoted ? 1 : 0);
  const meant = context.text.slice(start, run.last.valueEnd);
  const at = context.lines.linePos(run.first.valueStart);
  return {
    code: 'invalid-syntax',
    path: formatPath([...mapPath, owner]),
    file: context.file,
    message: `line ${at.line}, column ${at.col}: ${JSON.stringify(getScalarValue(context.text, run.first))} is read as a key of its own, with no value, because an unquoted comma ends a value inside { }; if the comma belongs to ${owner}, quote the ${owner}: ${owner}: ${JSON.stringify(meant)}`,
  };
}

/**
 * A second document (after `---`, or after `...`) in one file: refused, as the yaml library
 * refused it, at the line where it starts, the first line after the first document that is
 * neither blank, a comment nor `...`.
 */
function secondDocumentProblem(text: string, furthest: number, context: YamlCheckContext): Problem {
  let lineStart = furthest < 0 ? 0 : text.indexOf('\n', furthest) + 1;
  while (lineStart > 0 && lineStart < text.length) {
    const end = text.indexOf('\n', lineStart);
    const line = text.slice(lineStart, end === -1 ? text.length : end).trim();
    if (line !== '' && !line.startsWith('#') && !/^\.\.\.(?:\s|$)/.test(line)) break;
    lineStart = end === -1 ? text.length : end + 1;
  }
  const at = context.lines.linePos(lineStart);
  return {
    code: 'invalid-syntax',
    path: '',
    file: context.file,
    message: `not valid YAML: line ${at.line}, column 1: a second document starts here; a Parley file holds one document: remove the "---" (or "...") that separates them, or split the file`,
  };
}

function versionProblem(text: string, version: string, context: YamlCheckContext): Problem {
  const at = context.lines.linePos(Math.max(0, text.search(/^%YAML/m)));
  return {
    code: 'invalid-syntax',
    path: '',
    file: context.file,
    message: `not valid YAML: line ${at.line}, column 1: "%YAML ${version}": Parley reads YAML 1.2 (its core schema, where yes, no, on and off are text, not true and false, and dates are text): remove the line, or make it %YAML 1.2`,
  };
}
