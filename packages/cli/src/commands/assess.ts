import { assessPlan, partyOf, planOf, type Assessment, type Scenario } from '@parley/core';
import type { Command } from 'commander';
import type { Output } from '../output.js';
import { addOverrideOptions, loadScenarioFor, withOverrides, type OverrideOptions } from '../scenario-overrides.js';
import { key, renderAssessmentMatrix } from '../render/assessment-matrix.js';

/** Options of `parley assess`. */
export interface AssessOptions extends OverrideOptions {
  readonly json?: boolean;
  readonly plan?: readonly string[];
  readonly party?: readonly string[];
}

/**
 * Assesses the chosen plans by the chosen parties (all of them by default): the data
 * behind `parley assess`, keyed by plan × party.
 *
 * @example
 * ```ts
 * const { assessments } = assessmentReport(scenario, { plan: ['us-28'] });
 * assessments.size; // one per party
 * ```
 */
export function assessmentReport(scenario: Scenario, options: AssessOptions = {}) {
  const plans = options.plan === undefined || options.plan.length === 0 ? scenario.plans : options.plan.map((id) => planOf(scenario, id));
  const parties = options.party === undefined || options.party.length === 0 ? scenario.parties : options.party.map((id) => partyOf(scenario, id));
  const assessments = new Map<string, Assessment>();
  for (const plan of plans) for (const party of parties) assessments.set(key(plan, party), assessPlan(party, plan));
  return { plans, parties, assessments };
}

/** Adds `parley assess <scenario-dir>` to `program`. */
export function registerAssess(program: Command, output: Output): void {
  const command = program
    .command('assess')
    .description('Assess every plan version by every party: who accepts, who rejects, and why.')
    .argument('<scenario-dir>', 'a scenario directory (with scenario.yaml) or scenario file')
    .option('--json', 'print machine-readable JSON instead of tables')
    .option('--plan <id...>', 'only these plan versions')
    .option('--party <id...>', 'only these parties')
    .addHelpText('after', '\nExamples:\n  pnpm parley assess seeds/ukraine-2025\n  pnpm parley assess seeds/ukraine-2025 --plan us-28 --party ukraine\n  pnpm parley assess seeds/ukraine-2025 --json > verdicts.json\n  pnpm parley assess seeds/ukraine-2025 --set russia.reservationValue=0.5 --drop russia/recognition-of-annexed-regions');
  addOverrideOptions(command)
    .action(async (dir: string, options: AssessOptions) => {
      const { scenario, applied } = await loadScenarioFor(dir, options, output);
      const { plans, parties, assessments } = assessmentReport(scenario, options);
      if (options.json === true) {
        output.out(JSON.stringify(withOverrides({
          scenario: { id: scenario.id, title: scenario.title, asOf: scenario.asOf ?? null },
          plans: plans.map((plan) => ({ id: plan.id, title: plan.title, date: plan.date, author: plan.author, points: plan.points })),
          parties: parties.map((party) => ({ id: party.id, name: party.name })),
          assessments: [...assessments.values()],
        }, applied), null, 2));
        return;
      }
      renderAssessmentMatrix(scenario, plans, parties, assessments, output);
    });
}
