import { ScenarioError, type Problem } from '../model/errors.js';
import { ownValue } from '../model/own-key.js';
import { ProblemList, formatPath, likelyIntended, type PathSegment } from '../model/problems.js';
import { createScenario, type Scenario } from './scenario.js';
import type { ScenarioSpec } from './scenario-spec.js';

/**
 * One assumption of a scenario changed without editing its files: a party's reservation
 * value, the weight it gives an issue, the value it gives an option, or one of its red lines
 * dropped. `label` says how the change was written (the command line's
 * `--set russia.reservationValue=0.5`), to name it in messages; without it the change is
 * named in the override language ({@link overrideLabel}).
 *
 * @example
 * ```ts
 * const overrides: ScenarioOverride[] = [
 *   { kind: 'reservationValue', party: 'russia', value: 0.5 },
 *   { kind: 'weight', party: 'russia', issue: 'nato.membership', value: 20 },
 *   { kind: 'value', party: 'russia', issue: 'nato.membership', option: 'open-door', value: 0.2 },
 *   { kind: 'dropRedLine', party: 'russia', redLine: 'recognition-of-annexed-regions' },
 * ];
 * ```
 */
export type ScenarioOverride =
  | { readonly kind: 'reservationValue'; readonly party: string; readonly value: number; readonly label?: string }
  | { readonly kind: 'weight'; readonly party: string; readonly issue: string; readonly value: number; readonly label?: string }
  | { readonly kind: 'value'; readonly party: string; readonly issue: string; readonly option: string; readonly value: number; readonly label?: string }
  | { readonly kind: 'dropRedLine'; readonly party: string; readonly redLine: string; readonly label?: string };

/** An override as it was applied: what it changed, from what, in a sentence. */
export interface AppliedOverride {
  readonly override: ScenarioOverride;
  /** How the override was written: its `label`, or {@link overrideLabel}. */
  readonly label: string;
  /**
   * For a change of a number, the number the scenario gave before it, or null when it gave
   * none (an issue it did not weigh, an option it gave no value). Left out for a dropped red line.
   */
  readonly from?: number | null;
  /** The change as a sentence: `Russia's reservation value 0.55 → 0.5`. */
  readonly text: string;
  /** Where the change is in the scenario spec, e.g. `parties[0].reservationValue`. */
  readonly path: string;
}

/**
 * How an override is written in the override language, which the `parley` command takes as
 * `--set` and `--drop`:
 *
 * - `set <party>.reservationValue=<n>`
 * - `set <party>.weights.<issue>=<n>`
 * - `set <party>.values.<issue>.<option>=<n>`
 * - `drop <party>/<red-line>`
 *
 * @example
 * ```ts
 * overrideLabel({ kind: 'weight', party: 'russia', issue: 'nato.membership', value: 20 }); // 'set russia.weights.nato.membership=20'
 * ```
 */
export function overrideLabel(override: ScenarioOverride): string {
  if (override.label !== undefined) return override.label;
  switch (override.kind) {
    case 'reservationValue':
      return `set ${override.party}.reservationValue=${override.value}`;
    case 'weight':
      return `set ${override.party}.weights.${override.issue}=${override.value}`;
    case 'value':
      return `set ${override.party}.values.${override.issue}.${override.option}=${override.value}`;
    case 'dropRedLine':
      return `drop ${override.party}/${override.redLine}`;
  }
}

/**
 * Applies `overrides`, in order, to a scenario spec before it is validated, and returns the
 * changed spec with what each override changed. The input is never mutated: the parts that
 * change are copied. A later override of the same number wins.
 *
 * The numbers are not checked here: {@link createScenario} checks them as it checks a file
 * (use {@link createScenarioWithOverrides} to have its problems name the override). What is
 * checked here is what the override names: an unknown party or red line throws a
 * {@link ScenarioError} whose problems carry the override's label as their `file`, with the
 * likely intended id. A party spec too malformed to change is left as it is, for the
 * validation to report.
 *
 * @example
 * ```ts
 * const { spec: changed, applied } = applyScenarioOverrides(spec, [
 *   { kind: 'reservationValue', party: 'russia', value: 0.5 },
 *   { kind: 'dropRedLine', party: 'russia', redLine: 'recognition-of-annexed-regions' },
 * ]);
 * applied[0]?.text; // "Russia's reservation value 0.55 → 0.5"
 * const scenario = createScenario(changed);
 * ```
 */
export function applyScenarioOverrides(spec: ScenarioSpec, overrides: readonly ScenarioOverride[]): { spec: ScenarioSpec; applied: AppliedOverride[] } {
  const problems: Problem[] = [];
  const result = applyOverridesCollecting(spec, overrides, problems);
  if (problems.length > 0) throw new ScenarioError(`The overrides of scenario "${describeId(spec)}"`, problems);
  return result;
}

/**
 * Applies `overrides` to a scenario spec ({@link applyScenarioOverrides}) and builds the
 * scenario from the result ({@link createScenario}), so that every check of a scenario file
 * applies to the overridden numbers. Every problem is reported in one {@link ScenarioError}:
 * those of the overrides (an unknown party or red line, a number out of range, an unknown
 * issue or option, a weight whose issue has no option values) carry the override's label as
 * their `file` and no path, so they read
 * `--set russia.reservationValue=1.5: reservationValue must be a number in [0, 1], …`.
 * The input is never mutated.
 *
 * @example
 * ```ts
 * const { scenario, applied } = createScenarioWithOverrides(spec, [{ kind: 'reservationValue', party: 'russia', value: 0.5, label: '--set russia.reservationValue=0.5' }]);
 * partyOf(scenario, 'russia').reservationValue; // 0.5
 * applied.map((change) => change.text); // ["Russia's reservation value 0.55 → 0.5"]
 * ```
 */
export function createScenarioWithOverrides(spec: ScenarioSpec, overrides: readonly ScenarioOverride[]): { scenario: Scenario; applied: AppliedOverride[] } {
  const problems: Problem[] = [];
  const { spec: changed, applied, blame } = applyOverridesCollecting(spec, overrides, problems);
  let scenario: Scenario | undefined;
  try {
    scenario = createScenario(changed);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    problems.push(...attributeToOverrides(error.problems, blame));
  }
  if (problems.length > 0 || scenario === undefined) throw new ScenarioError(`Scenario "${describeId(spec)}"`, problems);
  return { scenario, applied };
}

/**
 * Rewrites the problems that lie at a number an override set (the number itself, or what
 * it makes wrong: a weight's issue without option values, weights that no longer add up to
 * anything) to name the override, as `file`, instead of a path into the scenario.
 */
function attributeToOverrides(problems: readonly Problem[], blame: ReadonlyMap<string, string>): Problem[] {
  return problems.map((problem) => {
    const label = problem.file === undefined ? blame.get(problem.path) : undefined;
    return label === undefined ? problem : { ...problem, file: label, path: '' };
  });
}

/** The spec paths (under `parties[index]`) whose problems an override is to blame for. */
function blamedPaths(override: ScenarioOverride, index: number): string[] {
  const at = (...segments: PathSegment[]) => formatPath(['parties', index, ...segments]);
  switch (override.kind) {
    case 'reservationValue':
      return [at('reservationValue')];
    case 'weight':
      return [at('preferences', 'weights', override.issue), at('preferences', 'weights'), at('preferences', 'values', override.issue)];
    case 'value':
      return [at('preferences', 'values', override.issue, override.option), at('preferences', 'values', override.issue)];
    case 'dropRedLine':
      return [];
  }
}

/** {@link applyScenarioOverrides}, adding its problems to `problems` instead of throwing. */
function applyOverridesCollecting(
  spec: ScenarioSpec,
  overrides: readonly ScenarioOverride[],
  problems: Problem[],
): { spec: ScenarioSpec; applied: AppliedOverride[]; blame: Map<string, string> } {
  const applied: AppliedOverride[] = [];
  /** Spec path → the label of the override last to blame for the problems there. */
  const blame = new Map<string, string>();
  const source = (spec as { parties?: unknown }).parties;
  if (overrides.length === 0 || !Array.isArray(source)) return { spec, applied, blame };
  const parties: unknown[] = [...source];
  /** Red lines dropped so far, by `party/red-line`, with the label that dropped them. */
  const dropped = new Map<string, string>();
  for (const override of overrides) {
    const label = overrideLabel(override);
    const found = new ProblemList();
    const index = parties.findIndex((party) => isRecord(party) && party['id'] === override.party);
    if (index < 0) {
      found.unknown('unknown-party', [], 'party', override.party, parties.flatMap((party) => (isRecord(party) && typeof party['id'] === 'string' ? [party['id']] : [])));
      problems.push(...found.items.map((problem) => ({ ...problem, file: label })));
      continue;
    }
    const party = parties[index] as Record<string, unknown>;
    const name = typeof party['name'] === 'string' ? party['name'] : override.party;
    const change = applyOne(party, name, override, label, dropped, found);
    problems.push(...found.items.map((problem) => ({ ...problem, file: label })));
    if (change === undefined) continue;
    parties[index] = change.party;
    applied.push({ override, label, ...(change.from === undefined ? {} : { from: change.from }), text: change.text, path: formatPath(['parties', index, ...change.path]) });
    for (const path of blamedPaths(override, index)) blame.set(path, label);
  }
  return { spec: applied.length === 0 ? spec : ({ ...spec, parties } as ScenarioSpec), applied, blame };
}

/** A party spec with one override applied, or undefined when it cannot be (a problem says why, or the validation will). */
function applyOne(
  party: Record<string, unknown>,
  name: string,
  override: ScenarioOverride,
  label: string,
  dropped: Map<string, string>,
  problems: ProblemList,
): { party: Record<string, unknown>; from?: number | null; text: string; path: PathSegment[] } | undefined {
  const preferences = party['preferences'];
  switch (override.kind) {
    case 'reservationValue': {
      const from = numberOrNull(party['reservationValue']);
      return {
        party: { ...party, reservationValue: override.value },
        from,
        text: `${name}'s reservation value ${shown(from)} → ${override.value}`,
        path: ['reservationValue'],
      };
    }
    case 'weight': {
      if (!isRecord(preferences) || !isRecord(preferences['weights'])) return undefined;
      const weights = preferences['weights'];
      const from = numberOrNull(ownValue(weights, override.issue));
      return {
        party: { ...party, preferences: { ...preferences, weights: withOwn(weights, override.issue, override.value) } },
        from,
        text: `${name}'s weight of ${override.issue} ${from === null ? '0 (not weighed)' : from} → ${override.value}`,
        path: ['preferences', 'weights', override.issue],
      };
    }
    case 'value': {
      if (!isRecord(preferences) || !isRecord(preferences['values'])) return undefined;
      const values = preferences['values'];
      const table = ownValue(values, override.issue);
      if (table !== undefined && !isRecord(table)) return undefined;
      const from = table === undefined ? null : numberOrNull(ownValue(table, override.option));
      return {
        party: { ...party, preferences: { ...preferences, values: withOwn(values, override.issue, withOwn(table ?? {}, override.option, override.value)) } },
        from,
        text: `${name}'s value of ${override.option} on ${override.issue} ${shown(from)} → ${override.value}`,
        path: ['preferences', 'values', override.issue, override.option],
      };
    }
    case 'dropRedLine': {
      const redLines = party['redLines'];
      if (!Array.isArray(redLines)) return undefined;
      const index = redLines.findIndex((redLine) => isRecord(redLine) && redLine['id'] === override.redLine);
      if (index < 0) {
        const earlier = dropped.get(`${override.party}/${override.redLine}`);
        if (earlier !== undefined) {
          problems.add('unknown-red-line', [], `the red line "${override.redLine}" of ${name} is dropped already, by ${earlier}`);
          return undefined;
        }
        const ids = redLines.flatMap((redLine) => (isRecord(redLine) && typeof redLine['id'] === 'string' ? [redLine['id']] : []));
        const suggestion = likelyIntended(override.redLine, ids);
        const known = suggestion === undefined ? `; its red lines are ${ids.length === 0 ? 'none' : ids.map((id) => `"${id}"`).join(', ')}` : '';
        problems.add('unknown-red-line', [], `${name} has no red line "${override.redLine}"${known}`, suggestion);
        return undefined;
      }
      dropped.set(`${override.party}/${override.redLine}`, label);
      const redLine = redLines[index] as Record<string, unknown>;
      const sentence = typeof redLine['text'] === 'string' ? ` (“${redLine['text']}”)` : '';
      return {
        party: { ...party, redLines: redLines.filter((_, at) => at !== index) },
        text: `${name} drops its red line ${override.redLine}${sentence}`,
        path: ['redLines', index],
      };
    }
  }
}

/** A copy of `record` with `key` set as its own property (also `__proto__`, which assignment would not set). */
function withOwn(record: Readonly<Record<string, unknown>>, key: string, value: unknown): Record<string, unknown> {
  return { ...record, [key]: value };
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

function shown(value: number | null): string {
  return value === null ? '(not set)' : String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describeId(spec: unknown): string {
  const id = (spec as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : '?';
}
