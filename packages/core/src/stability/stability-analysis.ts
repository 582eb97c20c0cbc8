import type { Exactness } from '../analysis/analysis-options.js';
import { StepCounter, deadlineOf, type SearchLimits } from '../analysis/search-budget.js';
import { ParleyError } from '../model/errors.js';
import { choicesOf, outcomeFromChoices, type Outcome } from '../model/outcome.js';
import type { Party } from '../model/party.js';
import { likelyIntended } from '../model/problems.js';
import type { ControlSpec } from '../scenario/control-spec.js';
import type { Scenario } from '../scenario/scenario.js';
import { coalitionStability, type CoalitionVerdict } from './coalition.js';
import { checkConcept } from './concept-check.js';
import { findEquilibria, type EquilibriaReport } from './equilibria.js';
import { compileStabilityModel, isFeasible, partyIndex, type RedLineMode, type StabilityModel } from './stability-model.js';
import { statusQuoAnalysis, type StatusQuoReport } from './status-quo.js';
import { STABILITY_CONCEPTS, type PartyVerdict, type StabilityConcept } from './verdict.js';

/** An outcome to judge: an outcome array, `{ issue: option }` choices, or the id of a named outcome of the control file. */
export type OutcomeRef = Outcome | Readonly<Record<string, string>> | string;

/** Options of {@link stabilityAnalysis}. */
export interface StabilityOptions extends SearchLimits {
  /** The outcomes to judge, party by party and concept by concept. Default: none. */
  readonly outcomes?: readonly OutcomeRef[];
  /** The concepts to use. Default: all five. */
  readonly concepts?: readonly StabilityConcept[];
  /** What red lines mean for moves. Default `never-move-to`. */
  readonly redLines?: RedLineMode;
  /** Enumerate the equilibria of these concepts over the whole outcome space. Default: none. */
  readonly equilibria?: readonly StabilityConcept[];
  /** The most equilibrium sets to list per concept (the count is always complete). Default 20. */
  readonly listLimit?: number;
  /** Coalitions to analyse (each a list of party ids), e.g. `[['united-states', 'europe']]`. */
  readonly coalitions?: readonly (readonly string[])[];
  /** The status quo to start a status-quo analysis from. */
  readonly from?: OutcomeRef;
  /** The most sanctioned improvements to keep as evidence per verdict. Default 3. */
  readonly evidenceLimit?: number;
}

/** One judged outcome: each party's verdict under each concept, and whether it is an equilibrium. */
export interface OutcomeStability {
  readonly outcome: Uint8Array;
  readonly choices: Readonly<Record<string, string>>;
  /** The named outcome's id and label, when it was named. */
  readonly name?: { readonly id: string; readonly label: string };
  /** False when the outcome is not a state under `redLines: 'infeasible'` (every verdict is then left out). */
  readonly feasible: boolean;
  readonly verdicts: readonly PartyVerdict[];
  /** Per concept: true when stable for every party, null when some verdict is unknown (budget). */
  readonly equilibrium: Readonly<Partial<Record<StabilityConcept, boolean | null>>>;
  readonly coalitions: readonly CoalitionVerdict[];
}

/** The result of {@link stabilityAnalysis}. */
export interface StabilityReport extends Exactness {
  readonly model: StabilityModel;
  readonly outcomes: readonly OutcomeStability[];
  readonly equilibria: readonly EquilibriaReport[];
  readonly statusQuo?: StatusQuoReport;
}

/** What the analysis runs on: a scenario with a `control` part, or parties and a control spec. */
export type StabilityInput = Scenario | { readonly parties: readonly Party[]; readonly control: ControlSpec; readonly outcomes?: ControlSpec['outcomes'] };

/**
 * The stability analysis of the graph model for conflict resolution (Fang, Hipel and
 * Kilgour 1993), run on Parley's parties and a scenario's control of moves: for each outcome
 * asked about, whether each party would move away (Nash), and whether the others could deter
 * it (GMR, SMR, SEQ, SIM), with the sanctions as evidence; the equilibria of whole concepts;
 * coalitions' verdicts; and, from a status quo, the equilibria that sequences of improvements
 * reach, with shortest paths. Exact by search — never by building the state graph — within
 * the work budget; when the budget stops it, `exact` is false and `guarantee` says what holds.
 *
 * @example
 * ```ts
 * import { loadScenario } from '@parley/core/node';
 * import { stabilityAnalysis } from '@parley/core';
 * const scenario = await loadScenario('seeds/ukraine-2025');
 * const report = stabilityAnalysis(scenario, { outcomes: ['status-quo-2025-12-02'], from: 'status-quo-2025-12-02', equilibria: ['nash'] });
 * report.outcomes[0]?.equilibrium.nash; // is the status quo a Nash equilibrium?
 * report.statusQuo?.equilibria.length;  // equilibria reachable by improvements
 * ```
 */
export function stabilityAnalysis(input: StabilityInput, options: StabilityOptions = {}): StabilityReport {
  const control = input.control;
  if (control === undefined) throw new ParleyError('USAGE', 'the scenario has no control of moves: add a control.yaml and name it in scenario.yaml (`control: control.yaml`); see docs/scenario-files.md');
  const model = compileStabilityModel(input.parties, control, options.redLines ?? 'never-move-to');
  // Each part (the verdicts, each coalition, each concept's equilibria, the status quo) has a
  // budget of its own, as analyzeParties gives each analysis one: a coalition that spends its
  // budget leaves the status-quo paths their own. They share one deadline.
  const deadline = deadlineOf(options);
  const counters: StepCounter[] = [];
  const part = () => {
    const made = new StepCounter(options, deadline);
    counters.push(made);
    return made;
  };
  const counter = part();
  const concepts = options.concepts ?? STABILITY_CONCEPTS;
  const evidenceLimit = options.evidenceLimit ?? 3;
  const named = control.outcomes ?? [];
  const coalitions = (options.coalitions ?? []).map((ids) => ids.map((id) => partyIndex(model, id)).sort((a, b) => a - b));
  const resolve = (ref: OutcomeRef): { outcome: Uint8Array; name?: { id: string; label: string } } => {
    if (ref instanceof Uint8Array) return { outcome: ref };
    if (typeof ref === 'string') {
      const found = named.find((entry) => entry.id === ref);
      if (found === undefined) {
        const hint = likelyIntended(ref, named.map((entry) => entry.id));
        throw new ParleyError('USAGE', `no named outcome "${ref}"${hint === undefined ? `; named: ${named.map((entry) => entry.id).join(', ') || 'none'}` : ` (did you mean "${hint}"?)`}`);
      }
      return { outcome: outcomeFromChoices(model.domain, found.choices), name: { id: found.id, label: found.label } };
    }
    return { outcome: outcomeFromChoices(model.domain, ref) };
  };
  const outcomes = (options.outcomes ?? []).map((ref): OutcomeStability => {
    const { outcome, name } = resolve(ref);
    const base = { outcome, choices: choicesOf(model.domain, outcome), ...(name === undefined ? {} : { name }) };
    if (!isFeasible(model, outcome)) return { ...base, feasible: false, verdicts: [], equilibrium: {}, coalitions: [] };
    const verdicts = concepts.flatMap((concept) => model.parties.map((_, p) => checkConcept(model, concept, p, outcome, counter, evidenceLimit)));
    const equilibrium: Partial<Record<StabilityConcept, boolean | null>> = {};
    for (const concept of concepts) {
      const mine = verdicts.filter((verdict) => verdict.concept === concept);
      equilibrium[concept] = mine.some((verdict) => verdict.stable === false) ? false : mine.some((verdict) => verdict.stable === null) ? null : true;
    }
    return { ...base, feasible: true, verdicts, equilibrium, coalitions: coalitions.map((members) => coalitionStability(model, members, outcome, part(), evidenceLimit)) };
  });
  const found = (options.equilibria ?? []).map((concept) => findEquilibria(model, concept, part(), options.listLimit ?? 20));
  // Every Nash equilibrium is an equilibrium of every other concept (no improvement, nothing
  // to sanction): a sanction-based search cut short is at least the exact Nash count.
  let nashCount: number | undefined;
  const equilibria = found.map((entry): EquilibriaReport => {
    if (entry.complete || entry.concept === 'nash') return entry;
    if (nashCount === undefined) {
      const nash = found.find((other) => other.concept === 'nash') ?? findEquilibria(model, 'nash', part(), 0);
      nashCount = nash.complete ? nash.count : 0;
    }
    return nashCount > entry.count ? { ...entry, count: nashCount, lowerBound: 'nash' } : { ...entry, lowerBound: 'found' };
  });
  const statusQuo = options.from === undefined ? undefined : statusQuoAnalysis(model, resolve(options.from).outcome, coalitions, part());
  return {
    model,
    outcomes,
    equilibria,
    ...(statusQuo === undefined ? {} : { statusQuo }),
    ...combinedExactness(counters),
  };
}

/** The exactness of the parts together: exact when every part is; the first reason one stopped; the work of all. */
function combinedExactness(counters: readonly StepCounter[]): Exactness {
  const work = counters.reduce((sum, counter) => sum + counter.steps, 0);
  const stopped = counters.find((counter) => counter.stopped !== null)?.stopped ?? null;
  return stopped === null
    ? { exact: true, stoppedBy: null, guarantee: 'exact: every verdict, equilibrium count and status-quo path was searched to the end', work }
    : {
        exact: false,
        stoppedBy: stopped,
        guarantee: 'cut short by the limits (each part has a budget of its own): verdicts marked null are unknown; an equilibrium count marked incomplete, and the status-quo equilibria when incomplete, are those found so far (lower bounds), each of them exact',
        work,
      };
}
