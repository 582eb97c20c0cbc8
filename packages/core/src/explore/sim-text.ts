import type { Domain } from '../model/domain.js';
import { bindPlan } from '../model/plan.js';
import type { PlanSpec } from '../model/specs.js';
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
  // The settlement and who settles what, as the plan itself works them out.
  const plan = bindPlan(domain, spec);
  const settlement = plan.settlement;
  const points = spec.points.map((point) => {
    const issues = point.provisions.map((provision) => domain.issueIndex(provision.issue));
    return { number: point.number, issues, options: issues.map((issue) => settlement[issue]!) };
  });
  const key = settlementKey(settlement);
  return { settlement, points, settledBy: plan.settledBy, key, textKey: `${key}|${points.map((point) => `${point.number}:${point.issues.join('.')}`).join(' ')}` };
}

/** A settlement alone, as a text with no points: enough to score a candidate. */
export function bareText(settlement: Int16Array): SimText {
  const key = settlementKey(settlement);
  return { settlement, points: [], settledBy: Array.from(settlement, () => []), key, textKey: `${key}|bare` };
}

function settlementKey(settlement: Int16Array): string {
  return settlement.join(',');
}
