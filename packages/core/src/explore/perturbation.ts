import { unsafeUniformIntDistribution, xoroshiro128plus, type RandomGenerator } from 'pure-rand';
import { z } from 'zod';
import type { Domain } from '../model/domain.js';
import { ScenarioError } from '../model/errors.js';
import { normalisedWeights } from '../model/compiled-party.js';
import { ownValue, setOwnValue } from '../model/own-key.js';
import { compiledParty } from '../model/party.js';
import { ProblemList, type PathSegment } from '../model/problems.js';
import type { Scenario } from '../scenario/scenario.js';
import { checkShape } from '../model/schema.js';
import { text } from '../model/schema-parts.js';
import type { PartySpec } from '../model/specs.js';
import { partyStrategyNames, type PartyStrategyName } from '../talks/strategies.js';
import type { RunParty } from './run-party.js';

// The uncertain assumptions of an exploration, and how one run's draw of them turns the
// base parties into the parties that run simulates. The numbers mean exactly what the
// fast-check perturbation of `@parley/core/testing` means by them (a relative change of each
// positive weight, never below 1% of it; an absolute change of each option value, clamped to
// [0, 1]; an absolute change of the reservation value, clamped to [0, 1] too), so a finding of
// an exploration can be replayed as a scenario: `perturbedPartySpec` writes the same change as
// a party spec, which `createParty` accepts.

/**
 * Which assumptions of a scenario are uncertain, and how much. Every bound is one number for
 * every party, or a record with one number per party id (parties left out are certain).
 *
 * @example
 * ```ts
 * const spec: PerturbationSpec = {
 *   weights: 0.2, values: 0.1, reservation: { russia: 0.05, ukraine: 0.05 },
 *   redLines: { ukraine: 0.95, 'ukraine/no-territory-given-up': 0.8 },
 *   strategies: { russia: ['boulware', 'hardliner'] },
 * };
 * ```
 */
export interface PerturbationSpec {
  /** Relative ± bound on each positive weight (0.2: each moves by up to ±20%). */
  readonly weights?: number | Readonly<Record<string, number>>;
  /** Absolute ± bound on the option values of the issues a party weighs; results are clamped to [0, 1]. */
  readonly values?: number | Readonly<Record<string, number>>;
  /** Absolute ± bound on reservation values; results are clamped to [0, 1], the range a reservation value has. */
  readonly reservation?: number | Readonly<Record<string, number>>;
  /**
   * Probability that each red line holds in a run: one number for all, or keys `"party"` or
   * `"party/red-line-id"` (the more specific wins). Default 1 (always held).
   */
  readonly redLines?: number | Readonly<Record<string, number>>;
  /** For each party id, the strategies its negotiator may follow, drawn uniformly per run. */
  readonly strategies?: Readonly<Record<string, readonly PartyStrategyName[]>>;
}

// A number for every party, or a record of one number per key. Written as one refinement
// rather than a union so that a bad number inside the record is reported at its own key
// (`values.russia`), not as "matches neither" at the field.
function numberOrRecord(valid: (value: number) => boolean, message: string, shape: string) {
  return z.custom<number | Readonly<Record<string, number>>>().superRefine((input, context) => {
    if (typeof input === 'number') {
      if (!valid(input)) context.addIssue({ code: 'custom', message });
    } else if (isRecord(input)) {
      for (const [key, value] of Object.entries(input)) {
        if (typeof value !== 'number' || !valid(value)) context.addIssue({ code: 'custom', path: [key], message });
      }
    } else context.addIssue({ code: 'custom', message: `must be ${shape}` });
  });
}

const boundOrRecord = numberOrRecord(
  (value) => Number.isFinite(value) && value >= 0,
  'a bound must be a finite number ≥ 0 (the largest change either way)',
  'a bound (a number ≥ 0) or a record of one bound per party id',
);
const probabilityOrRecord = numberOrRecord(
  (value) => value >= 0 && value <= 1,
  'a probability must be a number in [0, 1]',
  'a probability in [0, 1] or a record of them keyed by "party" or "party/red-line-id"',
);
const strategyName = z.enum(partyStrategyNames as [PartyStrategyName, ...PartyStrategyName[]]);

function isRecord(input: unknown): input is Record<string, unknown> {
  return input !== null && typeof input === 'object' && !Array.isArray(input);
}

/**
 * The schema of a {@link PerturbationSpec}: its shape and ranges (bounds finite and ≥ 0,
 * probabilities in [0, 1], known strategy names, no empty strategy list). References to
 * parties and red lines are checked by {@link validatePerturbation}.
 */
export const perturbationSchema = z.strictObject({
  weights: boundOrRecord.optional(),
  values: boundOrRecord.optional(),
  reservation: boundOrRecord.optional(),
  redLines: probabilityOrRecord.optional(),
  strategies: z.record(z.string(), z.array(strategyName).min(1, 'list at least one strategy')).optional(),
});

/** What an exploration file (`explore.yaml`) holds: the perturbation and the default run count. */
export interface ExplorationFile {
  readonly perturb: PerturbationSpec;
  /** How many runs to make when the caller does not say (a positive whole number). */
  readonly runs?: number;
}

/** The schema of an exploration file; `perturb` is checked by {@link perturbationSchema}. */
export const explorationFileSchema = z.strictObject({
  perturb: z.custom<unknown>((input) => input !== undefined, { error: 'is missing: the uncertain assumptions (weights, values, reservation, redLines, strategies)' }),
  runs: z.number({ error: 'runs must be a whole number ≥ 1' }).int('runs must be a whole number ≥ 1').positive('runs must be a whole number ≥ 1').optional(),
  notes: text.optional(),
  assumption: text.optional(),
});

/** Adds every problem of a perturbation spec (shape, ranges, references) to `problems`. */
function addPerturbationProblems(input: unknown, parties: readonly RunParty[], problems: ProblemList, path: readonly PathSegment[]): void {
  const partyIds = parties.map((party) => party.id);
  // Unknown strategy names are reported here, with a suggestion, instead of as zod's
  // "expected one of" (which cannot say which name was probably meant).
  const misspelt = new ProblemList();
  const strategies = isRecord(input) ? input['strategies'] : undefined;
  if (isRecord(strategies)) {
    for (const [id, list] of Object.entries(strategies)) {
      if (!Array.isArray(list)) continue;
      list.forEach((name, index) => {
        if (typeof name === 'string' && !(partyStrategyNames as readonly string[]).includes(name)) {
          misspelt.unknown('unknown-strategy', [...path, 'strategies', id, index], 'strategy', name, partyStrategyNames);
        }
      });
      if (list.every((name) => typeof name === 'string')) problems.duplicates([...path, 'strategies', id], 'strategy', list as string[]);
    }
  }
  const shape = new ProblemList();
  const checked = checkShape<PerturbationSpec>(perturbationSchema, input, shape, path);
  const replaced = new Set(misspelt.items.map((problem) => problem.path));
  problems.items.push(...shape.items.filter((problem) => !replaced.has(problem.path)), ...misspelt.items);
  if (checked !== undefined) addWeightBoundProblems(checked, parties, problems, path);
  if (!isRecord(input)) return;
  // References are checked whatever the shape, so that one run shows every problem.
  const party = (id: string, at: readonly PathSegment[]) => partyIds.includes(id) || problems.unknown('unknown-party', at, 'party', id, partyIds);
  for (const field of ['weights', 'values', 'reservation', 'strategies'] as const) {
    const value = input[field];
    if (isRecord(value)) for (const id of Object.keys(value)) party(id, [...path, field, id]);
  }
  const redLines = input['redLines'];
  if (!isRecord(redLines)) return;
  for (const key of Object.keys(redLines)) {
    const at = [...path, 'redLines', key];
    const slash = key.indexOf('/');
    if (slash < 0) {
      party(key, at);
      continue;
    }
    const partyId = key.slice(0, slash);
    const redLineId = key.slice(slash + 1);
    const owner = parties.find((candidate) => candidate.id === partyId);
    if (owner === undefined) problems.unknown('unknown-party', at, 'party', partyId, partyIds);
    else if (!owner.rules.redLines.some((redLine) => redLine.id === redLineId)) {
      problems.unknown('unknown-red-line', at, `red line of "${partyId}"`, redLineId, owner.rules.redLines.map((redLine) => redLine.id));
    }
  }
}

/**
 * Adds a problem for every party whose weights a bound could push out of the numbers: raised
 * until their sum overflows (every normalised weight would be 0), or lowered until a positive
 * weight underflows to 0 (all of them at once: 0/0). Float arithmetic is monotone, so the
 * extreme factors bound every factor a draw can make, and one sum per party decides it.
 */
function addWeightBoundProblems(spec: PerturbationSpec, parties: readonly RunParty[], problems: ProblemList, path: readonly PathSegment[]): void {
  const perPartyBound = spec.weights !== undefined && typeof spec.weights !== 'number';
  for (const party of parties) {
    const bound = perParty(spec.weights, party.id, 0);
    // The weights of a party that weighs one issue are not perturbed (see assumptionsOf).
    if (bound === 0 || issuesWeighed(party).length < 2) continue;
    const largest = weightFactor(1, 1, bound);
    const smallest = weightFactor(-1, 1, bound);
    let total = 0;
    let vanishes = false;
    for (let issue = 0; issue < party.rawWeights.length; issue++) {
      const raw = party.rawWeights[issue]!;
      if (raw <= 0) continue;
      total += raw * largest;
      if (raw * smallest === 0) vanishes = true;
    }
    const at = perPartyBound ? [...path, 'weights', party.id] : [...path, 'weights'];
    if (!Number.isFinite(total)) {
      problems.add('invalid-weight', at, `with this bound the weights of "${party.id}" can add up to more than ${Number.MAX_VALUE.toPrecision(3)}, the largest number there is; use a smaller bound, or divide that party's weights by the same number (only their ratios matter)`);
    } else if (vanishes) {
      problems.add('invalid-weight', at, `with this bound a weight of "${party.id}" can shrink to 0, below the smallest number there is; use a smaller bound, or multiply that party's weights by the same number (only their ratios matter)`);
    }
  }
}

function fail(subject: string, problems: ProblemList, file: string | undefined): never {
  throw new ScenarioError(subject, file === undefined ? problems.items : problems.items.map((problem) => ({ ...problem, file })));
}

/**
 * Checks a perturbation spec against the parties it perturbs: its shape, its ranges, and
 * every party id and red line id it names (with a suggestion for a likely typo). Throws a
 * {@link ScenarioError} listing every problem, each with its path (e.g.
 * `redLines["ukraine/no-recogniton"]`) and `file` when given; returns a copy of the spec
 * otherwise. The input is never mutated.
 *
 * @example
 * ```ts
 * const parties = basePartiesOf(scenario);
 * const spec = validatePerturbation({ weights: 0.2, redLines: { 'ukraine/no-recognition': 0.9 } }, parties);
 * validatePerturbation({ reservation: { rusia: 0.05 } }, parties);
 * // throws: reservation.rusia: unknown party "rusia" (did you mean "russia"?)
 * ```
 */
export function validatePerturbation(spec: unknown, parties: readonly RunParty[], file?: string): PerturbationSpec {
  const problems = new ProblemList();
  addPerturbationProblems(spec, parties, problems, []);
  if (!problems.isEmpty) fail('The perturbation', problems, file);
  return structuredClone(spec) as PerturbationSpec;
}

/**
 * Checks the contents of an exploration file (`explore.yaml`: `perturb`, and optionally
 * `runs`, `notes` and `assumption`) against the parties. Throws a {@link ScenarioError}
 * listing every problem with its path (`perturb.weights.rusia`) and `file` when given.
 * The input is never mutated; the notes are not kept.
 *
 * @example
 * ```ts
 * const exploration = validateExplorationFile({ runs: 500, perturb: { weights: 0.2 } }, basePartiesOf(scenario));
 * exploration.runs; // 500
 * ```
 */
export function validateExplorationFile(input: unknown, parties: readonly RunParty[], file?: string): ExplorationFile {
  const problems = new ProblemList();
  checkShape(explorationFileSchema, input, problems);
  if (isRecord(input) && input['perturb'] !== undefined) addPerturbationProblems(input['perturb'], parties, problems, ['perturb']);
  if (!problems.isEmpty) fail('The exploration file', problems, file);
  const checked = input as { perturb: unknown; runs?: number };
  const perturb = structuredClone(checked.perturb) as PerturbationSpec;
  return checked.runs === undefined ? { perturb } : { perturb, runs: checked.runs };
}

/** One uncertain assumption: the unit of the sensitivity ranking. `party` indexes the parties. */
export type Assumption =
  | {
      /** All of one party's positive weights; its draw holds one u per entry of `issues`. */
      readonly kind: 'weights';
      readonly id: string;
      readonly party: number;
      readonly label: string;
      readonly bound: number;
      /** The issues the party weighs (positive raw weight), ascending. */
      readonly issues: readonly number[];
    }
  | {
      /** Every option value of the issues the party weighs; its draw holds one u per (issue, option), issue-major. */
      readonly kind: 'values';
      readonly id: string;
      readonly party: number;
      readonly label: string;
      readonly bound: number;
      /** The issues the party weighs, ascending. */
      readonly issues: readonly number[];
      /** The unperturbed values of those options, laid out like the draw (to measure a change after clamping). */
      readonly baseValues: readonly number[];
    }
  | {
      /** The party's reservation value; its draw holds one u. */
      readonly kind: 'reservation';
      readonly id: string;
      readonly party: number;
      readonly label: string;
      readonly bound: number;
      /** The unperturbed reservation value (to measure a change after clamping). */
      readonly baseReservation: number;
    }
  | {
      /** Whether one red line holds; its draw is `[1]` (held) or `[0]` (dropped). */
      readonly kind: 'red-line';
      readonly id: string;
      readonly party: number;
      readonly label: string;
      /** Index into the party's red lines. */
      readonly redLine: number;
      /** Probability that it holds. */
      readonly hold: number;
    }
  | {
      /** Which strategy the party's negotiator follows; its draw is `[index into strategies]`. */
      readonly kind: 'strategy';
      readonly id: string;
      readonly party: number;
      readonly label: string;
      readonly strategies: readonly PartyStrategyName[];
      /** The party's strategy when nothing is perturbed. */
      readonly baseStrategy: PartyStrategyName;
    };

function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

function perParty(setting: number | Readonly<Record<string, number>> | undefined, id: string, fallback: number): number {
  if (setting === undefined) return fallback;
  return typeof setting === 'number' ? setting : (ownValue(setting, id) ?? fallback);
}

function issuesWeighed(party: RunParty): number[] {
  const issues: number[] = [];
  for (let issue = 0; issue < party.rawWeights.length; issue++) if (party.rawWeights[issue]! > 0) issues.push(issue);
  return issues;
}

/**
 * The uncertain assumptions of a perturbation, in a fixed order: by party, then its
 * weights, values, reservation, red lines (in the party's order) and strategy. What is not
 * uncertain is left out: a bound of 0, a red line held with probability 1, a strategy list
 * that is just the base strategy, and the weights of a party that weighs a single issue
 * (normalising makes any change of that one weight a no-op).
 *
 * @example
 * ```ts
 * const parties = basePartiesOf(scenario, talks.setup.strategies);
 * assumptionsOf(parties, { reservation: 0.05, strategies: { russia: ['boulware', 'hardliner'] } }).map((a) => a.id);
 * // ['russia.reservation', 'russia.strategy', 'ukraine.reservation', …]
 * ```
 */
export function assumptionsOf(parties: readonly RunParty[], spec: PerturbationSpec): Assumption[] {
  const assumptions: Assumption[] = [];
  parties.forEach((base, party) => {
    const who = possessive(base.name);
    const issues = issuesWeighed(base);
    const weights = perParty(spec.weights, base.id, 0);
    if (weights > 0 && issues.length > 1) {
      assumptions.push({ kind: 'weights', id: `${base.id}.weights`, party, label: `${who} weights`, bound: weights, issues });
    }
    const values = perParty(spec.values, base.id, 0);
    if (values > 0 && issues.length > 0) {
      const baseValues = issues.flatMap((issue) => Array.from(base.values[issue]!));
      assumptions.push({ kind: 'values', id: `${base.id}.values`, party, label: `${who} option values`, bound: values, issues, baseValues });
    }
    const reservation = perParty(spec.reservation, base.id, 0);
    if (reservation > 0) {
      assumptions.push({ kind: 'reservation', id: `${base.id}.reservation`, party, label: `${who} reservation value`, bound: reservation, baseReservation: base.reservation });
    }
    base.rules.redLines.forEach((redLine, index) => {
      const setting = spec.redLines;
      const hold = typeof setting === 'number' ? setting : setting === undefined ? 1 : (ownValue(setting, `${base.id}/${redLine.id}`) ?? ownValue(setting, base.id) ?? 1);
      if (hold < 1) {
        assumptions.push({ kind: 'red-line', id: `${base.id}.red-line.${redLine.id}`, party, label: `${who} red line: ${redLine.text}`, redLine: index, hold });
      }
    });
    const strategies = spec.strategies === undefined ? undefined : ownValue(spec.strategies, base.id);
    if (strategies !== undefined && strategies.length > 0 && !(strategies.length === 1 && strategies[0] === base.strategy)) {
      assumptions.push({ kind: 'strategy', id: `${base.id}.strategy`, party, label: `${who} strategy`, strategies: [...strategies], baseStrategy: base.strategy });
    }
  });
  return assumptions;
}

/** One run's draw: one array per assumption, laid out as that assumption's kind says. */
export type RunDraw = readonly (readonly number[])[];

// u is drawn on a grid of 2^32 points spanning [-1, 1), and a uniform number in [0, 1) on a
// grid of 2^32: one output of the generator each, fine enough for any bound, exact doubles.
const TWO_32 = 2 ** 32;

/** The murmur3 32-bit finaliser: a bijection that spreads every input bit over the output. */
function mix32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/**
 * The generator of one run. Its 128-bit state is four different hashes of (seed, run), so
 * that nearby runs start far apart and a run's draw depends on nothing but its seed and its
 * number: workers and shards that split the runs any way draw the same numbers.
 */
function runGenerator(seed: number, run: number): RandomGenerator {
  const words = [seed >>> 0, Math.floor(seed / 2 ** 32) >>> 0, run >>> 0, Math.floor(run / 2 ** 32) >>> 0];
  const state = [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344].map((salt) => {
    let h = salt;
    for (const word of words) h = mix32((Math.imul(h ^ word, 0x9e3779b1) + 0x7f4a7c15) | 0);
    return h;
  });
  // The all-zero state would draw only zeros; it is practically unreachable, but cheap to rule out.
  if (!state.some((word) => word !== 0)) state[3] = 1;
  return xoroshiro128plus.fromState(state);
}

function drawU(rng: RandomGenerator): number {
  return (rng.unsafeNext() >>> 0) / (TWO_32 / 2) - 1;
}

function drawUnit(rng: RandomGenerator): number {
  return (rng.unsafeNext() >>> 0) / TWO_32;
}

/** `count` draws of u in a new array. */
function drawUs(rng: RandomGenerator, count: number): number[] {
  // Plain arrays, not typed ones: a typed array this size lives off the JS heap, and
  // allocating those from several worker threads at once contends on the process's allocator.
  const numbers = new Array<number>(count);
  for (let k = 0; k < count; k++) numbers[k] = drawU(rng);
  return numbers;
}

/**
 * Draws run `run` of an exploration seeded with `seed`: for each assumption in order, u
 * uniform in [-1, 1] per number it moves, whether each red line holds (held when a uniform
 * number in [0, 1) is below its probability), and which strategy is followed (uniformly).
 * Deterministic in (seed, run) alone, so any split of the runs across workers or shards
 * draws the same runs. Never uses `Math.random`.
 *
 * @example
 * ```ts
 * const assumptions = assumptionsOf(parties, { weights: 0.2, reservation: 0.05 });
 * const draw = drawRun(parties, assumptions, 42, 0);
 * const perturbed = simParties(parties, assumptions, draw);
 * ```
 */
export function drawRun(parties: readonly RunParty[], assumptions: readonly Assumption[], seed: number, run: number): RunDraw {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`drawRun: seed must be a whole number (got ${seed})`);
  if (!Number.isSafeInteger(run) || run < 0) throw new RangeError(`drawRun: run must be a whole number ≥ 0 (got ${run})`);
  const rng = runGenerator(seed, run);
  // Plain loops: this runs once per run (and is a good part of a run's cost).
  const draw: number[][] = new Array<number[]>(assumptions.length);
  for (let index = 0; index < assumptions.length; index++) {
    const assumption = assumptions[index]!;
    if (parties[assumption.party] === undefined) throw new RangeError(`drawRun: assumption "${assumption.id}" refers to party ${assumption.party}, which does not exist`);
    switch (assumption.kind) {
      case 'weights':
        draw[index] = drawUs(rng, assumption.issues.length);
        break;
      case 'values':
        draw[index] = drawUs(rng, assumption.baseValues.length);
        break;
      case 'reservation':
        draw[index] = drawUs(rng, 1);
        break;
      case 'red-line':
        draw[index] = [drawUnit(rng) < assumption.hold ? 1 : 0];
        break;
      case 'strategy':
        draw[index] = [unsafeUniformIntDistribution(0, assumption.strategies.length - 1, rng)];
        break;
    }
  }
  return draw;
}

// The three numeric changes, shared by simParties, perturbedPartySpec and changeMagnitude so
// that all three compute bit-identical numbers. `u * scale` is applied first: at scale 1 it
// is `u` exactly, the same arithmetic as the fast-check perturbation.

/** A weight's factor: relative change, never down to 0 (the party keeps weighing what it weighed). */
function weightFactor(u: number, scale: number, bound: number): number {
  return Math.max(1 + u * scale * bound, 0.01);
}

function movedValue(value: number, u: number, scale: number, bound: number): number {
  return Math.min(1, Math.max(0, value + u * scale * bound));
}

// Clamped like an option value: a reservation value outside [0, 1] is not one `createParty`
// accepts, and `perturbedPartySpec` must write a party that can be replayed.
function movedReservation(reservation: number, u: number, scale: number, bound: number): number {
  return Math.min(1, Math.max(0, reservation + u * scale * bound));
}

/** The draw of one assumption, checked against what its kind needs. */
function drawOf(draw: RunDraw, index: number, assumption: Assumption): readonly number[] {
  const found = draw[index];
  const expected = assumption.kind === 'weights' ? assumption.issues.length : assumption.kind === 'values' ? assumption.baseValues.length : 1;
  if (found === undefined || found.length !== expected) {
    throw new RangeError(`the draw of assumption "${assumption.id}" must hold ${expected} number(s) (got ${found?.length ?? 'none'}); draw it with drawRun`);
  }
  return found;
}

interface PartyState {
  raw: ArrayLike<number>;
  values: ArrayLike<number>[];
  reservation: number;
  dropped: Set<number> | null;
  strategy: PartyStrategyName;
}

/** A party's state before any draw: the base arrays, shared until a change copies them. */
function initialState(base: RunParty): PartyState {
  return { raw: base.rawWeights, values: [...base.values], reservation: base.reservation, dropped: null, strategy: base.strategy };
}

/** Applies one assumption's draw to a party's state (each change builds on the state so far). */
function apply(state: PartyState, assumption: Assumption, numbers: readonly number[], scale: number): void {
  switch (assumption.kind) {
    case 'weights': {
      // A plain loop: Array.from on a typed array walks an iterator.
      const raw: number[] = [];
      for (let issue = 0; issue < state.raw.length; issue++) raw.push(state.raw[issue]!);
      const { issues, bound } = assumption;
      for (let k = 0; k < issues.length; k++) raw[issues[k]!] = state.raw[issues[k]!]! * weightFactor(numbers[k]!, scale, bound);
      state.raw = raw;
      return;
    }
    case 'values': {
      const values = state.values.slice();
      const { issues, bound } = assumption;
      let k = 0;
      for (const issue of issues) {
        const old = values[issue]!;
        const table: number[] = [];
        for (let option = 0; option < old.length; option++) table.push(movedValue(old[option]!, numbers[k++]!, scale, bound));
        values[issue] = table;
      }
      state.values = values;
      return;
    }
    case 'reservation':
      state.reservation = movedReservation(state.reservation, numbers[0]!, scale, assumption.bound);
      return;
    case 'red-line':
      // A yes/no draw has no "smaller" version: any scale above 0 applies it as drawn.
      if (scale > 0 && numbers[0] === 0) (state.dropped ??= new Set()).add(assumption.redLine);
      return;
    case 'strategy':
      if (scale > 0) state.strategy = assumption.strategies[numbers[0]!]!;
      return;
  }
}

function checkOnly(assumptions: readonly Assumption[], only: { assumption: number; scale: number } | undefined): void {
  if (only === undefined) return;
  if (!Number.isInteger(only.assumption) || only.assumption < 0 || only.assumption >= assumptions.length) {
    throw new RangeError(`only.assumption must index the assumptions (0..${assumptions.length - 1}; got ${only.assumption})`);
  }
  if (!(only.scale >= 0 && only.scale <= 1)) throw new RangeError(`only.scale must lie in [0, 1] (got ${only.scale})`);
}

/** The states of all parties after applying a draw (all of it, or just `only`). */
function statesAfter(parties: readonly RunParty[], assumptions: readonly Assumption[], draw: RunDraw | null, only: { assumption: number; scale: number } | undefined): PartyState[] {
  checkOnly(assumptions, only);
  const states = parties.map(initialState);
  if (draw === null) return states;
  if (draw.length !== assumptions.length) throw new RangeError(`the draw holds ${draw.length} arrays for ${assumptions.length} assumptions; draw it with drawRun`);
  for (let index = 0; index < assumptions.length; index++) {
    if (only !== undefined && only.assumption !== index) continue;
    const assumption = assumptions[index]!;
    const state = states[assumption.party];
    if (state === undefined) throw new RangeError(`assumption "${assumption.id}" refers to party ${assumption.party}, which does not exist`);
    apply(state, assumption, drawOf(draw, index, assumption), only?.scale ?? 1);
  }
  return states;
}

/**
 * The parties one run simulates. With `draw` null, the unperturbed parties (every red line
 * held, base strategies). With `only`, just that assumption's draw is applied, with each u
 * scaled by `only.scale` in [0, 1] (a red-line or strategy draw applies as drawn when the
 * scale is above 0 and not at all at 0): the sensitivity analysis uses it to find how small
 * a change of one assumption still changes a verdict.
 *
 * Weights are normalised as `compilePreferences` does (raw weight × factor, each divided by
 * the sum taken in issue order), so the numbers are bit-identical to compiling
 * {@link perturbedPartySpec}'s party. Arrays that a draw leaves unchanged are shared with
 * the base parties: treat them as read-only.
 *
 * @example
 * ```ts
 * const base = simParties(parties, assumptions, null);
 * const run7 = simParties(parties, assumptions, drawRun(parties, assumptions, 42, 7));
 * const halfOfFirst = simParties(parties, assumptions, drawRun(parties, assumptions, 42, 7), { assumption: 0, scale: 0.5 });
 * ```
 */
export function simParties(
  parties: readonly RunParty[],
  assumptions: readonly Assumption[],
  draw: RunDraw | null,
  only?: { readonly assumption: number; readonly scale: number },
): RunParty[] {
  const states = statesAfter(parties, assumptions, draw, only);
  return parties.map((base, index) => simPartyOf(base, states[index]!));
}

/**
 * The one party that assumption `only.assumption` moves, as {@link simParties} gives it with
 * `only`, without building the others (they are the unperturbed parties): the sensitivity
 * analysis calls it once per assumption per run.
 *
 * @example
 * ```ts
 * const moved = movedParty(parties, assumptions, drawRun(parties, assumptions, 42, 7), { assumption: 0, scale: 1 });
 * const alone = simParties(parties, assumptions, null).map((party, p) => (p === assumptions[0]!.party ? moved : party));
 * ```
 */
export function movedParty(parties: readonly RunParty[], assumptions: readonly Assumption[], draw: RunDraw, only: { readonly assumption: number; readonly scale: number }): RunParty {
  checkOnly(assumptions, only);
  if (draw.length !== assumptions.length) throw new RangeError(`the draw holds ${draw.length} arrays for ${assumptions.length} assumptions; draw it with drawRun`);
  const assumption = assumptions[only.assumption]!;
  const base = parties[assumption.party];
  if (base === undefined) throw new RangeError(`assumption "${assumption.id}" refers to party ${assumption.party}, which does not exist`);
  const state = initialState(base);
  apply(state, assumption, drawOf(draw, only.assumption, assumption), only.scale);
  return simPartyOf(base, state);
}

/** A party's state as the run's party: weights normalised as every compiled party's are. */
function simPartyOf(base: RunParty, state: PartyState): RunParty {
  // The base's own list when nothing is dropped: what is remembered per list of held red
  // lines (masks, the groups of a party's best) is then found again in every run.
  let held = base.held;
  if (state.dropped !== null) {
    const kept: number[] = [];
    for (let redLine = 0; redLine < base.rules.redLines.length; redLine++) if (!state.dropped.has(redLine)) kept.push(redLine);
    held = kept;
  }
  return {
    id: base.id,
    name: base.name,
    reservation: state.reservation,
    rawWeights: state.raw,
    weights: normalisedWeights(state.raw),
    values: state.values,
    rules: base.rules,
    held,
    strategy: state.strategy,
  };
}

/**
 * How far one assumption's draw, scaled by `scale`, moves it, in its own unit: for weights
 * the largest |factor − 1| (0.12 is 12%), for values the largest change of an option value
 * after clamping, for the reservation value the size of the change after clamping, for a red line 1 if
 * dropped, for a strategy 1 if it differs from the base strategy (0 otherwise).
 *
 * @example
 * ```ts
 * const draw = drawRun(parties, assumptions, 42, 0);
 * const reservation = assumptions.findIndex((a) => a.id === 'russia.reservation');
 * changeMagnitude(assumptions[reservation]!, draw[reservation]!, 1); // e.g. 0.031
 * ```
 */
export function changeMagnitude(assumption: Assumption, draw: readonly number[], scale: number): number {
  const numbers = drawOf([draw], 0, assumption);
  switch (assumption.kind) {
    case 'weights': {
      let largest = 0;
      for (const u of numbers) largest = Math.max(largest, Math.abs(weightFactor(u, scale, assumption.bound) - 1));
      return largest;
    }
    case 'values': {
      let largest = 0;
      assumption.baseValues.forEach((value, k) => {
        largest = Math.max(largest, Math.abs(movedValue(value, numbers[k]!, scale, assumption.bound) - value));
      });
      return largest;
    }
    case 'reservation':
      return Math.abs(movedReservation(assumption.baseReservation, numbers[0]!, scale, assumption.bound) - assumption.baseReservation);
    case 'red-line':
      return scale > 0 && numbers[0] === 0 ? 1 : 0;
    case 'strategy':
      return scale > 0 && assumption.strategies[numbers[0]!] !== assumption.baseStrategy ? 1 : 0;
  }
}

function show(value: number): string {
  return String(Number(value.toPrecision(2)));
}

/**
 * A change of an assumption in words, for reports: `magnitude` as {@link changeMagnitude}
 * measures it.
 *
 * @example
 * ```ts
 * describeChange(reservationOfRussia, 0.031); // "Russia's reservation value moved by 0.031"
 * describeChange(weightsOfUkraine, 0.12);     // "Ukraine's weights changed by up to 12%"
 * describeChange(aRedLine, 1);                // "red line dropped"
 * ```
 */
export function describeChange(assumption: Assumption, magnitude: number): string {
  switch (assumption.kind) {
    case 'weights':
      return `${assumption.label} changed by up to ${show(magnitude * 100)}%`;
    case 'values':
      return `${assumption.label} moved by up to ${show(magnitude)}`;
    case 'reservation':
      return `${assumption.label} moved by ${show(magnitude)}`;
    case 'red-line':
      return magnitude > 0 ? 'red line dropped' : 'red line held';
    case 'strategy':
      return magnitude > 0 ? 'strategy changed' : 'strategy unchanged';
  }
}

/**
 * The same perturbation of party `partyIndex` written as a party spec, to materialise a run
 * as a scenario (`createScenario`, `createParty`): weights and option values as the draw
 * moves them, the reservation value moved, and the red lines the run drops removed. The
 * strategy is not part of a party spec (it belongs to the talks set-up). Compiling the
 * result gives bit-identical numbers to the parties an exploration builds for the run
 * (`simParties`, internal). `spec` is not mutated.
 *
 * @example
 * ```ts
 * const draw = drawRun(parties, assumptions, 42, 3);
 * const specs = scenario.parties.map((party, p) => perturbedPartySpec(scenario.domain, party, parties[p]!, assumptions, draw, p));
 * const perturbed = createScenario({ ...spec, parties: specs });
 * ```
 */
export function perturbedPartySpec(
  domain: Domain,
  spec: PartySpec,
  base: RunParty,
  assumptions: readonly Assumption[],
  draw: RunDraw | null,
  partyIndex: number,
): PartySpec {
  const state = stateOfOne(base, assumptions, draw, partyIndex);
  const weights: Record<string, number> = { ...spec.preferences.weights };
  const values: Record<string, Record<string, number>> = Object.fromEntries(Object.entries(spec.preferences.values).map(([issue, table]) => [issue, { ...table }]));
  const moved = (assumption: Assumption) => assumption.party === partyIndex && draw !== null;
  for (const assumption of assumptions) {
    if (!moved(assumption)) continue;
    if (assumption.kind === 'weights') for (const issue of assumption.issues) setOwnValue(weights, domain.issues[issue]!.id, state.raw[issue]!);
    if (assumption.kind === 'values') {
      for (const issue of assumption.issues) {
        const { id, options } = domain.issues[issue]!;
        setOwnValue(values, id, Object.fromEntries(options.map((option, o) => [option.id, state.values[issue]![o]!])));
      }
    }
  }
  return {
    ...spec,
    reservationValue: state.reservation,
    redLines: spec.redLines.filter((_, index) => state.dropped?.has(index) !== true),
    preferences: { ...spec.preferences, weights, values },
  };
}

function stateOfOne(base: RunParty, assumptions: readonly Assumption[], draw: RunDraw | null, partyIndex: number): PartyState {
  const state = initialState(base);
  if (draw === null) return state;
  if (draw.length !== assumptions.length) throw new RangeError(`the draw holds ${draw.length} arrays for ${assumptions.length} assumptions; draw it with drawRun`);
  assumptions.forEach((assumption, index) => {
    if (assumption.party === partyIndex) apply(state, assumption, drawOf(draw, index, assumption), 1);
  });
  return state;
}

/**
 * The parties of a scenario as an exploration starts from them: their numbers as written
 * (raw weights in issue order, option values, reservation value), compiled red lines and
 * interactions, and each party's strategy from `strategies` (the talks set-up), `'linear'`
 * for parties it does not name.
 *
 * @example
 * ```ts
 * import { loadScenario, loadTalks } from '@parley/core/node';
 * const scenario = await loadScenario('seeds/ukraine-2025');
 * const talks = await loadTalks('seeds/ukraine-2025', scenario);
 * const parties = basePartiesOf(scenario, talks.setup.strategies);
 * ```
 */
export function basePartiesOf(scenario: Scenario, strategies?: Readonly<Record<string, PartyStrategyName>>): RunParty[] {
  return scenario.parties.map((party) => {
    const compiled = compiledParty(party);
    return {
      ...compiled,
      // Copies, as plain arrays like every run's: the compiled party's arrays must not be
      // reachable from run data, and the hot loops then see one kind of array.
      rawWeights: Array.from(compiled.rawWeights),
      weights: normalisedWeights(compiled.rawWeights),
      values: compiled.values.map((table) => Array.from(table)),
      strategy: (strategies === undefined ? undefined : ownValue(strategies, party.id)) ?? 'linear',
    };
  });
}
