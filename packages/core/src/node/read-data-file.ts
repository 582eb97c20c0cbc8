import { readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { LineCounter, isPair, isScalar, isSeq, parseDocument, visit, type Document, type YAMLMap } from 'yaml';
import type { Problem } from '../model/errors.js';
import { formatPath, type PathSegment } from '../model/problems.js';
import { MAX_RULE_DEPTH } from '../model/schema.js';

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
 * In YAML, a key repeated in one map is a problem at the path of the repeated key (also two
 * keys that YAML tells apart but that become one property, like `1` and `"1"`); more than
 * {@link MAX_YAML_ALIASES} aliases, or nesting too deep for the parser, is a `limit-exceeded`
 * problem. Time is linear in the size of the file.
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
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      problems.push({ code: 'invalid-syntax', path: '', file: name, message: `not valid JSON: ${(error as Error).message}` });
      return undefined;
    }
  }
  return parseYaml(text, name, problems);
}

function parseYaml(text: string, file: string, problems: Problem[]): unknown {
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
        problems.push({ code: 'invalid-syntax', path: '', file, message: `not valid YAML: ${where}${error.message.split('\n')[0]}` });
      }
    }
    return undefined;
  }
  const before = problems.length;
  addDuplicateKeyProblems(document, lineCounter, file, problems);
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
 * Adds a problem for every key repeated in one map of `document`. Keys are compared by the
 * property name they become (what `toJS` would silently merge), so `1` and `"1"` clash too;
 * keys that are collections or aliases are left to yaml, which compares those by identity.
 */
function addDuplicateKeyProblems(document: Document, lineCounter: LineCounter, file: string, problems: Problem[]): void {
  visit(document, {
    Map(_key, map, ancestors) {
      const first = new Map<string, number>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!isScalar(key)) continue;
        const name = key.value === null ? '' : String(key.value);
        const offset = key.range?.[0] ?? 0;
        const seen = first.get(name);
        if (seen === undefined) {
          first.set(name, offset);
          continue;
        }
        const at = lineCounter.linePos(offset);
        problems.push({
          code: 'invalid-syntax',
          path: formatPath([...pathTo(map, ancestors), name]),
          file,
          message: `not valid YAML: line ${at.line}, column ${at.col}: duplicate key ${JSON.stringify(name)} (first at line ${lineCounter.linePos(seen).line}, column ${lineCounter.linePos(seen).col}); a key may appear once in a map: remove one, or merge the two`,
        });
      }
    },
  });
}

/** The path of `map` inside the document, from the ancestors `visit` gives (only computed for a map with a duplicate key). */
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
