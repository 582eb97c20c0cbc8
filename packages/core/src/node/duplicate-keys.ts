import type { Problem } from '../model/errors.js';
import { formatPath, type PathSegment } from '../model/problems.js';
import { LineIndex, type LinePos } from './line-index.js';

/**
 * The problem of a key repeated in one map of a data file, in the one format both readers
 * use: the file, the path of the repeated key, its line and column and those of the first,
 * and the fix. `format` names the syntax (`YAML`, `JSON`) the message opens with.
 */
export function duplicateKeyProblem(format: 'YAML' | 'JSON', file: string, path: readonly PathSegment[], name: string, at: LinePos, first: LinePos): Problem {
  return {
    code: 'invalid-syntax',
    path: formatPath(path),
    file,
    message: `not valid ${format}: line ${at.line}, column ${at.col}: duplicate key ${JSON.stringify(name)} (first at line ${first.line}, column ${first.col}); a key may appear once in a map: remove one, or merge the two`,
  };
}

interface ObjectFrame {
  readonly kind: 'object';
  /** Each key's name → the offset of its first occurrence. */
  readonly keys: Map<string, number>;
  /** The key whose value is being read; also the path segment of anything inside that value. */
  key: string;
  /** Whether the next string in this object is a key (after `{` and after each `,`). */
  expectKey: boolean;
}

interface ArrayFrame {
  readonly kind: 'array';
  index: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Adds a problem (see {@link duplicateKeyProblem}) for every key repeated in one object of
 * `text`, which must be valid JSON (`JSON.parse` accepted it; `JSON.parse` itself keeps the
 * last of two repeated keys without a word). Keys are compared as the strings they decode to,
 * so `"a"` and `"\u0061"` clash. One pass over the text, with no recursion, so a file nested
 * as deeply as `JSON.parse` reads is checked too. (The YAML parser, which reads JSON as YAML,
 * stops at a few hundred levels, where a JSON file too deep for the rule depth limit must
 * still be read to be told so at the path of the rule.)
 *
 * @example
 * ```ts
 * const problems: Problem[] = [];
 * addJsonDuplicateKeyProblems('{"a": 1, "a": 2}', 'parties/b.json', problems);
 * // problems[0].path === 'a'; its message names line 1, column 10 and the first at column 2
 * ```
 */
export function addJsonDuplicateKeyProblems(text: string, file: string, problems: Problem[]): void {
  // Lines are only counted when a repeated key is found.
  const lines = new LineIndex(text);
  const stack: (ObjectFrame | ArrayFrame)[] = [];
  for (let offset = 0; offset < text.length; offset++) {
    const code = text.charCodeAt(offset);
    if (code === QUOTE) {
      const end = closingQuote(text, offset);
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && top.expectKey) {
        top.expectKey = false;
        const raw = text.slice(offset + 1, end);
        const name = raw.includes('\\') ? (JSON.parse(text.slice(offset, end + 1)) as string) : raw;
        top.key = name;
        const first = top.keys.get(name);
        if (first === undefined) top.keys.set(name, offset);
        else problems.push(duplicateKeyProblem('JSON', file, pathOf(stack), name, lines.linePos(offset), lines.linePos(first)));
      }
      offset = end;
      continue;
    }
    switch (code) {
      case 0x7b: // {
        stack.push({ kind: 'object', keys: new Map(), key: '', expectKey: true });
        break;
      case 0x5b: // [
        stack.push({ kind: 'array', index: 0 });
        break;
      case 0x7d: // }
      case 0x5d: // ]
        stack.pop();
        break;
      case 0x2c: {
        // ,
        const top = stack[stack.length - 1];
        if (top?.kind === 'array') top.index++;
        else if (top?.kind === 'object') top.expectKey = true;
        break;
      }
      default:
    }
  }
}

/** The offset of the quote that closes the string opening at `start`. */
function closingQuote(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  // A quote is escaped when an odd number of backslashes stands before it.
  while (end !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return text.length;
}

/** The path of the key being read: the key or index of each enclosing value, then the key itself. */
function pathOf(stack: readonly (ObjectFrame | ArrayFrame)[]): PathSegment[] {
  return stack.map((frame) => (frame.kind === 'object' ? frame.key : frame.index));
}
