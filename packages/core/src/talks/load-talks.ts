import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { ScenarioError } from '../errors.js';
import type { Scenario } from '../scenario.js';
import { createTalks, type TalksSpec } from './timeline.js';

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
  const file = join(directory, fileName);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ScenarioError(`Talks at ${directory}`, [{ code: 'missing-file', path: '', file: fileName, message: `cannot read ${file}; a scenario needs a ${fileName} to run its talks` }]);
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ScenarioError(
      `Talks at ${directory}`,
      document.errors.map((error) => ({
        code: 'invalid-syntax' as const,
        path: '',
        file: fileName,
        message: `not valid YAML: ${error.linePos?.[0] === undefined ? '' : `line ${error.linePos[0].line}, column ${error.linePos[0].col}: `}${error.message.split('\n')[0]}`,
      })),
    );
  }
  return createTalks(scenario, document.toJS(), fileName);
}
