/**
 * The one enumerator of completions: every combination of options of a few issues, written
 * into an assignment array in a fixed order (the first issue changes fastest). Everything
 * that decides by enumerating — a red line's truth on a plan, a party's utility range over
 * what a plan leaves open, a rule's lookup table, a party's best outcome — goes through it,
 * under the one {@link COMPLETION_LIMIT}.
 */

/**
 * Past this many completions of the issues a judgement depends on, Parley bounds instead of
 * enumerating: a red line falls back to Kleene's three-valued logic (sound, but it may say
 * "undetermined" where enumeration would decide), and a utility range to each open issue's
 * worst and best option (reported with `exact: false`).
 */
export const COMPLETION_LIMIT = 1 << 16;

/**
 * How many completions `issues` have, given each issue's number of options.
 *
 * @example
 * ```ts
 * completionCount([0, 2], (issue) => [3, 1, 4][issue]!); // 12
 * ```
 */
export function completionCount(issues: readonly number[], optionCount: (issue: number) => number): number {
  let count = 1;
  for (let k = 0; k < issues.length; k++) count *= optionCount(issues[k]!);
  return count;
}

/**
 * Writes every completion of `issues` into `values` in turn (the first issue changes
 * fastest) and calls `visit` with the completion's number; `visit` returns `false` to stop
 * early. `values` is left holding the last completion visited. With `choices`, issue k takes
 * only the options `choices[k]` lists (and `sizes[k]` is their count), in that order.
 *
 * @example
 * ```ts
 * const values = new Int16Array(3);
 * forEachCompletion([0, 2], [2, 2], values, (n) => console.log(n, Array.from(values)));
 * // 0 [0,0,0]  1 [1,0,0]  2 [0,0,1]  3 [1,0,1]
 * ```
 */
export function forEachCompletion(issues: readonly number[], sizes: readonly number[], values: Int16Array, visit: (completion: number) => boolean | void, choices?: readonly (readonly number[])[]): void {
  let total = 1;
  for (const size of sizes) total *= size;
  for (let n = 0; n < total; n++) {
    let rest = n;
    for (let k = 0; k < issues.length; k++) {
      const size = sizes[k]!;
      const digit = rest % size;
      rest = (rest - digit) / size;
      values[issues[k]!] = choices === undefined ? digit : choices[k]![digit]!;
    }
    if (visit(n) === false) return;
  }
}
