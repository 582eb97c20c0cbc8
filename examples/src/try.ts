import { loadScenario } from '@parley/core/node';
import { assessPlan } from '@parley/core';
const s = await loadScenario('seeds/ukraine-2025');
for (const plan of s.plans) for (const party of s.parties) {
  const a = assessPlan(party, plan);
  console.log('=====', plan.id, party.id, a.stance, a.utility.toFixed(3));
  console.log(a.explain());
}
