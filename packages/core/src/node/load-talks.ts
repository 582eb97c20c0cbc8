import { join } from 'node:path';
import { ScenarioError, type Problem } from '../model/errors.js';
import { readDataFile } from './read-data-file.js';
import type { Scenario } from '../scenario/scenario.js';
import { createTalks, type TalksSpec } from '../talks/timeline.js';

/**
 * Reads a scenario directory's `talks.yaml` (the talks set-up and the timeline) and
 * validates it against the scenario. Problems name the file and the path inside it.
 *
 * @example
 * ```ts
 * import { loadScenario, loadTalks } from '@parley/core/node';
 * const scenario = await loadScenario('seeds/ukraine-2025');
 * const talks = await loadTalks('seeds/ukraine-2025', scenario);
 * ```
 */
export async function loadTalks(directory: string, scenario: Scenario, fileName = 'talks.yaml'): Promise<TalksSpec> {
  const problems: Problem[] = [];
  const spec = await readDataFile(join(directory, fileName), directory, problems, `a scenario needs a ${fileName} to run its talks`);
  if (problems.length > 0) throw new ScenarioError(`Talks at ${directory}`, problems);
  return createTalks(scenario, spec, fileName);
}
