/**
 * Assess the three bundled plan versions of the late-2025 Ukraine process by each party,
 * and print who accepts which version and why.
 *
 * Run it from the repository root:  pnpm --filter @parley/examples assess-ukraine
 */
import { fileURLToPath } from 'node:url';
import { assessPlan, partyOf, planOf } from '@parley/core';
import { loadScenario } from '@parley/core/node';

const seeds = fileURLToPath(new URL('../../seeds/ukraine-2025', import.meta.url));
const scenario = await loadScenario(seeds);

// The whole matrix: every plan version × every party.
for (const plan of scenario.plans) {
  console.log(`\n${plan.title} (${plan.date})`);
  for (const party of scenario.parties) {
    const assessment = assessPlan(party, plan);
    console.log(`  ${party.name.padEnd(16)} ${assessment.stance.padEnd(10)} utility ${assessment.utility.toFixed(2)}, margin ${assessment.margin.toFixed(2)}`);
  }
}

// One verdict in full: Russia on the 19-point draft — "some ideas are acceptable, some are not".
const verdict = assessPlan(partyOf(scenario, 'russia'), planOf(scenario, 'us-ukraine-19'));
console.log(`\n${verdict.explain()}`);
