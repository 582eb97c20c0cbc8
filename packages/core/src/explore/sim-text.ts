import type { Domain } from '../domain.js';
import { OPEN } from '../outcome.js';
import type { PlanSpec } from '../specs.js';
import type { SimText } from './judge.js';

/**
 * A plan text as the simulation judges it: its settlement (one option per issue, or
 * `OPEN`), its points' settled issues, and a cache key. Built once per text, never per run.
 *
 * @example
 * ```ts
 * const text = simTextOf(scenario.domain, planOf(scenario, 'us-28'));
 * text.points.length; // 28
 * ```
 */
export function simTextOf(domain: Domain, spec: PlanSpec): SimText {
  const settlement = new Int16Array(domain.issues.length).fill(OPEN);
  const settledBy: number[][] = domain.issues.map(() => []);
  const points = spec.points.map((point) => {
    const issues: number[] = [];
    const options: number[] = [];
    for (const provision of point.provisions) {
      const issue = domain.issueIndex(provision.issue);
      const option = domain.optionIndex(issue, provision.option);
      issues.push(issue);
      options.push(option);
      settlement[issue] = option;
      if (!settledBy[issue]!.includes(point.number)) settledBy[issue]!.push(point.number);
    }
    return { number: point.number, issues, options };
  });
  const key = settlementKey(settlement);
  return { settlement, points, settledBy, key, textKey: `${key}|${points.map((point) => `${point.number}:${point.issues.join('.')}`).join(' ')}` };
}

/** A settlement alone, as a text with no points: enough to score a candidate. */
export function bareText(settlement: Int16Array): SimText {
  const key = settlementKey(settlement);
  return { settlement, points: [], settledBy: Array.from(settlement, () => []), key, textKey: `${key}|bare` };
}

function settlementKey(settlement: Int16Array): string {
  return settlement.join(',');
}
