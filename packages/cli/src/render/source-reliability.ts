import type { Assessment, Plan, Scenario } from '@parley/core';

/** The keys of a scenario's sources marked `reliability: low`. */
export function lowReliabilitySources(scenario: Scenario): ReadonlySet<string> {
  const low = new Set<string>();
  for (const [key, source] of Object.entries(scenario.sources)) {
    if (typeof source === 'object' && source.reliability === 'low') low.add(key);
  }
  return low;
}

/**
 * The sentences that warn when an assessment rests only on sources marked
 * `reliability: low`; none when it does not (or the scenario marks no source).
 *
 * A red line is crossed on two pieces of evidence: what the party said (the red line's
 * sources) and what the plan says (the sources of the points that cross it). The crossing
 * rests only on low-reliability sources when either piece is cited to such sources alone.
 * A rejection over red lines rests only on them when every crossing does. Any other verdict
 * rests on what the plan settles, so it is flagged when every point that settles an issue
 * cites only low-reliability sources.
 *
 * @example
 * ```ts
 * lowReliabilityNotes(scenario, planOf(scenario, 'us-28'), assessPlan(ukraine, plan));
 * // [] — or ['Note: this verdict rests only on low-reliability sources (S12) …']
 * ```
 */
export function lowReliabilityNotes(scenario: Scenario, plan: Plan, assessment: Assessment): string[] {
  const low = lowReliabilitySources(scenario);
  if (low.size === 0) return [];
  const onlyLow = (keys: readonly string[]) => keys.length > 0 && keys.every((key) => low.has(key));
  const sourcesOf = new Map(plan.points.map((point) => [point.number, point.sources]));
  const marked = (keys: Iterable<string>) => [...new Set(keys)].filter((key) => low.has(key)).sort(byKey).join(', ');
  const suffix = 'marked reliability: low in the scenario\'s sources';

  const crossings = assessment.violations.map((violation) => {
    const planKeys = [...new Set(violation.points.flatMap((number) => sourcesOf.get(number) ?? []))];
    const weak = [
      ...(onlyLow(violation.sources) ? [`what ${assessment.partyName} said (${marked(violation.sources)})`] : []),
      ...(onlyLow(planKeys) ? [`what point${violation.points.length === 1 ? '' : 's'} ${violation.points.join(', ')} say${violation.points.length === 1 ? 's' : ''} (${marked(planKeys)})`] : []),
    ];
    return { violation, weak, keys: [...violation.sources, ...planKeys] };
  });

  if (assessment.stance === 'rejects' && crossings.length > 0) {
    if (crossings.every((crossing) => crossing.weak.length > 0)) {
      return [`Note: this verdict rests only on low-reliability sources: each red line it crosses is cited to them alone, or crossed by points cited to them alone (${marked(crossings.flatMap((crossing) => crossing.keys))}, ${suffix}).`];
    }
    return crossings
      .filter((crossing) => crossing.weak.length > 0)
      .map((crossing) => `Note: the red line "${crossing.violation.text}" is crossed on low-reliability sources alone for ${crossing.weak.join(' and ')}, ${suffix}.`);
  }

  const settling = plan.points.filter((point) => point.provisions.length > 0);
  const keys = settling.flatMap((point) => point.sources);
  if (settling.length > 0 && settling.every((point) => onlyLow(point.sources))) {
    return [`Note: this verdict rests only on low-reliability sources: every point that settles an issue cites only ${marked(keys)}, ${suffix}.`];
  }
  return [];
}

/** Orders source keys by their number when they are written like S12, else by text. */
export function byKey(a: string, b: string): number {
  const number = (key: string) => Number(/\d+/.exec(key)?.[0] ?? Number.NaN);
  const [x, y] = [number(a), number(b)];
  return Number.isNaN(x) || Number.isNaN(y) || x === y ? a.localeCompare(b) : x - y;
}
