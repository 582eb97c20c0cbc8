/**
 * Union-find over issue indexes: which issues are tied together by a rule or an interaction
 * term that mentions several of them. Each set's representative is its smallest issue.
 *
 * @example
 * ```ts
 * const links = issueLinks(4);
 * links.link([1, 3]);
 * links.find(3); // 1
 * links.find(2); // 2
 * ```
 */
export function issueLinks(issueCount: number): { find: (issue: number) => number; link: (issues: readonly number[]) => void } {
  const parent = Int32Array.from({ length: issueCount }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const link = (issues: readonly number[]): void => {
    for (let k = 1; k < issues.length; k++) {
      const a = find(issues[0]!);
      const b = find(issues[k]!);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  };
  return { find, link };
}
