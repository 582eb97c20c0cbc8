import { nashPoint } from '../analysis/bargaining-solutions.js';
import { assessOutcome, assessPlan } from '../model/assess.js';
import { ParleyError } from '../model/errors.js';
import { bindParty } from '../model/party.js';
import type { PartySpec } from '../model/specs.js';
import type { Scenario } from '../scenario/scenario.js';
import type { TalksSpec } from '../talks/timeline.js';
import type { PerturbationSpec } from '../explore/perturbation.js';
import { forecast, type Forecast } from './forecast.js';
import { knownAt, type KnownFact } from './known-at.js';
import type { RedLinePrice } from './price.js';

/** An observed reaction after a snapshot, with its sources. */
export type Reaction = { readonly date: string; readonly sources: readonly string[] } & (
  | { readonly kind: 'accepts' | 'rejects'; readonly party: string; readonly plan: string }
  | { readonly kind: 'agreement'; readonly happened: boolean }
  | { readonly kind: 'red-line-yields'; readonly party: string; readonly redLine: string; readonly happened: boolean }
);

/** One dated snapshot of a case. */
export interface Snapshot {
  readonly asOf: string;
  readonly horizon: string;
  readonly note?: string;
  readonly reactions: readonly Reaction[];
}

/** A backtest case: a scenario and dated snapshots with what followed. */
export interface BacktestCase {
  readonly name: string;
  readonly description?: string;
  readonly use: 'design' | 'scored-only';
  readonly scenario: Scenario;
  readonly talks?: TalksSpec;
  readonly perturb?: PerturbationSpec;
  readonly known: readonly KnownFact[];
  readonly prices: readonly RedLinePrice[];
  readonly snapshots: readonly Snapshot[];
}

/** The methods a backtest scores side by side. */
export const BACKTEST_METHODS = ['parley', 'chance', 'nothing-changes', 'nash-unrestricted', 'no-firmness'] as const;
export type BacktestMethod = (typeof BACKTEST_METHODS)[number];

/** One scored call: what was predicted and what happened. */
export interface ScoredCall {
  readonly case: string;
  readonly asOf: string;
  readonly question: string;
  readonly happened: boolean;
  readonly sources: readonly string[];
  readonly predicted: Readonly<Record<BacktestMethod, number>>;
}

/** Accuracy, Brier score and log loss of a set of calls. */
export interface Scores {
  readonly calls: number;
  readonly accuracy: number;
  readonly brier: number;
  readonly logLoss: number;
}

/** A backtest: every call and the scores per case and overall, per method. */
export interface BacktestResult {
  readonly calls: readonly ScoredCall[];
  readonly cases: readonly { readonly name: string; readonly use: string; readonly scores: Readonly<Record<BacktestMethod, Scores>> }[];
  readonly overall: Readonly<Record<BacktestMethod, Scores>>;
  /** Calibration of Parley's calls: bins of predicted probability with the observed frequency. */
  readonly calibration: readonly { readonly from: number; readonly to: number; readonly calls: number; readonly predicted: number; readonly observed: number }[];
}

/** Probabilities are kept in [ε, 1 − ε] for the log loss, so that one certain miss does not make it infinite. */
export const LOG_LOSS_EPSILON = 0.01;

/**
 * Accuracy (a call is right when p > ½ and it happened, or p < ½ and it did not; a call of exactly ½ counts half), the
 * Brier score (mean (p − y)²) and the log loss (mean −ln of the probability given to what
 * happened, p clipped to [ε, 1 − ε]).
 *
 * @example
 * ```ts
 * scoreCalls([{ p: 0.8, y: true }, { p: 0.4, y: true }]);
 * // { calls: 2, accuracy: 0.5, brier: 0.2, logLoss: 0.5697… }
 * ```
 */
export function scoreCalls(calls: readonly { readonly p: number; readonly y: boolean }[]): Scores {
  if (calls.length === 0) return { calls: 0, accuracy: 0, brier: 0, logLoss: 0 };
  let right = 0;
  let brier = 0;
  let logLoss = 0;
  for (const { p, y } of calls) {
    if (!(p >= 0 && p <= 1)) throw new ParleyError('INVALID_FORECAST', `a probability must be in [0, 1]; got ${p}`);
    // A call of exactly ½ says nothing either way: half right, whatever happened.
    if (p === 0.5) right += 0.5;
    else if ((p > 0.5) === y) right++;
    brier += (p - (y ? 1 : 0)) ** 2;
    const clipped = Math.min(1 - LOG_LOSS_EPSILON, Math.max(LOG_LOSS_EPSILON, p));
    logLoss -= Math.log(y ? clipped : 1 - clipped);
  }
  return { calls: calls.length, accuracy: right / calls.length, brier: brier / calls.length, logLoss: logLoss / calls.length };
}

/** Options of {@link backtest}. */
export interface BacktestOptions {
  readonly runs: number;
  readonly seed?: number;
  readonly budget?: number;
}

/**
 * Forecasts every snapshot of every case and scores each against the reactions that
 * followed, beside the baselines: chance (½), "nothing changes" (every red line holds, the
 * unperturbed verdicts), the Nash point of the space without red lines as the predicted deal,
 * and Parley without firmness and prices.
 *
 * @example
 * ```ts
 * const result = backtest([ukraineCase], { runs: 200, seed: 1 });
 * result.overall.parley.brier;
 * ```
 */
export function backtest(cases: readonly BacktestCase[], options: BacktestOptions): BacktestResult {
  const calls: ScoredCall[] = [];
  for (const item of cases) {
    for (const snapshot of item.snapshots) calls.push(...scoreSnapshot(item, snapshot, options));
  }
  const byMethod = (list: readonly ScoredCall[]) =>
    Object.fromEntries(BACKTEST_METHODS.map((method) => [method, scoreCalls(list.map((call) => ({ p: call.predicted[method], y: call.happened })))])) as Record<BacktestMethod, Scores>;
  const bins = [0, 0.2, 0.4, 0.6, 0.8, 1.0000001];
  const calibration = bins.slice(0, -1).map((from, index) => {
    const to = bins[index + 1]!;
    const inBin = calls.filter((call) => call.predicted.parley >= from && call.predicted.parley < to);
    const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
    return { from, to: Math.min(1, to), calls: inBin.length, predicted: mean(inBin.map((call) => call.predicted.parley)), observed: mean(inBin.map((call) => (call.happened ? 1 : 0))) };
  });
  return {
    calls,
    cases: cases.map((item) => ({ name: item.name, use: item.use, scores: byMethod(calls.filter((call) => call.case === item.name)) })),
    overall: byMethod(calls),
    calibration,
  };
}

function scoreSnapshot(item: BacktestCase, snapshot: Snapshot, options: BacktestOptions): ScoredCall[] {
  const common = { asOf: snapshot.asOf, horizon: snapshot.horizon, runs: options.runs, seed: options.seed ?? 1, known: item.known, prices: item.prices, ...(item.talks === undefined ? {} : { talks: item.talks }), ...(item.perturb === undefined ? {} : { perturb: item.perturb }), ...(options.budget === undefined ? {} : { budget: options.budget }) };
  const parley = forecast(item.scenario, common);
  const plain = forecast(item.scenario, { ...common, firmness: false });
  const cut = knownAt(item.scenario, item.talks, snapshot.asOf, item.known).scenario;
  const nash = nashBaseline(cut);
  const unchanged = nothingChanges(cut);
  return snapshot.reactions
    .filter((reaction) => reaction.date > snapshot.asOf && reaction.date <= snapshot.horizon)
    .map((reaction) => {
      const question = questionOf(reaction);
      const happened = 'happened' in reaction ? reaction.happened : reaction.kind === 'accepts';
      const predicted: Record<BacktestMethod, number> = {
        parley: predict(parley, reaction),
        chance: 0.5,
        'nothing-changes': unchanged(reaction),
        'nash-unrestricted': nash(reaction),
        'no-firmness': predict(plain, reaction),
      };
      return { case: item.name, asOf: snapshot.asOf, question, happened, sources: reaction.sources, predicted };
    });
}

function questionOf(reaction: Reaction): string {
  switch (reaction.kind) {
    case 'accepts':
    case 'rejects':
      return `${reaction.party} accepts ${reaction.plan}`;
    case 'agreement':
      return 'agreement signed';
    case 'red-line-yields':
      return `${reaction.party}/${reaction.redLine} yields`;
  }
}

/** @internal Parley's probability for a reaction: the exploration for a text on the table, the next text otherwise. */
export function predict(f: Forecast, reaction: Reaction): number {
  switch (reaction.kind) {
    case 'accepts':
    case 'rejects': {
      const known = f.acceptance.find((row) => row.plan === reaction.plan && row.party === reaction.party);
      return known?.estimate.probability ?? f.nextText[reaction.party] ?? 0.5;
    }
    case 'agreement':
      return f.agreement?.probability ?? 0;
    case 'red-line-yields':
      return f.redLines.find((line) => line.redLine === `${reaction.party}/${reaction.redLine}`)?.yields ?? 0;
  }
}

/** Every stated red line holds and nothing moves: each text is judged as written (0 or 1), nothing is signed, no line yields. */
function nothingChanges(s: Scenario): (reaction: Reaction) => number {
  return (reaction) => {
    switch (reaction.kind) {
      case 'accepts':
      case 'rejects': {
        const plan = s.plans.find((candidate) => candidate.id === reaction.plan);
        const party = s.parties.find((candidate) => candidate.id === reaction.party);
        if (plan === undefined || party === undefined) return 0;
        return assessPlan(party, plan).accepts ? 1 : 0;
      }
      // Nothing changes: no deal is signed and no red line gives way.
      case 'agreement':
      case 'red-line-yields':
        return 0;
    }
  };
}

/** The Nash point of the space without red lines is the deal: texts are judged without red lines, the deal is agreed, and a red line it crosses yields. */
function nashBaseline(s: Scenario): (reaction: Reaction) => number {
  const free = s.parties.map((party) => bindParty(party.domain, { ...(JSON.parse(JSON.stringify(party)) as PartySpec), redLines: [] }));
  const point = nashPoint(free, { budget: 2_000_000 });
  return (reaction) => {
    switch (reaction.kind) {
      case 'accepts':
      case 'rejects': {
        const plan = s.plans.find((candidate) => candidate.id === reaction.plan);
        const index = s.parties.findIndex((candidate) => candidate.id === reaction.party);
        if (index < 0) return 0.5;
        if (plan === undefined) return point?.found === true ? 1 : 0;
        return assessPlan(free[index]!, plan).stance === 'rejects' ? 0 : 1;
      }
      case 'agreement':
        return point?.found === true ? 1 : 0;
      case 'red-line-yields': {
        const party = s.parties.find((candidate) => candidate.id === reaction.party);
        if (party === undefined || point?.found !== true) return 0;
        return assessOutcome(party, point.outcome).violations.some((violation) => violation.redLine === reaction.redLine) ? 1 : 0;
      }
    }
  };
}
