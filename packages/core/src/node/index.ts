/**
 * Node.js entry point (`@parley/core/node`): reading scenarios from disk. The rest of
 * the library needs no file system and runs anywhere.
 */
import { readFile } from 'node:fs/promises';
import { dirname, extname, relative, resolve } from 'node:path';
import { ScenarioError, type Problem } from '../model/errors.js';
import { readDataFile } from './read-data-file.js';
import { Domain, validateDomainSpec } from '../model/domain.js';
import { validatePartySpec } from '../model/party.js';
import { checkRevisionShape } from '../history/validate-revision.js';
import { validatePlanSpec } from '../model/plan.js';
import { ProblemList } from '../model/problems.js';
import { createScenarioWithOverrides, overrideLabel, type AppliedOverride, type ScenarioOverride } from '../scenario/overrides.js';
import type { Scenario } from '../scenario/scenario.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';

/** Where each part of an assembled scenario came from, for pointing problems at files. */
interface Origins {
  readonly parts: Map<string, string>;
}

/**
 * Reads a scenario from a directory (or its `scenario.yaml` / `scenario.json` file) and
 * validates it. The scenario file holds the header and either inline parts or file names
 * for `sources`, `domain`, each of `parties`, each of `plans` and each of `revisions`,
 * relative to itself:
 *
 * ```yaml
 * id: ukraine-2025
 * title: The late-2025 US-brokered Ukraine peace process
 * sources: sources.yaml
 * domain: domain.yaml
 * parties: [parties/russia.yaml, parties/ukraine.yaml]
 * plans: [plans/us-28.yaml]
 * revisions: [revisions/us-ukraine-19.yaml, revisions/e3-counterproposal.yaml]
 * ```
 *
 * Each revision is applied in order after the plans and adds its result to `plans`; the
 * revisions themselves, with their patches, are `scenario.revisions`.
 *
 * Files ending in `.json` are read as JSON, all others as YAML. Every problem in every
 * file (syntax, shape, unknown references with suggestions, duplicates) is reported in
 * one {@link ScenarioError} whose problems name the file and the path inside it.
 *
 * @example
 * ```ts
 * import { loadScenario } from '@parley/core/node';
 * const scenario = await loadScenario('seeds/ukraine-2025');
 * scenario.plans.map((plan) => plan.id); // ['us-28', 'us-ukraine-19', 'e3-counterproposal']
 * ```
 */
export async function loadScenario(path: string): Promise<Scenario> {
  return (await loadScenarioWithOverrides(path, [])).scenario;
}

/**
 * Reads a scenario as {@link loadScenario} does, with `overrides` applied to what the files
 * say before it is validated and built (see `createScenarioWithOverrides`): every check of
 * the files applies to the overridden numbers, and a problem an override causes names the
 * override (its `label`, e.g. `--set russia.reservationValue=1.5`) instead of a file. The
 * files are only read. `applied` says what each override changed, from what.
 *
 * @example
 * ```ts
 * import { loadScenarioWithOverrides } from '@parley/core/node';
 * const { scenario, applied } = await loadScenarioWithOverrides('seeds/ukraine-2025', [
 *   { kind: 'reservationValue', party: 'russia', value: 0.5 },
 *   { kind: 'dropRedLine', party: 'russia', redLine: 'recognition-of-annexed-regions' },
 * ]);
 * applied.map((change) => change.text); // ["Russia's reservation value 0.55 → 0.5", 'Russia drops its red line recognition-of-annexed-regions (“Crimea, …”)']
 * ```
 */
export async function loadScenarioWithOverrides(path: string, overrides: readonly ScenarioOverride[]): Promise<{ scenario: Scenario; applied: AppliedOverride[] }> {
  const scenarioFile = await locateScenarioFile(path);
  const baseDir = dirname(scenarioFile);
  const problems: Problem[] = [];
  const origins: Origins = { parts: new Map() };
  const header = await readDataFile(scenarioFile, baseDir, problems);
  if (header === undefined) throw new ScenarioError(`Scenario at ${path}`, problems);
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new ScenarioError(`Scenario at ${path}`, [{ code: 'invalid-shape', path: '', file: relative(baseDir, scenarioFile), message: 'the scenario file must hold an object with id, title, domain, parties and plans' }]);
  }
  const raw = header as Record<string, unknown>;
  const resolvePart = async (value: unknown, partPath: string): Promise<unknown> => {
    if (typeof value !== 'string') return value;
    const file = resolve(baseDir, value);
    origins.parts.set(partPath, relative(baseDir, file));
    return readDataFile(file, baseDir, problems);
  };
  const spec: Record<string, unknown> = { ...raw };
  spec['sources'] = await resolvePart(raw['sources'], 'sources');
  if (spec['sources'] === undefined) delete spec['sources'];
  spec['domain'] = await resolvePart(raw['domain'], 'domain');
  if (raw['control'] !== undefined) spec['control'] = await resolvePart(raw['control'], 'control');
  for (const key of ['parties', 'plans', 'revisions'] as const) {
    const list = raw[key];
    spec[key] = Array.isArray(list) ? await Promise.all(list.map((item, index) => resolvePart(item, `${key}[${index}]`))) : list;
  }
  if (problems.length > 0) {
    // Some files could not be read. Still check every part that could, against the domain
    // if it is valid, so that one broken file does not hide the problems of the others.
    // Cross-references are left out: they may point into the broken files.
    problems.push(...problemsOfReadableParts(spec, origins));
    throw new ScenarioError(`Scenario at ${path}`, problems);
  }
  try {
    return createScenarioWithOverrides(spec as unknown as ScenarioSpec, overrides);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    // The problems of the overrides name them already; the others get the file they are in.
    const labels = new Set(overrides.map(overrideLabel));
    const located = error.problems.map((problem) => (problem.file !== undefined && labels.has(problem.file) ? problem : attachFile(problem, origins, relative(baseDir, scenarioFile))));
    throw new ScenarioError(`Scenario at ${path}`, located);
  }
}

async function locateScenarioFile(path: string): Promise<string> {
  if (['.yaml', '.yml', '.json'].includes(extname(path))) return resolve(path);
  for (const name of ['scenario.yaml', 'scenario.yml', 'scenario.json']) {
    const candidate = resolve(path, name);
    try {
      await readFile(candidate);
      return candidate;
    } catch {
      // try the next name
    }
  }
  throw new ScenarioError(`Scenario at ${path}`, [{ code: 'missing-file', path: '', file: path, message: 'no scenario.yaml, scenario.yml or scenario.json here; pass a scenario directory or file' }]);
}

function attachFile(problem: Problem, origins: Origins, scenarioFile: string): Problem {
  for (const [prefix, file] of origins.parts) {
    if (problem.path === prefix || problem.path.startsWith(`${prefix}.`) || problem.path.startsWith(`${prefix}[`)) {
      const rest = problem.path.slice(prefix.length).replace(/^\./, '');
      return { ...problem, file, path: rest };
    }
  }
  return { ...problem, file: scenarioFile };
}

function problemsOfReadableParts(spec: Record<string, unknown>, origins: Origins): Problem[] {
  const found = new ProblemList();
  const domainSpec = spec['domain'];
  if (domainSpec === undefined || !validateDomainSpec(domainSpec, found, ['domain']) || !found.isEmpty) {
    return found.items.map((problem) => attachFile(problem, origins, ''));
  }
  const domain = new Domain(domainSpec);
  const parts = (key: 'parties' | 'plans' | 'revisions') => (Array.isArray(spec[key]) ? (spec[key] as unknown[]) : []);
  parts('parties').forEach((party, index) => party !== undefined && validatePartySpec(party, domain, found, ['parties', index]));
  parts('plans').forEach((plan, index) => plan !== undefined && validatePlanSpec(plan, domain, found, ['plans', index]));
  parts('revisions').forEach((revision, index) => revision !== undefined && checkRevisionShape(revision, found, ['revisions', index]));
  return found.items.map((problem) => attachFile(problem, origins, ''));
}
export type { AppliedOverride, ScenarioOverride } from '../scenario/overrides.js';
export { MAX_YAML_ALIASES, MAX_YAML_DEPTH } from './read-data-file.js';
export { loadGeniusScenario } from './load-genius.js';
export { loadTalks } from './load-talks.js';
export { loadPerturbation } from './load-perturbation.js';
export {
  createExplorationPool,
  exploreInParallel,
  exploreShard,
  mergeShardFiles,
  type ExplorationPool,
  type ExploreShardOptions,
  type ParallelExploreOptions,
} from './explore-in-parallel.js';
export { loadTournamentConfig, tournamentOptionsOf, type TournamentConfig } from './load-tournament.js';
export { mergeTournamentShardFiles, runTournamentInParallel, type ParallelTournamentOptions } from './tournament-in-parallel.js';
export { loadGmcrFile } from './load-gmcr.js';
export { caseSchema, loadCase } from './load-case.js';
