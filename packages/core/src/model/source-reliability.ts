import type { RedLineViolation, Stance } from './assessment.js';
import type { PlanSpec } from './specs.js';

/**
 * The source keys a scenario marks `reliability: low`, as the parties and plans bound in it
 * carry them (a party or plan made alone, with `createParty` or `createPlan`, carries none).
 * Kept off the bound objects' properties, as their compiled tables are: they serialise to
 * their specs.
 */
const marks = new WeakMap<object, ReadonlySet<string>>();

const NONE: ReadonlySet<string> = new Set();

/** @internal The keys of `sources` whose entry is marked `reliability: low`. */
export function lowReliabilityKeys(sources: Readonly<Record<string, unknown>>): ReadonlySet<string> {
  const low = new Set<string>();
  for (const [key, source] of Object.entries(sources)) {
    if (typeof source === 'object' && source !== null && (source as { reliability?: unknown }).reliability === 'low') low.add(key);
  }
  return low.size === 0 ? NONE : low;
}

/** @internal Records the low-reliability keys of the scenario a bound party or plan belongs to. */
export function markSources(bound: object, low: ReadonlySet<string>): void {
  if (low.size > 0) marks.set(bound, low);
}

/** @internal The low-reliability keys recorded for a bound party or plan; none for one made alone. */
export function lowReliabilityKeysOf(bound: object): ReadonlySet<string> {
  return marks.get(bound) ?? NONE;
}

/**
 * Orders source keys by their number when they are written like `S12`, else by text:
 * `S8, S10, S32`, not `S10, S32, S8`.
 *
 * @example
 * ```ts
 * ['S32', 'S8', 'S10'].sort(compareSourceKeys); // ['S8', 'S10', 'S32']
 * ```
 */
export function compareSourceKeys(a: string, b: string): number {
  const number = (key: string) => Number(/\d+/.exec(key)?.[0] ?? Number.NaN);
  const [x, y] = [number(a), number(b)];
  return Number.isNaN(x) || Number.isNaN(y) || x === y ? a.localeCompare(b) : x - y;
}

/** The source marks an assessment is judged with: the party's (for its red lines) and the plan's (for its points). */
export interface SourceMarks {
  readonly party: ReadonlySet<string>;
  readonly plan: ReadonlySet<string>;
}

/**
 * @internal What an assessment's verdict rests on, as far as sources marked
 * `reliability: low` go: whether it rests on them only, and the notes `explain()` ends with
 * (written when asked for).
 */
export interface SourceReliability {
  readonly restsOnLowReliabilitySources: boolean;
  notes(): string[];
}

const NOTHING_WEAK: SourceReliability = { restsOnLowReliabilitySources: false, notes: () => [] };

const SUFFIX = "marked reliability: low in the scenario's sources";

/**
 * @internal Whether a verdict rests only on low-reliability sources, and the notes that say so.
 *
 * A red line is crossed on two pieces of evidence: what the party said (the red line's
 * sources) and what the plan says (the sources of the points that cross it). The crossing
 * rests only on low-reliability sources when either piece is cited to such sources alone. A
 * rejection over red lines rests only on them when every crossing does; when only some do,
 * each of those gets a note of its own, and the verdict is not flagged. Any other verdict
 * rests on what the plan settles, so it is flagged when every point that settles an issue
 * cites only low-reliability sources.
 */
export function sourceReliability(stance: Stance, partyName: string, violations: readonly RedLineViolation[], plan: PlanSpec | null, sourceMarks: SourceMarks): SourceReliability {
  const { party, plan: planMarks } = sourceMarks;
  if (party.size === 0 && planMarks.size === 0) return NOTHING_WEAK;
  const onlyLow = (keys: readonly string[], low: ReadonlySet<string>) => keys.length > 0 && keys.every((key) => low.has(key));
  const marked = (keys: Iterable<string>) => [...new Set(keys)].filter((key) => party.has(key) || planMarks.has(key)).sort(compareSourceKeys).join(', ');
  const points = plan?.points ?? [];
  const sourcesOf = new Map(points.map((point) => [point.number, point.sources]));

  const crossings = violations.map((violation) => {
    const planKeys = [...new Set(violation.points.flatMap((number) => sourcesOf.get(number) ?? []))];
    const said = onlyLow(violation.sources, party);
    const written = onlyLow(planKeys, planMarks);
    return { violation, planKeys, said, written, weak: said || written };
  });

  if (stance === 'rejects' && crossings.length > 0) {
    if (crossings.every((crossing) => crossing.weak)) {
      const keys = crossings.flatMap((crossing) => [...crossing.violation.sources, ...crossing.planKeys]);
      return {
        restsOnLowReliabilitySources: true,
        notes: () => [`Note: this verdict rests only on low-reliability sources: each red line it crosses is cited to them alone, or crossed by points cited to them alone (${marked(keys)}, ${SUFFIX}).`],
      };
    }
    const weak = crossings.filter((crossing) => crossing.weak);
    if (weak.length === 0) return NOTHING_WEAK;
    return {
      restsOnLowReliabilitySources: false,
      notes: () =>
        weak.map(({ violation, planKeys, said, written }) => {
          const n = violation.points.length;
          const pieces = [
            ...(said ? [`what ${partyName} said (${marked(violation.sources)})`] : []),
            ...(written ? [`what point${n === 1 ? '' : 's'} ${violation.points.join(', ')} say${n === 1 ? 's' : ''} (${marked(planKeys)})`] : []),
          ];
          return `Note: the red line "${violation.text}" is crossed on low-reliability sources alone for ${pieces.join(' and ')}, ${SUFFIX}.`;
        }),
    };
  }

  const settling = points.filter((point) => point.provisions.length > 0);
  if (settling.length > 0 && settling.every((point) => onlyLow(point.sources, planMarks))) {
    return {
      restsOnLowReliabilitySources: true,
      notes: () => [`Note: this verdict rests only on low-reliability sources: every point that settles an issue cites only ${marked(settling.flatMap((point) => point.sources))}, ${SUFFIX}.`],
    };
  }
  return NOTHING_WEAK;
}
