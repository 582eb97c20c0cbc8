import { ParleyError, type Scenario } from '@parley/core';
import { loadScenarioWithOverrides, type AppliedOverride, type ScenarioOverride } from '@parley/core/node';
import { InvalidArgumentError, type Command } from 'commander';
import type { Output } from './output.js';

/**
 * The override language of `--set` and `--drop`: one assumption of a scenario changed from
 * the command line, without writing a file. Each option can be given any number of times;
 * the overrides apply in order (a later `--set` of the same number wins), to what the files
 * say, before the scenario is checked and built.
 *
 * ```
 * --set <party>.reservationValue=<n>          e.g. --set russia.reservationValue=0.5
 * --set <party>.weights.<issue>=<n>           e.g. --set russia.weights.nato.membership=20
 * --set <party>.values.<issue>.<option>=<n>   e.g. --set russia.values.nato.membership.open-door=0.2
 * --drop <party>/<red-line>                   e.g. --drop russia/recognition-of-annexed-regions
 * ```
 *
 * The party is what comes before the first dot, the field after it; an issue id may contain
 * dots, and in `values` the option is what follows the last dot.
 */
export interface OverrideOptions {
  readonly set?: readonly ScenarioOverride[];
  readonly drop?: readonly ScenarioOverride[];
}

/** The fields `--set` can change. */
const FIELDS = ['reservationValue', 'weights', 'values'] as const;

const SET_FORMS = '<party>.reservationValue=<n>, <party>.weights.<issue>=<n> or <party>.values.<issue>.<option>=<n>';

/**
 * Reads one `--set` value: `russia.reservationValue=0.5`, `russia.weights.nato.membership=20`
 * or `russia.values.nato.membership.open-door=0.2`. A value that is not written so (no `=`,
 * no number after it, an unknown field) is a usage error that says how to write it; what it
 * names (the party, the issue, the option) and the number's range are checked against the
 * scenario when it is loaded.
 *
 * @example
 * ```ts
 * parseSetOverride('russia.weights.nato.membership=20');
 * // { kind: 'weight', party: 'russia', issue: 'nato.membership', value: 20, label: '--set russia.weights.nato.membership=20' }
 * ```
 */
export function parseSetOverride(text: string): ScenarioOverride {
  const label = `--set ${text}`;
  const equals = text.indexOf('=');
  if (equals < 0) throw new InvalidArgumentError(`no "=": write the assumption, "=" and its new number, as ${SET_FORMS}; e.g. russia.reservationValue=0.5`);
  const target = text.slice(0, equals).trim();
  const number = text.slice(equals + 1).trim();
  const value = Number(number);
  if (number === '' || !Number.isFinite(value)) throw new InvalidArgumentError(`${number === '' ? 'no number' : `"${number}" is not a finite number`} after "=": write the new number, e.g. ${target === '' ? 'russia.reservationValue' : target}=0.5`);
  const dot = target.indexOf('.');
  const party = dot < 0 ? target : target.slice(0, dot);
  if (party === '') throw new InvalidArgumentError(`no party before the field: write ${SET_FORMS}`);
  if (dot < 0) throw new InvalidArgumentError(`"${target}" names no field of the party: write ${SET_FORMS}`);
  const rest = target.slice(dot + 1);
  const fieldEnd = rest.indexOf('.');
  const field = fieldEnd < 0 ? rest : rest.slice(0, fieldEnd);
  const key = fieldEnd < 0 ? '' : rest.slice(fieldEnd + 1);
  switch (field) {
    case 'reservationValue':
      if (fieldEnd >= 0) throw new InvalidArgumentError(`reservationValue is one number for the party: write ${party}.reservationValue=${number}`);
      return { kind: 'reservationValue', party, value, label };
    case 'weights':
      if (key === '') throw new InvalidArgumentError(`say which issue's weight: write ${party}.weights.<issue>=${number}`);
      return { kind: 'weight', party, issue: key, value, label };
    case 'values': {
      const lastDot = key.lastIndexOf('.');
      if (lastDot <= 0 || lastDot === key.length - 1) throw new InvalidArgumentError(`say which issue and option: write ${party}.values.<issue>.<option>=${number}`);
      return { kind: 'value', party, issue: key.slice(0, lastDot), option: key.slice(lastDot + 1), value, label };
    }
    default: {
      const suggestion = likelyField(field);
      throw new InvalidArgumentError(`unknown field "${field}"${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}; --set changes ${FIELDS.join(', ')}: write ${SET_FORMS}`);
    }
  }
}

/**
 * Reads one `--drop` value: `<party>/<red-line>`, e.g. `russia/recognition-of-annexed-regions`.
 *
 * @example
 * ```ts
 * parseDropOverride('russia/no-western-troops');
 * // { kind: 'dropRedLine', party: 'russia', redLine: 'no-western-troops', label: '--drop russia/no-western-troops' }
 * ```
 */
export function parseDropOverride(text: string): ScenarioOverride {
  const slash = text.indexOf('/');
  const party = slash < 0 ? '' : text.slice(0, slash).trim();
  const redLine = slash < 0 ? '' : text.slice(slash + 1).trim();
  if (party === '' || redLine === '') throw new InvalidArgumentError('write the party and the red line as <party>/<red-line>, e.g. russia/recognition-of-annexed-regions');
  return { kind: 'dropRedLine', party, redLine, label: `--drop ${text}` };
}

/** The field a misspelt one most likely means: one that starts with the same three letters or more, ignoring case. */
function likelyField(field: string): string | undefined {
  const lower = field.toLowerCase();
  let best: { field: string; shared: number } | undefined;
  for (const candidate of FIELDS) {
    const other = candidate.toLowerCase();
    let shared = 0;
    while (shared < lower.length && shared < other.length && lower[shared] === other[shared]) shared++;
    if (shared >= 3 && (best === undefined || shared > best.shared)) best = { field: candidate, shared };
  }
  return best?.field;
}

/** A commander option parser that collects every occurrence of a repeatable option. */
function collect(parse: (text: string) => ScenarioOverride) {
  return (text: string, previous: readonly ScenarioOverride[] | undefined): readonly ScenarioOverride[] => [...(previous ?? []), parse(text)];
}

/**
 * Adds `--set` and `--drop` (repeatable) to a command that loads a scenario, and the
 * override language to its help.
 *
 * @example
 * ```ts
 * addOverrideOptions(program.command('assess').argument('<scenario-dir>'));
 * ```
 */
export function addOverrideOptions(command: Command): Command {
  return command
    .addHelpText('after', overridesHelp)
    .option('--set <party.field=n>', 'change one number of a party without editing a file (repeatable; see "Overrides" below), e.g. russia.reservationValue=0.5', collect(parseSetOverride))
    .option('--drop <party/red-line>', 'drop one red line of a party without editing a file (repeatable), e.g. russia/recognition-of-annexed-regions', collect(parseDropOverride));
}

/** Every override of a command's options, `--set` ones first, each in the order given. */
export function overridesOf(options: OverrideOptions): ScenarioOverride[] {
  return [...(options.set ?? []), ...(options.drop ?? [])];
}

/**
 * Refuses overrides where there is no scenario file to apply them to (`what`, e.g.
 * `--genius`): a usage error.
 */
export function refuseOverrides(options: OverrideOptions, what: string): void {
  const first = overridesOf(options)[0];
  if (first !== undefined) throw new ParleyError('USAGE', `${first.label ?? '--set'}: --set and --drop change the files of a scenario directory as they are read, and ${what} reads none`);
}

/**
 * Loads the scenario at `dir` with the command's `--set` and `--drop` applied, and says on
 * stderr which were applied ({@link sayOverrides}).
 *
 * @example
 * ```ts
 * const { scenario, applied } = await loadScenarioFor(dir, options, output);
 * ```
 */
export async function loadScenarioFor(dir: string, options: OverrideOptions, output: Output): Promise<{ scenario: Scenario; applied: AppliedOverride[] }> {
  const loaded = await loadScenarioWithOverrides(dir, overridesOf(options));
  sayOverrides(output, loaded.applied);
  return loaded;
}

/**
 * Says on stderr which overrides were applied, in one line, so that no output made with
 * them passes for the scenario as written:
 * `With overrides: Russia's reservation value 0.55 → 0.5; Russia drops its red line …`.
 * Nothing when there are none.
 */
export function sayOverrides(output: Output, applied: readonly AppliedOverride[]): void {
  const line = overridesLine(applied);
  if (line !== undefined) output.err(output.colors.yellow(line));
}

/** `With overrides: …; …` for the applied overrides, or undefined when there are none. */
export function overridesLine(applied: readonly AppliedOverride[]): string | undefined {
  return applied.length === 0 ? undefined : `With overrides: ${applied.map((change) => change.text).join('; ')}.`;
}

/** One applied override in `--json` output. */
export interface OverrideJson {
  /** As given on the command line, e.g. `--set russia.reservationValue=0.5`. */
  readonly given: string;
  readonly kind: ScenarioOverride['kind'];
  readonly party: string;
  readonly issue?: string;
  readonly option?: string;
  readonly redLine?: string;
  /** The number before (null when the scenario gave none); left out for a dropped red line. */
  readonly from?: number | null;
  /** The number after; left out for a dropped red line. */
  readonly to?: number;
  /** The change as a sentence. */
  readonly text: string;
}

/** The applied overrides as `--json` lists them. */
export function overridesJson(applied: readonly AppliedOverride[]): OverrideJson[] {
  return applied.map(({ override, label, from, text }) => {
    const { kind, party } = override;
    return {
      given: label,
      kind,
      party,
      ...(override.kind === 'weight' || override.kind === 'value' ? { issue: override.issue } : {}),
      ...(override.kind === 'value' ? { option: override.option } : {}),
      ...(override.kind === 'dropRedLine' ? { redLine: override.redLine } : {}),
      ...(from === undefined ? {} : { from }),
      ...(override.kind === 'dropRedLine' ? {} : { to: override.value }),
      text,
    };
  });
}

/**
 * `json` with the applied overrides under `overrides`, when there are any: the JSON of a
 * command run without `--set` or `--drop` is as it always was.
 */
export function withOverrides<T extends object>(json: T, applied: readonly AppliedOverride[]): T | (T & { overrides: OverrideJson[] }) {
  return applied.length === 0 ? json : { ...json, overrides: overridesJson(applied) };
}

/** The `party/red-line` of every red line the overrides drop (for the exploration file). */
export function droppedRedLines(applied: readonly AppliedOverride[]): string[] {
  return applied.flatMap(({ override }) => (override.kind === 'dropRedLine' ? [`${override.party}/${override.redLine}`] : []));
}

/** The help text that explains the override language, for the commands that take it. */
export const overridesHelp = [
  '',
  'Overrides (--set, --drop; repeatable), applied to the files as read, before any check:',
  '  --set <party>.reservationValue=<n>          --set russia.reservationValue=0.5',
  '  --set <party>.weights.<issue>=<n>           --set russia.weights.nato.membership=20',
  '  --set <party>.values.<issue>.<option>=<n>   --set russia.values.nato.membership.open-door=0.2',
  '  --drop <party>/<red-line>                   --drop russia/recognition-of-annexed-regions',
  'The files are not changed. A number out of range or an unknown id is an invalid input (exit 2),',
  'an override not written so is a usage error (exit 64); both name the override.',
].join('\n');
