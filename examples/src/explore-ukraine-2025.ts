/**
 * How robust are the verdicts on the Ukraine plans? Draws the assumptions the bundled
 * `explore.yaml` calls uncertain, 2 000 times on two worker threads, then again with wider
 * ranges, and prints how often each party accepts each plan version and which assumption
 * the verdicts hang on most.
 *
 * Run: pnpm --filter @parley/examples explore-ukraine
 */
import { fileURLToPath } from 'node:url';
import { basePartiesOf, explore, type ExploreResult } from '@parley/core';
import { exploreInParallel, loadPerturbation, loadScenario, loadTalks } from '@parley/core/node';

const dir = fileURLToPath(new URL('../../seeds/ukraine-2025', import.meta.url));
const scenario = await loadScenario(dir);
const talks = await loadTalks(dir, scenario);
const bundled = await loadPerturbation(dir, basePartiesOf(scenario, talks.setup.strategies));

const percent = (p: number) => `${(100 * p).toFixed(1)}%`;

function print(title: string, result: ExploreResult): void {
  console.log(`\n${title} (${result.runs} runs, seed ${result.seed})`);
  for (const plan of result.plans) {
    const parties = Object.entries(plan.acceptedBy).map(([party, estimate]) => `${party} ${percent(estimate.probability)} [${percent(estimate.low)}–${percent(estimate.high)}]`);
    console.log(`  ${plan.plan}: ${parties.join(', ')}; all ${percent(plan.acceptedByAll.probability)}`);
  }
  if (result.talks !== null) console.log(`  talks: agreement ${percent(result.talks.agreement.probability)}, adjourned ${percent(result.talks.endings.adjourned.probability)}`);
  const flipping = result.sensitivity.filter((entry) => entry.flips.count > 0);
  if (flipping.length === 0) console.log('  no assumption, changed alone within its range, flips any verdict');
  for (const entry of flipping.slice(0, 5)) console.log(`  ${entry.label}: flips ${percent(entry.flips.probability)} of runs; smallest change that did: ${entry.smallestChange?.toFixed(3)}`);
}

print('Under the bundled explore.yaml', await exploreInParallel(scenario, { runs: 2000, seed: 1, talks, perturb: bundled!.perturb, workers: 2 }));
print('Reservation values ±0.3, every red line held half the time', explore(scenario, { runs: 1000, seed: 1, talks, perturb: { reservation: 0.3, redLines: 0.5 } }));
