/**
 * A seeded, deterministic generator of large negotiation domains for the benchmarks:
 * `issues` ordered issues of `options` options each, `parties` parties with random weights
 * and option values, a few single-issue red lines and one two-issue red line per party, and
 * reservation values set so that an agreement space exists (each party's reservation value
 * is a fraction of what it gets from a compromise outcome that keeps every red line).
 *
 * Same options, same scenario: every random draw comes from one `pure-rand` generator.
 */
import { compileEvaluator, createDomain, createParty, type Domain, type IssueSpec, type Party, type PartySpec, type RedLineSpec, type Rule } from '@parley/core';
import { unsafeUniformIntDistribution, xoroshiro128plus, type RandomGenerator } from 'pure-rand';

/**
 * How the parties' preferences relate:
 * - `independent`: every value drawn at random, so preferences are unrelated;
 * - `opposed`: two blocs (even-numbered parties prefer high options, odd-numbered low ones),
 *   each party breaking ranks on about a third of the issues, with noise: partly opposed
 *   interests with room for trade-offs, as in a negotiation;
 * - `zero-sum`: the two blocs want exactly opposite things on every issue (hardest case; a
 *   stress case beyond the benchmark's target, which is a negotiation with room for trade-offs).
 */
export type PreferenceShape = 'independent' | 'opposed' | 'zero-sum';

export interface GeneratorOptions {
  readonly seed: number;
  readonly issues: number;
  readonly options: number;
  readonly parties: number;
  readonly shape: PreferenceShape;
  /** Single-issue red lines per party. */
  readonly singleIssueRedLines: number;
  /** Each party's reservation value, as a fraction of its utility at the compromise outcome. */
  readonly reservationFraction: number;
}

export interface GeneratedScenario {
  readonly options: GeneratorOptions;
  readonly domain: Domain;
  readonly parties: readonly Party[];
  /** The compromise outcome every party accepts, which proves the agreement space non-empty. */
  readonly compromise: Uint8Array;
  readonly compromiseUtilities: readonly number[];
}

class Random {
  readonly #rng: RandomGenerator;
  constructor(seed: number) {
    this.#rng = xoroshiro128plus(seed);
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return unsafeUniformIntDistribution(min, max, this.#rng);
  }
  /** A number in [0, 1) with 6 decimals. */
  unit(): number {
    return this.int(0, 999_999) / 1_000_000;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

/** Generates a scenario; throws if no compromise outcome keeping every red line is found. */
export function generateScenario(options: GeneratorOptions): GeneratedScenario {
  const random = new Random(options.seed);
  const { parties: n, options: m } = options;
  const issueSpecs: IssueSpec[] = Array.from({ length: options.issues }, (_, i) => ({
    id: `issue-${String(i + 1).padStart(2, '0')}`,
    label: `Issue ${i + 1}`,
    ordered: true,
    options: Array.from({ length: m }, (_, o) => ({ id: `o${o}`, label: `Option ${o}` })),
  }));
  const domain = createDomain({ issues: issueSpecs });

  // values[p][i][o] in [0, 1], rounded to 2 decimals as an author would write them.
  const values = Array.from({ length: n }, () => Array.from({ length: options.issues }, () => new Float64Array(m)));
  // direction[p][i]: +1 when party p prefers high options on issue i, −1 low, 0 unordered taste.
  const direction = Array.from({ length: n }, () => new Int8Array(options.issues));
  for (let p = 0; p < n; p++) {
    for (let i = 0; i < options.issues; i++) {
      const bloc = p % 2 === 0 ? 1 : -1;
      const dir = options.shape === 'independent' ? 0 : options.shape === 'zero-sum' ? bloc : random.int(0, 2) === 0 ? -bloc : bloc;
      direction[p]![i] = dir;
      for (let o = 0; o < m; o++) {
        const x = o / (m - 1);
        const base = dir === 0 ? random.unit() : dir > 0 ? x : 1 - x;
        const noise = options.shape === 'opposed' ? (random.unit() - 0.5) * 0.3 : 0;
        values[p]![i]![o] = round2(clamp01(base + noise));
      }
    }
  }
  // Integer weights 1..10, so a few issues matter much more than others.
  const weights = Array.from({ length: n }, () => Array.from({ length: options.issues }, () => random.int(1, 10)));

  // Options every single-issue red line allows so far, to keep every issue satisfiable.
  const allowed = Array.from({ length: options.issues }, () => new Uint8Array(m).fill(1));
  const redLines: RedLineSpec[][] = Array.from({ length: n }, () => []);
  const issueId = (i: number) => issueSpecs[i]!.id;
  const optionId = (o: number) => `o${o}`;
  // The options of issue i a party ranks in its worst `count` (by value).
  const worstOptions = (p: number, i: number, count: number) =>
    Array.from({ length: m }, (_, o) => o)
      .sort((a, b) => values[p]![i]![a]! - values[p]![i]![b]! || a - b)
      .slice(0, count);
  for (let p = 0; p < n; p++) {
    // Red lines go on the party's most important issues.
    const byWeight = Array.from({ length: options.issues }, (_, i) => i).sort((a, b) => weights[p]![b]! - weights[p]![a]! || a - b);
    let made = 0;
    for (const i of byWeight) {
      if (made === options.singleIssueRedLines) break;
      const forbidden = worstOptions(p, i, random.int(1, Math.max(1, Math.floor(m / 3))));
      if (forbidden.every((o) => allowed[i]![o] === 0) || Array.from(allowed[i]!).every((ok, o) => ok === 0 || forbidden.includes(o))) continue;
      for (const o of forbidden) allowed[i]![o] = 0;
      redLines[p]!.push({
        id: `no-${issueId(i)}`,
        text: `Party ${p + 1} rejects ${forbidden.map(optionId).join(', ')} on ${issueId(i)}.`,
        sources: ['generated'],
        rule: { kind: 'forbid', issue: issueId(i), options: forbidden.map(optionId) },
      });
      made++;
    }
  }
  // One red line per party linking two issues: "if we give way on A, we must get B".
  for (let p = 0; p < n; p++) {
    const a = random.int(0, options.issues - 1);
    let b = random.int(0, options.issues - 2);
    if (b >= a) b++;
    const half = (i: number, worst: boolean): Rule => {
      const ranked = worstOptions(p, i, m);
      const chosen = worst ? ranked.slice(0, Math.ceil(m / 2)) : ranked.slice(m - Math.ceil(m / 2));
      return { kind: 'require', issue: issueId(i), options: chosen.sort((x, y) => x - y).map(optionId) };
    };
    redLines[p]!.push({
      id: `link-${issueId(a)}-${issueId(b)}`,
      text: `If party ${p + 1} gives way on ${issueId(a)}, it must gain on ${issueId(b)}.`,
      sources: ['generated'],
      rule: { kind: 'if', when: half(a, true), then: half(b, false) },
    });
  }

  const specOf = (p: number, reservationValue: number): PartySpec => ({
    id: `party-${p + 1}`,
    name: `Party ${p + 1}`,
    redLines: redLines[p]!,
    reservationValue,
    preferences: {
      weights: Object.fromEntries(issueSpecs.map((issue, i) => [issue.id, weights[p]![i]!])),
      values: Object.fromEntries(issueSpecs.map((issue, i) => [issue.id, Object.fromEntries(issue.options.map((option, o) => [option.id, values[p]![i]![o]!]))])),
    },
  });

  // A compromise: on each issue, the allowed option with the best worst normalised value;
  // then, if a two-issue red line fails, random repairs among allowed options.
  const provisional = Array.from({ length: n }, (_, p) => createParty(domain, specOf(p, 0)));
  const evaluator = compileEvaluator(provisional);
  const compromise = new Uint8Array(options.issues);
  for (let i = 0; i < options.issues; i++) {
    let best = -1;
    let bestScore = -Infinity;
    for (let o = 0; o < m; o++) {
      if (allowed[i]![o] === 0) continue;
      let score = Infinity;
      for (let p = 0; p < n; p++) score = Math.min(score, values[p]![i]![o]!);
      if (score > bestScore) [best, bestScore] = [o, score];
    }
    compromise[i] = best;
  }
  const keepsAll = () => provisional.every((_, p) => evaluator.keepsRedLines(p, compromise));
  for (let attempt = 0; attempt < 10_000 && !keepsAll(); attempt++) {
    const i = random.int(0, options.issues - 1);
    const choices = Array.from({ length: m }, (_, o) => o).filter((o) => allowed[i]![o] === 1);
    compromise[i] = random.pick(choices);
  }
  if (!keepsAll()) throw new Error(`seed ${options.seed}: no compromise outcome keeps every red line`);
  const compromiseUtilities = Array.from(evaluator.utilities(compromise));
  const parties = compromiseUtilities.map((u, p) => createParty(domain, specOf(p, Math.floor(u * options.reservationFraction * 100) / 100)));
  return { options, domain, parties, compromise, compromiseUtilities };
}
