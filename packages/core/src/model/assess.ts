import type { Assessment } from './assessment.js';
import type { Domain } from './domain.js';
import { ParleyError } from './errors.js';
import { explainedAssessment } from './explanation.js';
import type { Outcome } from './outcome.js';
import { compiledParty, type Party } from './party.js';
import { bareText, planTextOf } from './plan-text.js';
import type { Plan } from './plan.js';
import { lowReliabilityKeysOf } from './source-reliability.js';
import { viewOf } from './text-view.js';

/**
 * How `party` judges `plan`: whether it accepts, its utility and margin over its
 * reservation value, every red line the plan crosses and the points that cause it, a
 * verdict for every point, and the open issues that still block acceptance.
 *
 * Issues the plan does not settle are treated as open, never as a default: a red line
 * that depends on an open issue is *undetermined*, and the party cannot accept until the
 * issue is settled. The utility reported is the lowest the party can be held to, over the
 * ways the open issues could be settled without crossing its own red lines.
 *
 * A point is `crosses-red-line` when it settles an issue that makes a red line crossed;
 * `objectionable` when its provisions, taken on their own, are worth less to the party
 * than its reservation value; `acceptable` otherwise.
 *
 * It is the engine's one judgement (`viewOf` on the compiled party), rendered with its
 * reasons; the sentences of `explain()` are written only when asked for.
 *
 * @example
 * ```ts
 * const scenario = await loadScenario('seeds/ukraine-2025');
 * const verdict = assessPlan(partyOf(scenario, 'ukraine'), planOf(scenario, 'us-28'));
 * verdict.accepts; // false
 * console.log(verdict.explain());
 * ```
 */
export function assessPlan(party: Party, plan: Plan): Assessment {
  requireSameDomain(party.domain, plan.domain, `party "${party.id}"`, `plan "${plan.id}"`);
  const compiled = compiledParty(party);
  const text = planTextOf(plan.domain, plan);
  const sourceMarks = { party: lowReliabilityKeysOf(party), plan: lowReliabilityKeysOf(plan) };
  return explainedAssessment(compiled, party.domain, text, viewOf(compiled, text), plan, compiled.reservation, sourceMarks);
}

/**
 * How `party` judges a complete outcome (one option for every issue): whether it accepts,
 * its utility and margin, and every red line the outcome crosses with the issues that
 * cause it.
 *
 * @example
 * ```ts
 * const outcome = outcomeFromChoices(scenario.domain, choices);
 * const verdict = assessOutcome(partyOf(scenario, 'russia'), outcome);
 * verdict.violations.map((violation) => violation.text);
 * ```
 */
export function assessOutcome(party: Party, outcome: Outcome): Assessment {
  const domain = party.domain;
  if (outcome.length !== domain.issues.length) {
    throw new ParleyError('INVALID_OUTCOME', `an outcome of this domain has ${domain.issues.length} entries, one per issue; got ${outcome.length}`);
  }
  domain.issues.forEach((issue) => {
    const option = outcome[issue.index]!;
    if (option >= issue.options.length) throw new ParleyError('INVALID_OUTCOME', `issue "${issue.id}" has no option at index ${option}`);
  });
  const compiled = compiledParty(party);
  const text = bareText(outcome);
  return explainedAssessment(compiled, domain, text, viewOf(compiled, text), null, compiled.reservation, { party: lowReliabilityKeysOf(party), plan: new Set() });
}

function requireSameDomain(a: Domain, b: Domain, aName: string, bName: string): void {
  if (a === b || JSON.stringify(a) === JSON.stringify(b)) return;
  throw new ParleyError('DOMAIN_MISMATCH', `${aName} and ${bName} belong to different domains; create both against the same domain`);
}
