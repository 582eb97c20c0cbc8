/** Reading a GMCR+ / gmcr-py save file (`.gmcr`) from disk. Node.js only; the reading itself is `gmcrConflict`. */
import { basename, dirname, resolve } from 'node:path';
import { ScenarioError, type Problem } from '../model/errors.js';
import { gmcrConflict, type GmcrConflict } from '../stability/gmcr-file.js';
import { readDataFile } from './read-data-file.js';

/**
 * Reads a `.gmcr` file (the JSON save file of GMCR+ and gmcr-py) into a Parley scenario for
 * the stability analysis: one yes/no issue per option, one party per decision maker, the
 * infeasible patterns as red lines (analyse with `redLines: 'infeasible'`), the irreversible
 * options as one-way moves, and every feasible state as a named outcome `state-<n>` in the
 * program's numbering. Problems (syntax, shape, references) come in one `ScenarioError`
 * naming the file and the path inside it.
 *
 * @example
 * ```ts
 * import { loadGmcrFile } from '@parley/core/node';
 * import { stabilityAnalysis } from '@parley/core';
 * const conflict = await loadGmcrFile('packages/core/tests/fixtures/gmcr/elmira.gmcr');
 * stabilityAnalysis(conflict.scenario, { redLines: conflict.redLines, equilibria: ['nash'] }).equilibria[0]?.count;
 * ```
 */
export async function loadGmcrFile(file: string): Promise<GmcrConflict> {
  const problems: Problem[] = [];
  const full = resolve(file);
  // A .gmcr file is JSON, which the YAML reader reads too (syntax errors with line and column).
  const value = await readDataFile(full, dirname(full), problems, 'check the file name');
  if (value === undefined) throw new ScenarioError(`GMCR file ${file}`, problems);
  return gmcrConflict(value, basename(file));
}
