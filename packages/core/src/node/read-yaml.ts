import { YAMLException, constructFromEvents, parseEvents, type Event } from 'js-yaml';
import type { Problem } from '../model/errors.js';
import { MAX_RULE_DEPTH } from '../model/schema.js';
import { LineIndex } from './line-index.js';
import { checkYamlEvents } from './yaml-event-checks.js';
import { PARLEY_YAML_SCHEMA } from './yaml-schema.js';

export { MAX_YAML_ALIASES } from './yaml-event-checks.js';

/**
 * How deep the collections of a YAML file may nest (maps and lists, block or `[ ]` / `{ }`)
 * before the file is refused. Nothing in a Parley file needs more than a few dozen levels
 * (rules nest at most `MAX_RULE_DEPTH` = 32). js-yaml's parser, which counts nodes as it
 * descends, stops at this depth, so no file can exhaust the stack or the memory of the process.
 */
export const MAX_YAML_DEPTH = 256;

const DEPTH_ADVICE = `nothing in a Parley file needs more than a few levels (rules nest at most ${MAX_RULE_DEPTH} levels): flatten the structure`;

/**
 * Reads one YAML text, as {@link readDataFile} describes: js-yaml parses it into events
 * (offsets into the text, nothing built yet), {@link checkYamlEvents} checks them in one pass,
 * and js-yaml's constructor builds the value from them with YAML 1.2's core schema. Every
 * problem names `file`, with its line and column where it has one; undefined when there is
 * any. Repeated keys cost nothing more on a file that has none: the constructor refuses the
 * first it meets, and only then are the events walked again to find each one with its path.
 *
 * @example
 * ```ts
 * const problems: Problem[] = [];
 * readYaml('a: 1\nb: [2, 3]\n', 'domain.yaml', problems); // { a: 1, b: [2, 3] }
 * readYaml('a: 1\na: 2\n', 'domain.yaml', problems); // undefined; problems[0].path === 'a'
 * ```
 */
export function readYaml(text: string, file: string, problems: Problem[]): unknown {
  const lines = new LineIndex(text);
  let events: Event[];
  try {
    // One more than the depth: js-yaml counts the scalar at the bottom too.
    events = parseEvents(text, { maxDepth: MAX_YAML_DEPTH + 1 });
  } catch (error) {
    problems.push(parseProblem(error, text, file, lines));
    return undefined;
  }
  const before = problems.length;
  const context = { text, file, lines, problems, duplicates: false };
  checkYamlEvents(events, context);
  if (problems.length > before) {
    // Report the repeated keys too, in the order of the file.
    problems.length = before;
    checkYamlEvents(events, { ...context, duplicates: true });
    return undefined;
  }
  try {
    const [value] = constructFromEvents(events, { source: text, schema: PARLEY_YAML_SCHEMA });
    // An empty file, or one with only comments, is null, as an empty document is.
    return value === undefined ? null : value;
  } catch (error) {
    if (error instanceof YAMLException && error.reason === 'duplicated mapping key') {
      checkYamlEvents(events, { ...context, duplicates: true });
      if (problems.length > before) return undefined;
    }
    problems.push(parseProblem(error, text, file, lines));
    return undefined;
  }
}

/** The problem of an error js-yaml threw; anything but a YAMLException is a bug, and rethrown. */
function parseProblem(error: unknown, text: string, file: string, lines: LineIndex): Problem {
  if (!(error instanceof YAMLException)) throw error;
  const offset = error.mark?.position ?? 0;
  if (error.reason.startsWith('nesting exceeded maxDepth')) {
    const at = lines.linePos(offset);
    return { code: 'limit-exceeded', path: '', file, message: `line ${at.line}, column ${at.col}: nested more than ${MAX_YAML_DEPTH} levels deep (the limit, counting maps and lists); ${DEPTH_ADVICE}` };
  }
  const slip = colonSlip(text, offset, error.reason);
  const at = lines.linePos(slip?.at ?? offset);
  return { code: 'invalid-syntax', path: '', file, message: `not valid YAML: line ${at.line}, column ${at.col}: ${error.reason}${slip?.hint ?? tagHint(error.reason)}` };
}

/** js-yaml's reasons for a colon followed by a space inside a plain value, in a block and inside `{ }` / `[ ]`. */
const BLOCK_COLON = 'bad indentation of a mapping entry';
const FLOW_COLON = 'missed comma between flow collection entries';

/**
 * The hint for a colon followed by a space in an unquoted value (`label: Yes: with conditions`),
 * which starts a new key, which YAML refuses: quote the value. js-yaml's own messages do not
 * say so. js-yaml points at the colon; the problem points at the start of the value, where the
 * quote goes. Undefined for any other error.
 */
function colonSlip(text: string, offset: number, reason: string): { readonly at: number; readonly hint: string } | undefined {
  if ((reason !== BLOCK_COLON && reason !== FLOW_COLON) || text[offset] !== ':') return undefined;
  const generic = { at: offset, hint: '; a colon followed by a space inside a value starts a new key: if the colon belongs to the value, put the value in double quotes' };
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
  // The last `key: ` before the colon that was refused, and the start of its value.
  const match = /([^\s{}[\],]+):[ \t]+(?=\S)([^:]*)$/.exec(line.slice(0, offset - lineStart));
  if (match === null) return generic;
  const key = match[1]!;
  const valueStart = match.index + match[0].length - match[2]!.length;
  const rest = line.slice(valueStart);
  // Inside { } or [ ] an unquoted value ends at a comma or a bracket; in a block, at the end
  // of the line or a comment.
  const value = (reason === FLOW_COLON ? /^[^,{}[\]]*/.exec(rest)![0] : rest.replace(/\s+#.*$/, '')).trim();
  if (!value.includes(': ')) return generic;
  return {
    at: lineStart + valueStart,
    hint: `; the colon after "${value.slice(0, value.indexOf(': '))}" starts a new key: if it belongs to the value of ${key}, quote the value: ${key}: ${JSON.stringify(value)}`,
  };
}

/** The hint for a tag the core schema does not know (`!!timestamp`, `!custom`) or cannot apply (`!!int abc`). */
function tagHint(reason: string): string {
  if (/^unknown (?:scalar|sequence|mapping) tag /.test(reason)) {
    return '; Parley reads YAML 1.2 with its core schema, whose only tags are !!str, !!int, !!float, !!bool, !!null, !!seq and !!map: remove the tag';
  }
  if (/^cannot resolve a node with .* explicit tag/.test(reason)) return '; the value does not fit its tag: remove the tag, or fix the value';
  return '';
}
