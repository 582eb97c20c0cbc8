import { choicesOf, type Outcome } from '../model/outcome.js';
import type { Party } from '../model/party.js';
import type { Exactness } from './analysis-options.js';
import { agreementSpaceBefore } from './agreement-space.js';
import { kalaiSmorodinskyWith, maxWelfareWith, nashPointWith, type BargainingResult } from './bargaining-solutions.js';
import type { ConstraintInfo } from './compiled-model.js';
import { countJson, formatCount, type CountJson } from './count.js';
import { findRelaxationsBefore, type RelaxationOptions, type RelaxationSearch } from './minimal-relaxations.js';
import { paretoFrontierBefore } from './pareto-frontier.js';
import { DEFAULT_BUDGET, deadlineOf, StepCounter } from './search-budget.js';

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

/** How one analysis of a report ended: finished (`exact`), or stopped, and what it still guarantees. */
export interface SearchReport {
  readonly exact: boolean;
  readonly stoppedBy: Exactness['stoppedBy'];
  /** The work units it spent (the same on every machine for the same input and options). */
  readonly work: number;
  readonly guarantee: string;
}

/** The analyses of a report, in the order {@link analyzeParties} runs them. */
export type AnalysisPart = 'agreements' | 'pareto' | 'nash' | 'kalaiSmorodinsky' | 'maxWelfare' | 'relaxations';

/** What each analysis is called in a progress display. */
export const analysisPartLabels: Readonly<Record<AnalysisPart, string>> = {
  agreements: 'agreement space',
  pareto: 'Pareto frontier',
  nash: 'Nash point',
  kalaiSmorodinsky: 'Kalai–Smorodinsky point',
  maxWelfare: 'max welfare',
  relaxations: 'smallest relaxations',
};

/** Options of {@link analyzeParties}. */
export interface AnalyzeOptions extends RelaxationOptions {
  /** The relaxations, already found for these parties and options (by `findRelaxations`), to reuse. */
  readonly relaxations?: RelaxationSearch;
  /**
   * Called as each analysis starts: its name, its place (0-based) and how many there are.
   * With `onWork`, what a progress display needs. Never changes the result.
   */
  readonly onPart?: (part: AnalysisPart, index: number, count: number) => void;
}

/**
 * Everything {@link analyzeParties} finds, as JSON-ready data. Counts are {@link CountJson}:
 * a number up to 2^53 − 1, the exact digits as a string beyond.
 */
export interface AnalysisReport {
  readonly parties: readonly { readonly id: string; readonly name: string; readonly reservationValue: number }[];
  /** How many outcomes the domain has. */
  readonly outcomes: CountJson;
  /** How many every party accepts: exact when `searches.agreements.exact`, else a lower bound. */
  readonly agreements: CountJson;
  /** True when every analysis finished: every count, point and list below is exact (what each relaxation opens included). */
  readonly complete: boolean;
  /** The same as `complete` (its name before there were budgets). */
  readonly exact: boolean;
  /** The limits the analyses ran under: work units per analysis, and the time limit (null: none). */
  readonly limits: { readonly budget: number | null; readonly timeLimitMs: number | null };
  /** How each analysis ended. `relaxations` is null when they were not needed (agreements exist). */
  readonly searches: {
    readonly agreements: SearchReport;
    readonly pareto: SearchReport;
    readonly nash: SearchReport;
    readonly kalaiSmorodinsky: SearchReport;
    readonly maxWelfare: SearchReport;
    readonly relaxations: SearchReport | null;
  };
  readonly conflicts: readonly (readonly ConstraintReport[])[];
  readonly pareto: readonly { readonly utilities: readonly number[]; readonly outcome: Readonly<Record<string, string>>; readonly outcomeCount: CountJson }[];
  readonly nash: SolutionReport | null;
  readonly kalaiSmorodinsky: SolutionReport | null;
  readonly maxWelfare: SolutionReport | null;
  readonly relaxations: readonly {
    readonly relax: readonly ConstraintReport[];
    readonly agreements: CountJson;
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
 * Each analysis has its own work budget (`budget`, default `DEFAULT_BUDGET` work units), so
 * the whole report costs at most six budgets; `timeLimitMs` (with `clock`) bounds the whole
 * call. An analysis that hits a limit stops and says so in `searches`, and `complete` is
 * false: the counts are then lower bounds, and the points the best found.
 *
 * @example
 * ```ts
 * const report = analyzeParties(scenario.parties);
 * report.agreements; // 0 for the Ukraine 2025 seeds: no compromise plan exists
 * report.relaxations[0]?.relax.map((line) => line.text);
 *
 * const quick = analyzeParties(parties, { budget: 100_000, timeLimitMs: 5_000, clock: () => performance.now() });
 * if (!quick.complete) console.log(quick.searches.agreements.guarantee); // 'at least … outcomes are acceptable …'
 * ```
 */
export function analyzeParties(parties: readonly Party[], options: AnalyzeOptions = {}): AnalysisReport {
  const domain = parties[0]!.domain;
  const outcome = (value: Outcome) => choicesOf(domain, value);
  const solution = (result: BargainingResult): SolutionReport | null => {
    if (result === null) return null;
    if (!result.found) return { found: false, exact: false, guarantee: result.guarantee };
    return { found: true, utilities: result.utilities, outcome: outcome(result.outcome), ties: result.ties.length, exact: result.exact, guarantee: result.guarantee };
  };
  // One deadline for the whole call; a budget of its own for each analysis.
  const deadline = deadlineOf(options);
  const parts: AnalysisPart[] = ['agreements', 'pareto', 'nash', 'kalaiSmorodinsky', 'maxWelfare', 'relaxations'];
  const starting = (part: AnalysisPart) => options.onPart?.(part, parts.indexOf(part), parts.length);

  starting('agreements');
  const space = agreementSpaceBefore(parties, options, deadline);
  starting('pareto');
  const frontier = paretoFrontierBefore(parties, options, deadline);
  const bargaining = (part: AnalysisPart, solve: typeof nashPointWith) => {
    starting(part);
    const steps = new StepCounter(options, deadline);
    const result = solve(parties, options, steps);
    const search: SearchReport = result === null
      ? { exact: steps.stopped === null, stoppedBy: steps.stopped, work: steps.steps, guarantee: 'exact: no outcome qualifies' }
      : searchReport(result);
    return { result, search };
  };
  const nash = bargaining('nash', nashPointWith);
  const ks = bargaining('kalaiSmorodinsky', kalaiSmorodinskyWith);
  const welfare = bargaining('maxWelfare', maxWelfareWith);
  starting('relaxations');
  const relaxations = space.empty ? (options.relaxations ?? findRelaxationsBefore(parties, options, deadline)) : null;

  const agreements: SearchReport = space.exact
    ? searchReport(space)
    : {
        ...searchReport(space),
        guarantee: `at least ${formatCount(space.exactAgreements)} outcomes are acceptable to every party: the count stopped (${space.stoppedBy}) after ${formatCount(space.work)} work units, before it had looked at every outcome`,
      };
  const searches = {
    agreements,
    pareto: searchReport(frontier),
    nash: nash.search,
    kalaiSmorodinsky: ks.search,
    maxWelfare: welfare.search,
    relaxations: relaxations === null ? null : searchReport(relaxations),
  };
  // A relaxation's count and Nash point have shares of the relaxations' budget: cut short,
  // they leave the list complete, but not the report.
  const opened = (relaxations?.relaxations ?? []).every(({ opens }) => opens.exact && (opens.nash === null || opens.nash.exact));
  const complete = opened && Object.values(searches).every((search) => search === null || search.exact);
  const budget = options.budget ?? DEFAULT_BUDGET;
  return {
    parties: parties.map((party) => ({ id: party.id, name: party.name, reservationValue: party.reservationValue })),
    outcomes: countJson(space.exactOutcomes),
    agreements: countJson(space.exactAgreements),
    complete,
    exact: complete,
    limits: { budget: budget === Infinity ? null : budget, timeLimitMs: options.timeLimitMs === undefined || options.timeLimitMs === Infinity ? null : options.timeLimitMs },
    searches,
    conflicts: space.conflicts.map((conflict) => conflict.map(constraintReport)),
    pareto: frontier.points.map((point) => ({ utilities: point.utilities, outcome: outcome(point.outcome), outcomeCount: countJson(point.exactOutcomeCount) })),
    nash: solution(nash.result),
    kalaiSmorodinsky: solution(ks.result),
    maxWelfare: solution(welfare.result),
    relaxations: (relaxations?.relaxations ?? []).map((relaxation) => ({
      relax: relaxation.relax.map(constraintReport),
      agreements: countJson(relaxation.opens.exactAgreements),
      exact: relaxation.opens.exact,
      nash: solution(relaxation.opens.nash),
    })),
  };
}

function searchReport({ exact, stoppedBy, work, guarantee }: Exactness): SearchReport {
  return { exact, stoppedBy, work, guarantee };
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
