import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import { ScenarioError, type Problem } from '../model/errors.js';
import { ProblemList, type PathSegment } from '../model/problems.js';
import { checkShape, ruleSchema } from '../model/schema.js';
import { validateRule } from '../model/rule.js';
import { readDataFile } from './read-data-file.js';
import { loadScenario } from './index.js';
import { loadTalks } from './load-talks.js';
import { loadPerturbation } from './load-perturbation.js';
import { basePartiesOf } from '../explore/perturbation.js';
import type { BacktestCase, Snapshot } from '../forecast/backtest.js';
import type { RedLinePrice } from '../forecast/price.js';
import type { KnownFact } from '../forecast/known-at.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD, in quotes');
const sources = z.array(z.string().min(1)).min(1, 'cite at least one source key');
const dated = { date, sources, note: z.string().min(1).optional() };
const reactionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('accepts'), party: z.string().min(1), plan: z.string().min(1), ...dated }),
  z.strictObject({ kind: z.literal('rejects'), party: z.string().min(1), plan: z.string().min(1), ...dated }),
  z.strictObject({ kind: z.literal('agreement'), happened: z.boolean(), ...dated }),
  z.strictObject({ kind: z.literal('red-line-yields'), party: z.string().min(1), redLine: z.string().min(1), happened: z.boolean(), ...dated }),
], { error: 'kind must be one of accepts, rejects, agreement, red-line-yields' });

/** The schema of a backtest case's `case.yaml`. */
export const caseSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().min(1).optional(),
  use: z.enum(['design', 'scored-only'], { error: 'use must be design (the case was used to design the method) or scored-only' }),
  /** Where the scenario directory is, relative to the case directory. Default `scenario`. */
  scenario: z.string().min(1).optional(),
  known: z.array(z.strictObject({ fact: z.string().regex(/^(plan:[^/]+|[^/:]+\/[^/]+)$/, 'must be <party-id>/<red-line-id> or plan:<plan-id>'), date, sources })).optional(),
  prices: z.array(z.strictObject({
    redLine: z.string().regex(/^[^/]+\/[^/]+$/, 'must be <party-id>/<red-line-id>'),
    party: z.string().min(1),
    rule: ruleSchema,
    text: z.string().min(1),
    sources,
    assumption: z.string().min(1).optional(),
    date: date.optional(),
  })).optional(),
  snapshots: z.array(z.strictObject({ asOf: date, horizon: date, note: z.string().min(1).optional(), reactions: z.array(reactionSchema) })).min(1, 'give at least one snapshot'),
});

type CaseFile = z.infer<typeof caseSchema>;

/**
 * Reads a backtest case directory: `case.yaml` and its scenario (`scenario/`, or the path in
 * `case.yaml`'s `scenario`), with its talks and `explore.yaml` when present. Checks every
 * reference (parties, plans, red lines, source keys, dates in order) and throws one
 * `ScenarioError` listing every problem with its file and path.
 *
 * @example
 * ```ts
 * import { loadCase } from '@parley/core/node';
 * const ukraine = await loadCase('cases/ukraine-2025');
 * ukraine.snapshots.map((snapshot) => snapshot.asOf); // ['2025-11-20', '2025-11-24', '2025-11-30']
 * ```
 */
export async function loadCase(directory: string): Promise<BacktestCase> {
  const problems: Problem[] = [];
  const raw = await readDataFile(join(directory, 'case.yaml'), directory, problems, 'a case directory needs a case.yaml (docs/forecasting.md)');
  if (problems.length > 0) throw new ScenarioError(`Case at ${directory}`, problems);
  const list = new ProblemList();
  const spec = checkShape<CaseFile>(caseSchema, raw, list);
  if (spec === undefined || !list.isEmpty) throw new ScenarioError(`Case at ${directory}`, list.items.map((problem) => ({ ...problem, file: 'case.yaml' })));
  const scenarioDir = resolve(directory, spec.scenario ?? 'scenario');
  try {
    await stat(join(scenarioDir, 'scenario.yaml'));
  } catch {
    throw new ScenarioError(`Case at ${directory}`, [{ code: 'missing-file', path: 'scenario', file: 'case.yaml', message: `no scenario.yaml in ${scenarioDir}: put the scenario in ${join(directory, 'scenario')}/ or set scenario: <path> in case.yaml` }]);
  }
  const scenario = await loadScenario(scenarioDir);
  const talks = await exists(join(scenarioDir, 'talks.yaml')) ? await loadTalks(scenarioDir, scenario) : undefined;
  const exploration = await loadPerturbation(scenarioDir, basePartiesOf(scenario, talks?.setup.strategies));
  checkReferences(spec, scenario, list);
  if (!list.isEmpty) throw new ScenarioError(`Case at ${directory}`, list.items.map((problem) => ({ ...problem, file: 'case.yaml' })));
  return {
    name: spec.name,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    use: spec.use,
    scenario,
    ...(talks === undefined ? {} : { talks }),
    ...(exploration === null ? {} : { perturb: exploration.perturb }),
    known: (spec.known ?? []) as KnownFact[],
    prices: (spec.prices ?? []) as RedLinePrice[],
    snapshots: spec.snapshots as unknown as Snapshot[],
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

function checkReferences(spec: CaseFile, scenario: Awaited<ReturnType<typeof loadScenario>>, problems: ProblemList): void {
  const parties = scenario.parties.map((party) => party.id);
  const plans = scenario.plans.map((plan) => plan.id);
  const redLines = scenario.parties.flatMap((party) => party.redLines.map((line) => `${party.id}/${line.id}`));
  const keys = Object.keys(scenario.sources);
  const checkSources = (list: readonly string[], at: readonly PathSegment[]) => {
    if (keys.length > 0) list.forEach((key, k) => keys.includes(key) || problems.unknown('unknown-source', [...at, 'sources', k], 'source key (the scenario\'s sources.yaml)', key, keys));
  };
  (spec.known ?? []).forEach((fact, index) => {
    const at = ['known', index];
    if (fact.fact.startsWith('plan:')) {
      const id = fact.fact.slice(5);
      if (!plans.includes(id)) problems.unknown('unknown-plan', [...at, 'fact'], 'plan', id, plans);
    } else if (!redLines.includes(fact.fact)) problems.unknown('unknown-red-line', [...at, 'fact'], 'red line (<party>/<red-line>)', fact.fact, redLines);
    checkSources(fact.sources, at);
  });
  (spec.prices ?? []).forEach((price, index) => {
    const at = ['prices', index];
    if (!redLines.includes(price.redLine)) problems.unknown('unknown-red-line', [...at, 'redLine'], 'red line (<party>/<red-line>)', price.redLine, redLines);
    if (!parties.includes(price.party)) problems.unknown('unknown-party', [...at, 'party'], 'party', price.party, parties);
    validateRule(price.rule, scenario.domain, problems, [...at, 'rule']);
    checkSources(price.sources, at);
  });
  spec.snapshots.forEach((snapshot, index) => {
    const at: PathSegment[] = ['snapshots', index];
    if (snapshot.horizon < snapshot.asOf) problems.add('invalid-value', [...at, 'horizon'], `the horizon ${snapshot.horizon} is before asOf ${snapshot.asOf}; give a later horizon`);
    snapshot.reactions.forEach((reaction, k) => {
      const here = [...at, 'reactions', k];
      if (reaction.date <= snapshot.asOf || reaction.date > snapshot.horizon) problems.add('invalid-value', [...here, 'date'], `the reaction's date ${reaction.date} must be after asOf (${snapshot.asOf}) and by the horizon (${snapshot.horizon}); move it to the snapshot it follows`);
      if ('party' in reaction && !parties.includes(reaction.party)) problems.unknown('unknown-party', [...here, 'party'], 'party', reaction.party, parties);
      if ('plan' in reaction && !plans.includes(reaction.plan)) problems.unknown('unknown-plan', [...here, 'plan'], 'plan', reaction.plan, plans);
      if (reaction.kind === 'red-line-yields' && !redLines.includes(`${reaction.party}/${reaction.redLine}`)) problems.unknown('unknown-red-line', [...here, 'redLine'], `red line of "${reaction.party}"`, reaction.redLine, redLines.filter((id) => id.startsWith(`${reaction.party}/`)).map((id) => id.slice(id.indexOf('/') + 1)));
      checkSources(reaction.sources, here);
    });
  });
}

/** @internal The case's folder name, for messages. */
export function caseLabel(directory: string): string {
  return basename(resolve(directory));
}
