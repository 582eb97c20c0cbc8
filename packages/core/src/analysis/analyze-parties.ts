import { choicesOf, type Outcome } from '../model/outcome.js';
import type { Party } from '../model/party.js';
import type { AnalysisOptions } from './analysis-options.js';
import { agreementSpace } from './agreement-space.js';
import { kalaiSmorodinsky, maxWelfare, nashPoint, type BargainingResult } from './bargaining-solutions.js';
import type { ConstraintInfo } from './compiled-model.js';
import { minimalRelaxations, type RelaxationOptions } from './minimal-relaxations.js';
import { paretoFrontier } from './pareto-frontier.js';

/**
 * A solution as plain data: utilities in party order and the outcome as `{ issue: option }`;
 * or, when the search was cut short before it found one, `found: false` and what it guarantees.
 */
export type SolutionReport =
  | {
      readonly found: true;
      readonly utilities: readonly number[];
      readonly outcome: Readonly<Record<string, string>>;
      readonly ties: number;
      readonly exact: boolean;
      readonly guarantee: string;
    }
  | { readonly found: false; readonly exact: false; readonly guarantee: string };

/** A constraint as plain data. */
export interface ConstraintReport {
  readonly party: string;
  readonly partyName: string;
  readonly redLine: string | null;
  readonly text: string;
  readonly sources: readonly string[];
}

/** Everything {@link analyzeParties} finds, as JSON-ready data. */
export interface AnalysisReport {
  readonly parties: readonly { readonly id: string; readonly name: string; readonly reservationValue: number }[];
  readonly outcomes: number;
  readonly agreements: number;
  readonly exact: boolean;
  readonly conflicts: readonly (readonly ConstraintReport[])[];
  readonly pareto: readonly { readonly utilities: readonly number[]; readonly outcome: Readonly<Record<string, string>>; readonly outcomeCount: number }[];
  readonly nash: SolutionReport | null;
  readonly kalaiSmorodinsky: SolutionReport | null;
  readonly maxWelfare: SolutionReport | null;
  readonly relaxations: readonly {
    readonly relax: readonly ConstraintReport[];
    readonly agreements: number;
    readonly exact: boolean;
    readonly nash: SolutionReport | null;
  }[];
}

/**
 * Runs every analysis on a set of parties: the agreement space (with the conflicting red
 * lines when it is empty), the Pareto frontier of the agreements, the Nash,
 * Kalai–Smorodinsky and maximum-welfare points, and the smallest relaxations that would open
 * a zone of agreement (only when there is none).
 *
 * @example
 * ```ts
 * const report = analyzeParties(scenario.parties);
 * report.agreements; // 0 for the Ukraine 2025 seeds: no compromise plan exists
 * report.relaxations[0]?.relax.map((line) => line.text);
 * ```
 */
export function analyzeParties(parties: readonly Party[], options: RelaxationOptions = {}): AnalysisReport {
  const domain = parties[0]!.domain;
  const outcome = (value: Outcome) => choicesOf(domain, value);
  const solution = (result: BargainingResult): SolutionReport | null => {
    if (result === null) return null;
    if (!result.found) return { found: false, exact: false, guarantee: result.guarantee };
    return { found: true, utilities: result.utilities, outcome: outcome(result.outcome), ties: result.ties.length, exact: result.exact, guarantee: result.guarantee };
  };
  const limits: AnalysisOptions = options;
  const space = agreementSpace(parties, limits);
  const frontier = paretoFrontier(parties, limits);
  const relaxations = space.empty ? minimalRelaxations(parties, options) : [];
  return {
    parties: parties.map((party) => ({ id: party.id, name: party.name, reservationValue: party.reservationValue })),
    outcomes: space.outcomes,
    agreements: space.agreements,
    exact: space.exact && frontier.exact,
    conflicts: space.conflicts.map((conflict) => conflict.map(constraintReport)),
    pareto: frontier.points.map((point) => ({ utilities: point.utilities, outcome: outcome(point.outcome), outcomeCount: point.outcomeCount })),
    nash: solution(nashPoint(parties, limits)),
    kalaiSmorodinsky: solution(kalaiSmorodinsky(parties, limits)),
    maxWelfare: solution(maxWelfare(parties, limits)),
    relaxations: relaxations.map((relaxation) => ({
      relax: relaxation.relax.map(constraintReport),
      agreements: relaxation.opens.agreements,
      exact: relaxation.opens.exact,
      nash: solution(relaxation.opens.nash),
    })),
  };
}

function constraintReport(constraint: ConstraintInfo): ConstraintReport {
  return {
    party: constraint.ref.party,
    partyName: constraint.partyName,
    redLine: constraint.ref.kind === 'red-line' ? constraint.ref.redLine : null,
    text: constraint.text,
    sources: constraint.sources,
  };
}
