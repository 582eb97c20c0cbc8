import { readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import type { Problem } from '../model/errors.js';
import { addJsonDuplicateKeyProblems } from './duplicate-keys.js';
import { LineIndex } from './line-index.js';
import { readYaml } from './read-yaml.js';

export { MAX_YAML_ALIASES, MAX_YAML_DEPTH } from './read-yaml.js';

/**
 * Reads and parses one JSON (`.json`) or YAML (anything else) file. On failure it adds a
 * problem naming the file (relative to `baseDir`) and, for syntax errors, the line and column,
 * and returns undefined. `missingHint` ends the message for a file that cannot be read.
 *
 * A key repeated in one map (a JSON object) is a problem at the path of the repeated key, in
 * JSON as in YAML (where two keys that YAML tells apart but that become one property, like
 * `1` and `"1"`, are repeated keys too): `JSON.parse` alone would keep the last. YAML is read
 * as YAML 1.2 with its core schema, by js-yaml (see {@link readYaml}): dates stay text, `<<` is
 * an ordinary key, a file holds one document. More than {@link MAX_YAML_ALIASES} aliases, or
 * collections nested more than {@link MAX_YAML_DEPTH} levels deep, is a `limit-exceeded`
 * problem. Two common slips in unquoted text get the fix in their message: a comma that ends
 * a `{ }` value early (`{ label: Yes, with conditions }`, valid YAML that reads
 * `with conditions` as a key with no value), and a colon followed by a space in a value
 * (`label: Yes: with conditions`, a syntax error): quote the value. Time is linear in the
 * size of the file: 50 MB of YAML in a few seconds.
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
  return readYaml(text, name, problems);
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
  const at = new LineIndex(text).linePos(offset);
  const reason = match !== null ? message.slice(0, match.index) + message.slice(match.index + match[0].length) : message;
  return `line ${at.line}, column ${at.col}: ${reason}`;
}
