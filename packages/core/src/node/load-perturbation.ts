import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ScenarioError, type Problem } from '../model/errors.js';
import { readDataFile } from './read-data-file.js';
import { validateExplorationFile, type ExplorationFile } from '../explore/perturbation.js';
import type { RunParty } from '../explore/run-party.js';

/**
 * Reads a scenario directory's exploration file (`explore.yaml`, or `.json`): the uncertain
 * assumptions under `perturb`, and optionally the default number of runs (`runs`) and free
 * text (`notes`, `assumption`). Returns null when the file does not exist, since a scenario
 * need not have one. Syntax, shape and reference problems (unknown party or red line, with
 * a suggestion) throw a {@link ScenarioError} whose problems name the file and the path.
 *
 * `droppedRedLines` lists red lines (`party/red-line`) dropped from the scenario after the
 * file was written (the command line's `--drop`): the file's probabilities for them are left
 * out, as a red line that is not there holds in no run.
 *
 * @example
 * ```ts
 * import { loadScenario, loadTalks, loadPerturbation } from '@parley/core/node';
 * import { basePartiesOf } from '@parley/core';
 * const scenario = await loadScenario('seeds/ukraine-2025');
 * const talks = await loadTalks('seeds/ukraine-2025', scenario);
 * const exploration = await loadPerturbation('seeds/ukraine-2025', basePartiesOf(scenario, talks.setup.strategies));
 * exploration?.runs; // 1000
 * ```
 */
export async function loadPerturbation(
  directory: string,
  parties: readonly RunParty[],
  fileName = 'explore.yaml',
  options: { readonly droppedRedLines?: readonly string[] } = {},
): Promise<ExplorationFile | null> {
  const file = join(directory, fileName);
  try {
    await stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Anything else (a permission problem, say) is reported by readDataFile below.
  }
  const problems: Problem[] = [];
  const input = await readDataFile(file, directory, problems, `check that ${fileName} is a readable file`);
  if (problems.length > 0) throw new ScenarioError(`Exploration at ${directory}`, problems);
  return validateExplorationFile(withoutRedLines(input, options.droppedRedLines ?? []), parties, fileName);
}

/** A copy of an exploration file's contents without the probabilities of `dropped` red lines (`party/red-line`). */
function withoutRedLines(input: unknown, dropped: readonly string[]): unknown {
  if (dropped.length === 0 || !isRecord(input) || !isRecord(input['perturb'])) return input;
  const perturb = input['perturb'];
  const redLines = perturb['redLines'];
  if (!isRecord(redLines)) return input;
  const kept = Object.fromEntries(Object.entries(redLines).filter(([key]) => !dropped.includes(key)));
  return { ...input, perturb: { ...perturb, redLines: kept } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
