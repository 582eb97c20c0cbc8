import { loadScenario } from '@parley/core/node';
import { stabilityAnalysis } from '@parley/core';
const s = await loadScenario('seeds/ukraine-2025');
for (let k = 0; k < 3; k++) for (const redLines of ['never-move-to', 'infeasible'] as const) {
  const t = performance.now();
  const r = stabilityAnalysis(s, { equilibria: ['nash'], redLines });
  console.log(redLines, r.equilibria[0]!.count, r.equilibria[0]!.complete, r.exact, r.work, (performance.now() - t).toFixed(0), 'ms', r.equilibria[0]!.sets.length);
}
