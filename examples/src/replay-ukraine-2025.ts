/**
 * Replay the late-2025 talks from the bundled timeline, then let the mediator try a few
 * more rounds on its own, and print how each run ended.
 *
 * Run it from the repository root:  pnpm --filter @parley/examples replay-ukraine
 */
import { fileURLToPath } from 'node:url';
import { runScenario } from '@parley/core';
import { loadScenario, loadTalks } from '@parley/core/node';

const seeds = fileURLToPath(new URL('../../seeds/ukraine-2025', import.meta.url));
const scenario = await loadScenario(seeds);
const talks = await loadTalks(seeds, scenario);

// The timeline alone: 20 November – 2 December 2025.
const replay = runScenario(scenario, talks, { seed: 1 });
for (const step of replay.steps) {
  if (step.effect?.kind === 'response') {
    const { party, decision, version, reason } = step.effect.response;
    console.log(`${step.date}  ${party.padEnd(14)} ${decision.padEnd(8)} ${version}: ${reason}`);
  } else if (step.effect?.kind === 'revised') {
    console.log(`${step.date}  revised ${step.effect.from} → ${step.effect.to}: ${step.effect.rationale}`);
  }
}
console.log(`\n${replay.final.status}: ${replay.final.reason}`);
console.log(`unresolved: ${replay.final.unresolvedIssues.join(', ')}`);

// What if the mediator went on revising? Three seeds, six more rounds each.
for (const seed of [1, 2, 3]) {
  const more = runScenario(scenario, talks, { seed, continueRounds: 6 });
  console.log(`seed ${seed}: ${more.final.status} after ${more.revisions.length} revisions; unresolved: ${more.final.unresolvedIssues.join(', ')}`);
}
