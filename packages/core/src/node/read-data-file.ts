import { readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { LineCounter, isPair, isScalar, isSeq, parseDocument, visit, type Document, type Scalar, type YAMLMap } from 'yaml';
import type { Problem } from '../model/errors.js';
import { formatPath, type PathSegment } from '../model/problems.js';
import { MAX_RULE_DEPTH } from '../model/schema.js';
import { addJsonDuplicateKeyProblems, duplicateKeyProblem } from './duplicate-keys.js';
import { MAX_YAML_DEPTH, yamlDepthExcess } from './yaml-depth.js';

export { MAX_YAML_DEPTH } from './yaml-depth.js';

/**
 * How many aliases a YAML file may resolve, as yaml's `maxAliasCount` counts them: each use
 * of an anchor counts as many times as the aliases nested inside what it names, so a file
 * may use one plain anchor up to this many times, while an alias bomb (aliases of aliases of
 * aliases…) is stopped after a few levels. yaml's own default (100) refuses ordinary files
 * that repeat one list of sources in a few hundred places.
 */
export const MAX_YAML_ALIASES = 1000;

/**
 * Reads and parses one JSON (`.json`) or YAML (anything else) file. On failure it adds a
 * problem naming the file (relative to `baseDir`) and, for syntax errors, the line and column,
 * and returns undefined. `missingHint` ends the message for a file that cannot be read.
 *
 * A key repeated in one map (a JSON object) is a problem at the path of the repeated key, in
 * JSON as in YAML (where two keys that YAML tells apart but that become one property, like
 * `1` and `"1"`, are repeated keys too): `JSON.parse` alone would keep the last. In YAML, more than
 * {@link MAX_YAML_ALIASES} aliases, or collections nested more than {@link MAX_YAML_DEPTH} levels
 * deep (checked in one pass over the text before yaml parses it: yaml can crash the process on
 * a file nested a few thousand levels deep), is a `limit-exceeded` problem. Two common slips in unquoted text get the fix in their message: a comma that ends
 * a `{ }` value early (`{ label: Yes, with conditions }`, valid YAML that reads
 * `with conditions` as a key with no value), and a colon followed by a space in a value
 * (`label: Yes: with conditions`, a syntax error): quote the value. Time is linear in the
 * size of the file.
 *
 * @example
 * ```ts
 * const problems: Problem[] = [];
 * const party = await readDataFile('/scenarios/mini/parties/ukraine.yaml', '/scenarios/mini', problems);
 * if (party === undefined) console.error(problems.map(formatProblem).join('\n'));
 * ```
 */
export async function readDataFile(file: string, baseDir: string, problems: Problem[], missingHint = 'check the file name in scenario.yaml'): Promise<unknown> {
  const name = relative(baseDir, file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    problems.push({ code: 'missing-file', path: '', file: name, message: `cannot read ${join(baseDir, name)}; ${missingHint}` });
    return undefined;
  }
  if (extname(file) === '.json') {
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch (error) {
      problems.push({ code: 'invalid-syntax', path: '', file: name, message: `not valid JSON: ${jsonSyntaxMessage(text, (error as Error).message)}` });
      return undefined;
    }
    const before = problems.length;
    addJsonDuplicateKeyProblems(text, name, problems);
    return problems.length > before ? undefined : value;
  }
  return parseYaml(text, name, problems);
}

/**
 * `JSON.parse`'s message with its offset (`… in JSON at position 18`) given as a line and a
 * column instead, both from 1, as the YAML messages give them: `line 3, column 7: Unexpected
 * number in JSON`. The end of the input is the position after the last character. Any other
 * message is kept as it is.
 */
function jsonSyntaxMessage(text: string, message: string): string {
  const match = / at position (\d+)(?: \(line \d+ column \d+\))?/.exec(message);
  const offset = match !== null ? Number(match[1]) : /^Unexpected end of JSON input/.test(message) ? text.length : undefined;
  if (offset === undefined) return message;
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) {
      line++;
      lineStart = index + 1;
    }
  }
  const reason = match !== null ? message.slice(0, match.index) + message.slice(match.index + match[0].length) : message;
  return `line ${line}, column ${offset - lineStart + 1}: ${reason}`;
}

function parseYaml(text: string, file: string, problems: Problem[]): unknown {
  const tooDeep = yamlDepthExcess(text, MAX_YAML_DEPTH);
  if (tooDeep !== undefined) {
    problems.push({
      code: 'limit-exceeded',
      path: '',
      file,
      message: `line ${tooDeep.line}, column ${tooDeep.col}: nested more than ${MAX_YAML_DEPTH} levels deep (the limit, counting indentation, "- " entries and [ ] / { } together); nothing in a Parley file needs more than a few levels (rules nest at most ${MAX_RULE_DEPTH} levels): flatten the structure`,
    });
    return undefined;
  }
  const lineCounter = new LineCounter();
  // yaml's own `uniqueKeys` check compares each key with every earlier key of its map, which
  // is quadratic: a map of 100 000 keys took minutes. The keys are checked below instead, in
  // one pass with a set per map.
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: false, lineCounter });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const where = error.linePos?.[0] === undefined ? '' : `line ${error.linePos[0].line}, column ${error.linePos[0].col}: `;
      if (error.code === 'RESOURCE_EXHAUSTION') {
        // yaml composes nested collections recursively, and reports the stack overflow of a
        // structure nested a few thousand levels deep as this error.
        problems.push({ code: 'limit-exceeded', path: '', file, message: `${where}nested too deeply to read; nothing in a Parley file needs more than a few levels (rules nest at most ${MAX_RULE_DEPTH} levels): flatten the structure` });
      } else {
        // yaml's first line ends with the position again ("… at line 5, column 31:"), which `where` already gives.
        const reason = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
        problems.push({ code: 'invalid-syntax', path: '', file, message: `not valid YAML: ${where}${reason}${colonHint(text, error.code, error.linePos?.[0])}` });
      }
    }
    return undefined;
  }
  const before = problems.length;
  addMapProblems(document, text, lineCounter, file, problems);
  if (problems.length > before) return undefined;
  try {
    return document.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as unknown;
  } catch (error) {
    const problem = limitProblem(error, file);
    if (problem === undefined) throw error;
    problems.push(problem);
    return undefined;
  }
}

/** The problem of an error `toJS` throws when the document is past a limit; undefined for any other error. */
function limitProblem(error: unknown, file: string): Problem | undefined {
  if (error instanceof ReferenceError && /alias count/i.test(error.message)) {
    return {
      code: 'limit-exceeded',
      path: '',
      file,
      message: `its aliases expand to more than ${MAX_YAML_ALIASES} copies (the limit, to stop alias bombs); write the repeated part out where it is used instead of aliasing aliases, or split the file`,
    };
  }
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return { code: 'limit-exceeded', path: '', file, message: `nested too deeply to read; nothing in a Parley file needs more than a few levels (rules nest at most ${MAX_RULE_DEPTH} levels): flatten the structure` };
  }
  return undefined;
}

/**
 * Adds a problem for every key repeated in one map of `document`, and for every unquoted
 * comma that cut a value short in a `{ }` map (see {@link addUnquotedCommaProblem}), in one
 * pass over the maps. Keys are compared by the property name they become (what `toJS` would
 * silently merge), so `1` and `"1"` clash too; keys that are collections or aliases are left
 * to yaml, which compares those by identity.
 */
function addMapProblems(document: Document, text: string, lineCounter: LineCounter, file: string, problems: Problem[]): void {
  visit(document, {
    Map(_key, map, ancestors) {
      const first = new Map<string, number>();
      for (let index = 0; index < map.items.length; index++) {
        const pair = map.items[index]!;
        const key = pair.key;
        if (!isScalar(key)) continue;
        if (map.flow === true && pair.value === null && index > 0) addUnquotedCommaProblem(map, index, ancestors, text, lineCounter, file, problems);
        const name = key.value === null ? '' : String(key.value);
        const offset = key.range?.[0] ?? 0;
        const seen = first.get(name);
        if (seen === undefined) {
          first.set(name, offset);
          continue;
        }
        problems.push(duplicateKeyProblem('YAML', file, [...pathTo(map, ancestors), name], name, lineCounter.linePos(offset), lineCounter.linePos(seen)));
      }
    },
  });
}

/**
 * `{ id: a, label: Yes, with conditions }` is valid YAML, but not what was meant: the comma
 * ends the label, and `with conditions` becomes a key of its own, with no value. It then
 * surfaces later as an "unexpected key" far from its cause, so it is reported here, where
 * its line and the fix (quote the label) are known. Only a plain key with no `:` at all that
 * follows a key with a scalar value is taken for this; no Parley field is a key without a
 * value, so nothing valid is refused. Consecutive such keys are quoted together.
 */
function addUnquotedCommaProblem(map: YAMLMap, index: number, ancestors: readonly unknown[], text: string, lineCounter: LineCounter, file: string, problems: Problem[]): void {
  const previous = map.items[index - 1]!;
  const stray = map.items[index]!.key as Scalar;
  // Only the first stray key of a run is reported (its predecessor then has a value).
  if (!isScalar(previous.key) || !isScalar(previous.value) || previous.value.value === null || stray.type !== 'PLAIN') return;
  let last = index;
  while (last + 1 < map.items.length && map.items[last + 1]!.value === null && isScalar(map.items[last + 1]!.key) && (map.items[last + 1]!.key as Scalar).type === 'PLAIN') last++;
  const start = previous.value.range?.[0];
  const end = (map.items[last]!.key as Scalar).range?.[1];
  const owner = String(previous.key.value);
  const at = lineCounter.linePos(stray.range?.[0] ?? 0);
  const meant = start === undefined || end === undefined ? undefined : text.slice(start, end);
  const fix = meant === undefined ? `quote the value of ${owner}` : `quote the ${owner}: ${owner}: ${JSON.stringify(meant)}`;
  problems.push({
    code: 'invalid-syntax',
    path: formatPath([...pathTo(map, ancestors), owner]),
    file,
    message: `line ${at.line}, column ${at.col}: ${JSON.stringify(String(stray.value))} is read as a key of its own, with no value, because an unquoted comma ends a value inside { }; if the comma belongs to ${owner}, ${fix}`,
  });
}

/**
 * A hint for the syntax errors yaml gives when an unquoted value holds a colon followed by a
 * space (`label: Yes: with conditions`), which starts a new key: quote the value. yaml's own
 * messages ("Block collections are not allowed within flow collections", "Nested mappings
 * are not allowed in compact mappings") do not say so. Empty for any other error.
 */
function colonHint(text: string, code: string, at: { readonly line: number; readonly col: number } | undefined): string {
  if ((code !== 'BLOCK_IN_FLOW' && code !== 'BLOCK_AS_IMPLICIT_KEY') || at === undefined) return '';
  const generic = '; a colon followed by a space inside a value starts a new key: if the colon belongs to the value, put the value in double quotes';
  const line = text.split(/\r?\n/, at.line)[at.line - 1] ?? '';
  // yaml points at the start of the value whose colon it refused; the key is just before it.
  const key = /([^\s{}[\],]+):\s*$/.exec(line.slice(0, at.col - 1))?.[1];
  const rest = line.slice(at.col - 1);
  // Inside { } or [ ] an unquoted value ends at a comma or a bracket; in a block, at the end
  // of the line or a comment.
  const value = (code === 'BLOCK_IN_FLOW' ? /^[^,{}[\]]*/.exec(rest)?.[0] : rest.replace(/\s+#.*$/, ''))?.trim();
  if (key === undefined || value === undefined || !value.includes(': ')) return generic;
  return `; the colon after "${value.slice(0, value.indexOf(': '))}" starts a new key: if it belongs to the value of ${key}, quote the value: ${key}: ${JSON.stringify(value)}`;
}

/** The path of `map` inside the document, from the ancestors `visit` gives (only computed for a map with a problem). */
function pathTo(map: YAMLMap, ancestors: readonly unknown[]): PathSegment[] {
  const chain = [...ancestors, map];
  const path: PathSegment[] = [];
  chain.forEach((node, index) => {
    const child = chain[index + 1];
    if (isPair(node) && isScalar(node.key)) path.push(node.key.value === null ? '' : String(node.key.value));
    else if (isSeq(node) && child !== undefined) path.push(node.items.indexOf(child as never));
  });
  return path;
}
