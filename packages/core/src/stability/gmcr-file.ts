import { z } from 'zod';
import { ScenarioError } from '../model/errors.js';
import { ProblemList, type PathSegment } from '../model/problems.js';
import { checkShape } from '../model/schema.js';
import type { IssueSpec, PartySpec, Rule } from '../model/specs.js';
import type { MoveSpec, NamedOutcomeSpec } from '../scenario/control-spec.js';
import { createScenario, type Scenario } from '../scenario/scenario.js';

// The save file of GMCR+ / gmcr-py (`.gmcr`, JSON), as that program writes it: a list of
// options (each a yes/no choice, with the directions it may be changed in), the decision
// makers with the options each controls and its preferences, and the infeasible patterns.
// A condition is a list of [option index, "Y" | "N"] pairs that must all hold; a compound
// condition (`{ compound: true, members: [...] }`) holds when any of its members does.
// Preferences are either option prioritisation (a list of conditions, most important
// first: a state scores 2^(k-1-i) for each condition i it meets, the order of the scores is
// the preference) or, when `useManualPreferenceRanking` is true, a ranking of the feasible
// states (numbered as below), most preferred first, a nested list being a tie.
//
// States are numbered as the program numbers them: the options taken in decision-maker
// order (each decision maker's options in turn, then any option nobody holds), option k of
// that order worth 2^k, the feasible states sorted by that decimal value and numbered from 1.

const answer = z.enum(['Y', 'N'], { error: 'an option is taken ("Y") or not ("N")' });
const clause = z.tuple([z.number().int().min(0), answer], { error: 'each part of a condition is [option index, "Y" or "N"]' });
const simple = z.array(clause).min(1, 'a condition names at least one option');
const condition = z.union([simple, z.looseObject({ compound: z.literal(true), members: z.array(simple).min(1) })], {
  error: 'a condition is a list of [option index, "Y" | "N"] pairs, or { "compound": true, "members": [...] }',
});
const ranking = z.array(z.union([z.number().int().min(1), z.array(z.number().int().min(1)).min(1)]));

/** @internal The schema of a `.gmcr` save file: what Parley reads of it (other keys are ignored). */
export const gmcrSchema = z.looseObject({
  options: z.array(z.looseObject({ name: z.string().min(1, 'an option needs a name'), permittedDirection: z.enum(['both', 'fwd', 'back']).optional() })).min(1, 'a conflict needs at least one option'),
  decisionMakers: z.array(z.looseObject({
    name: z.string().min(1, 'a decision maker needs a name'),
    options: z.array(z.number().int().min(0)),
    preferences: z.array(condition).optional(),
    preferenceRanking: ranking.optional(),
    preferenceVector: ranking.optional(),
  })).min(1, 'a conflict needs at least one decision maker'),
  infeasibles: z.array(condition).optional(),
  useManualPreferenceRanking: z.boolean().optional(),
  useManualPreferenceVectors: z.boolean().optional(),
});

type GmcrFile = z.infer<typeof gmcrSchema>;

/** The most prioritised conditions a decision maker may have: 2^-k stays well above the utility tolerance. */
const MAX_PRIORITIES = 24;
type Condition = z.infer<typeof condition>;

/** A GMCR conflict read from a `.gmcr` file, as a Parley scenario ready for {@link stabilityAnalysis}. */
export interface GmcrConflict {
  /**
   * One yes/no issue per option (id from its name, label the name, options `n` / `y`), one
   * party per decision maker, each option moved by the decision maker holding it (`direction`
   * for an irreversible one), and every feasible state as a named outcome `state-<n>`.
   * The infeasible patterns are red lines of every party: analyse with `redLines: 'infeasible'`.
   */
  readonly scenario: Scenario;
  /** What the red lines mean here: always `infeasible` (they are the file's infeasible patterns). */
  readonly redLines: 'infeasible';
  /** The feasible states in the program's numbering: `states[n - 1]` is state n. */
  readonly states: readonly Uint8Array[];
}

/**
 * Reads the parsed JSON of a GMCR+ / gmcr-py save file (`.gmcr`) into a Parley scenario:
 * the options, decision makers, preferences (option prioritisation, or a manual ranking of
 * the feasible states), infeasible patterns and irreversible directions. Every problem is
 * reported in one `ScenarioError` naming `file` and the path inside it
 * (`decisionMakers[1].options[0]: option 7 does not exist; the file has 5 options (0–4)`).
 *
 * @example
 * ```ts
 * const conflict = gmcrConflict(JSON.parse(text), 'elmira.gmcr');
 * const report = stabilityAnalysis(conflict.scenario, { redLines: conflict.redLines, equilibria: ['nash'] });
 * ```
 */
export function gmcrConflict(value: unknown, file: string): GmcrConflict {
  const problems = new ProblemList();
  const fail = (): never => {
    throw new ScenarioError(`GMCR file ${file}`, problems.items.map((problem) => ({ ...problem, file })));
  };
  const data = checkShape<GmcrFile>(gmcrSchema, value, problems);
  if (data === undefined || !problems.isEmpty) return fail();
  const optionCount = data.options.length;
  const optionsText = optionCount === 1 ? '1 option (0–0)' : `${optionCount} options (0–${optionCount - 1})`;
  const checkCondition = (cond: Condition, path: readonly PathSegment[]) => {
    const members = Array.isArray(cond) ? [cond] : cond.members;
    members.forEach((member, m) => member.forEach(([option], k) => {
      const at = Array.isArray(cond) ? [...path, k, 0] : [...path, 'members', m, k, 0];
      if (option >= optionCount) problems.add('unknown-option', at, `option ${option} does not exist; the file has ${optionsText}`);
    }));
  };
  const holder = new Array<number>(optionCount).fill(-1);
  data.decisionMakers.forEach((dm, d) => {
    dm.options.forEach((option, k) => {
      if (option >= optionCount) problems.add('unknown-option', ['decisionMakers', d, 'options', k], `option ${option} does not exist; the file has ${optionsText}`);
      else if (holder[option] !== -1 && holder[option] !== d) problems.add('duplicate-id', ['decisionMakers', d, 'options', k], `option ${option} ("${data.options[option]!.name}") is already controlled by "${data.decisionMakers[holder[option]!]!.name}"; each option belongs to one decision maker`);
      else holder[option] = d;
    });
    (dm.preferences ?? []).forEach((cond, k) => checkCondition(cond, ['decisionMakers', d, 'preferences', k]));
  });
  (data.infeasibles ?? []).forEach((cond, k) => checkCondition(cond, ['infeasibles', k]));
  if (!problems.isEmpty) return fail();

  // The program's option order (decision makers' options first), and the feasible states in its numbering.
  const order: number[] = [];
  for (const dm of data.decisionMakers) for (const option of dm.options) if (!order.includes(option)) order.push(option);
  for (let option = 0; option < optionCount; option++) if (!order.includes(option)) order.push(option);
  const holds = (cond: Condition, state: Uint8Array) => (Array.isArray(cond) ? [cond] : cond.members).some((member) => member.every(([option, taken]) => (state[option] === 1) === (taken === 'Y')));
  const states: Uint8Array[] = [];
  if (optionCount > 20) problems.add('limit-exceeded', ['options'], `the file has ${optionCount} options (2^${optionCount} states); Parley reads .gmcr files of at most 20 options`);
  else {
    for (let decimal = 0; decimal < 2 ** optionCount; decimal++) {
      const state = new Uint8Array(optionCount);
      order.forEach((option, k) => (state[option] = (decimal >> k) & 1));
      if (!(data.infeasibles ?? []).some((cond) => holds(cond, state))) states.push(state);
    }
    if (states.length === 0) problems.add('invalid-value', ['infeasibles'], 'the infeasible patterns rule out every state');
  }
  if (!problems.isEmpty) return fail();

  const manual = data.useManualPreferenceRanking ?? data.useManualPreferenceVectors ?? false;
  const issueIds = uniqueIds(data.options.map((option) => option.name), 'option');
  const partyIds = uniqueIds(data.decisionMakers.map((dm) => dm.name), 'dm');
  const issues: IssueSpec[] = data.options.map((option, k) => ({
    id: issueIds[k]!,
    label: option.name,
    ordered: true,
    options: [{ id: 'n', label: 'no' }, { id: 'y', label: 'yes' }],
  }));
  const conditionRule = (cond: Condition): Rule => {
    const conjunction = (member: readonly (readonly [number, 'Y' | 'N'])[]): Rule => ({ kind: 'all', rules: member.map(([option, taken]) => ({ kind: 'require', issue: issueIds[option]!, options: [taken === 'Y' ? 'y' : 'n'] })) });
    return Array.isArray(cond) ? conjunction(cond) : { kind: 'any', rules: cond.members.map(conjunction) };
  };
  const stateRule = (state: Uint8Array): Rule => ({ kind: 'all', rules: issueIds.map((issue, k) => ({ kind: 'require', issue, options: [state[k] === 1 ? 'y' : 'n'] })) });
  const redLines = (data.infeasibles ?? []).map((cond, k) => ({
    id: `infeasible-${k + 1}`,
    text: `Infeasible in the file: ${patternText(cond, optionCount)}`,
    sources: ['file'],
    rule: { kind: 'not', rule: conditionRule(cond) } as Rule,
  }));
  const parties: PartySpec[] = data.decisionMakers.map((dm, d) => {
    const path = ['decisionMakers', d];
    let interactions: { id: string; text: string; sources: string[]; when: Rule; delta: number }[];
    if (manual) {
      const list = dm.preferenceRanking ?? dm.preferenceVector;
      if (list === undefined) {
        problems.add('missing-value', path, 'the file ranks states by hand (useManualPreferenceRanking) but this decision maker has no preferenceRanking');
        interactions = [];
      } else {
        const payoff = rankingPayoffs(list, states.length, problems, [...path, dm.preferenceRanking === undefined ? 'preferenceVector' : 'preferenceRanking']);
        interactions = states.map((state, s) => ({ id: `state-${s + 1}`, text: `state ${s + 1}`, sources: ['file'], when: stateRule(state), delta: payoff[s]! / states.length }));
      }
    } else {
      const preferences = dm.preferences ?? [];
      // Scores scaled into Parley's utility scale: condition k of K adds 2^(K-1-k) / 2^K.
      if (preferences.length > MAX_PRIORITIES) problems.add('limit-exceeded', [...path, 'preferences'], `${preferences.length} prioritised conditions; Parley reads at most ${MAX_PRIORITIES} (their scores 2^-k must stay apart by more than the utility tolerance)`);
      interactions = preferences.map((cond, k) => ({ id: `priority-${k + 1}`, text: patternText(cond, optionCount), sources: ['file'], when: conditionRule(cond), delta: 2 ** -(k + 1) }));
    }
    return {
      id: partyIds[d]!,
      name: dm.name,
      reservationValue: 0,
      redLines,
      // A weight with value 0 everywhere: the preferences are the interaction terms alone.
      preferences: { weights: { [issueIds[0]!]: 1 }, values: { [issueIds[0]!]: { n: 0, y: 0 } }, interactions },
    };
  });
  if (!problems.isEmpty) return fail();
  const moves: MoveSpec[] = data.options.flatMap((option, k): MoveSpec[] => {
    if (holder[k] === -1) return [];
    const direction = option.permittedDirection === 'fwd' ? 'up' : option.permittedDirection === 'back' ? 'down' : undefined;
    return [{ issue: issueIds[k]!, by: [partyIds[holder[k]!]!], ...(direction === undefined ? {} : { direction }) }];
  });
  const outcomes: NamedOutcomeSpec[] = states.map((state, s) => ({
    id: `state-${s + 1}`,
    label: `state ${s + 1} (${Array.from(state, (x) => (x === 1 ? 'Y' : 'N')).join('')})`,
    choices: Object.fromEntries(issueIds.map((issue, k) => [issue, state[k] === 1 ? 'y' : 'n'])),
  }));
  const stem = file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const scenario = createScenario({
    id: stem.replace(/[^\p{L}\p{N}._-]+/gu, '-') || 'gmcr',
    title: `${stem} (GMCR)`,
    description: `Read from the GMCR save file ${file}.`,
    sources: { file: `the GMCR save file ${file}` },
    domain: { issues },
    parties,
    plans: [],
    control: { moves, outcomes },
  });
  return { scenario, redLines: 'infeasible', states };
}

/** Payoffs from a ranking (most preferred first, a nested list a tie): `count - position`, every state exactly once. */
function rankingPayoffs(list: readonly (number | readonly number[])[], count: number, problems: ProblemList, path: readonly PathSegment[]): number[] {
  const payoff = new Array<number>(count).fill(0);
  list.forEach((entry, position) => {
    const group = typeof entry === 'number' ? [entry] : entry;
    group.forEach((state, k) => {
      const at = typeof entry === 'number' ? [...path, position] : [...path, position, k];
      if (state > count) problems.add('invalid-value', at, `state ${state} does not exist; the file has ${count} feasible states`);
      else if (payoff[state - 1] !== 0) problems.add('duplicate-id', at, `state ${state} is ranked twice`);
      else payoff[state - 1] = count - position;
    });
  });
  const missing = payoff.flatMap((value, s) => (value === 0 ? [s + 1] : []));
  if (missing.length > 0 && missing.length < count) problems.add('missing-value', path, `the ranking leaves out state${missing.length === 1 ? '' : 's'} ${missing.join(', ')}; rank every feasible state`);
  else if (missing.length === count) problems.add('missing-value', path, 'the ranking is empty; rank every feasible state');
  return payoff;
}

/** A condition in the program's Y/N/- notation, options in file order (`Y-N--`). */
function patternText(cond: Condition, optionCount: number): string {
  return (Array.isArray(cond) ? [cond] : cond.members).map((member) => {
    const cells = new Array<string>(optionCount).fill('-');
    for (const [option, taken] of member) cells[option] = taken;
    return cells.join('');
  }).join(' or ');
}

/** Ids from names: lower case, runs of other characters as one `-`, made unique. */
function uniqueIds(names: readonly string[], fallback: string): string[] {
  const taken = new Set<string>();
  return names.map((name, k) => {
    const base = name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') || `${fallback}-${k + 1}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  });
}
