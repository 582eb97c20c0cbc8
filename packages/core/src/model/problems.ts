import { closest, distance } from 'fastest-levenshtein';
import type { Problem, ProblemCode } from './errors.js';

/** A path into an input, as the list of keys and indexes leading to a value. */
export type PathSegment = string | number;

/** Renders `['parties', 1, 'redLines', 0]` as `parties[1].redLines[0]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/**
 * The closest of `candidates` to `name`, when it is close enough to be a likely typo
 * (edit distance at most a third of the name's length, and at least 1).
 */
export function likelyIntended(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  if (list.length === 0) return undefined;
  const best = closest(name, list);
  const limit = Math.max(2, Math.floor(name.length / 3));
  return distance(name, best) <= limit ? best : undefined;
}

/** Collects problems during validation so that every one of them is reported at once. */
export class ProblemList {
  readonly items: Problem[] = [];

  add(code: ProblemCode, path: readonly PathSegment[], message: string, suggestion?: string): void {
    const problem: Problem = suggestion === undefined
      ? { code, path: formatPath(path), message }
      : { code, path: formatPath(path), message, suggestion };
    this.items.push(problem);
  }

  /** Reports `name` as unknown among `known`, suggesting the likely intended one. */
  unknown(code: ProblemCode, path: readonly PathSegment[], what: string, name: string, known: Iterable<string>): void {
    const knownList = [...known];
    const suggestion = likelyIntended(name, knownList);
    const choices = knownList.length <= 8 && suggestion === undefined ? `; known: ${knownList.map((k) => `"${k}"`).join(', ')}` : '';
    this.add(code, path, `unknown ${what} "${name}"${choices}`, suggestion);
  }

  /** Reports every id in `ids` that occurs more than once. */
  duplicates(path: readonly PathSegment[], what: string, ids: readonly (string | number)[]): void {
    const seen = new Map<string | number, number>();
    ids.forEach((id, index) => {
      const first = seen.get(id);
      if (first === undefined) seen.set(id, index);
      else this.add('duplicate-id', [...path, index], `${what} ${JSON.stringify(id)} is used again (first at position ${first}); each must be unique`);
    });
  }

  get isEmpty(): boolean {
    return this.items.length === 0;
  }
}
