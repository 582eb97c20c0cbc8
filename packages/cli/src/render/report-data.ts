import {
  ParleyError,
  agreementSpace,
  assessPlan,
  compileEvaluator,
  countJson,
  diffPlans,
  kalaiSmorodinsky,
  minimalRelaxations,
  nashPoint,
  paretoFrontier,
  partyOf,
  planOf,
  STABILITY_CONCEPTS,
  stabilityAnalysis,
  type BargainingResult,
  type CountJson,
  type Party,
  type PlanDiff,
  type PointVerdict,
  type Revision,
  type Scenario,
  type Transcript,
  type TranscriptStep,
} from '@parley/core';
import { byKey } from './source-reliability.js';
import { CONCEPT_NAMES, changeText, pathText } from './stability-report.js';
import { replayTalks, shockChanges } from './talks-replay.js';

/** Everything the HTML report shows, as plain data (JSON-serialisable, deterministic). */
export interface ReportData {
  readonly scenario: { readonly id: string; readonly title: string; readonly description: string; readonly asOf: string | null };
  /** What `--set` / `--drop` changed, in words (e.g. "With overrides: Russia's reservation value 0.55 → 0.5."), when anything did. */
  readonly overrides?: string;
  readonly seed: number;
  readonly parties: readonly { readonly id: string; readonly name: string; readonly reservationValue: number }[];
  readonly plans: readonly { readonly id: string; readonly title: string; readonly date: string; readonly points: number }[];
  /** One cell per plan point × party. */
  readonly heatmap: readonly HeatmapCell[];
  /** The talks replay: empty, with `final` null, when the report leaves the talks out (see `talksLeftOut`). */
  readonly timeline: {
    /** One row per response of the replay: the party's utility and threshold at that step. */
    readonly responses: readonly TimelineResponse[];
    /** The shocks of the replay (battlefield, negotiator change, deadline…). */
    readonly shocks: readonly TimelineShock[];
    /** Step index → date (`free round k` for a free round's step, which has none), for the axis. */
    readonly steps: readonly { readonly step: number; readonly date: string }[];
    /** How the talks ended; null when they were not replayed. */
    readonly final: Transcript['final'] | null;
  };
  /** Why the talks are left out (the scenario has no `talks.yaml`), or null when they are replayed. */
  readonly talksLeftOut: string | null;
  readonly space: UtilitySpace;
  readonly diffs: readonly {
    readonly revision: Omit<Revision, 'patches' | 'inversePatches'>;
    readonly diff: PlanDiff;
    /** The text each changed point had before, by its number in the base plan (the diff keeps the new one). */
    readonly before: readonly { readonly point: number; readonly summary: string }[];
  }[];
  readonly relaxations: readonly RankedRelaxation[];
  /** Stability at the status quo (the control file's first named outcome), or why it is left out. */
  readonly stability: StabilitySection;
  /** Every source key the report cites, with its citation: the report's bibliography. */
  readonly sources: readonly CitedSource[];
}

/** The report's stability section: who would move away from the status quo, the Nash equilibria, and where the improvements lead. */
export interface StabilitySection {
  /** Why the section is left out (no control of moves, no named outcome), or null. */
  readonly leftOut: string | null;
  readonly from: string | null;
  readonly concepts: readonly string[];
  /** Per party: its verdict under each concept (true stable, false not, null undecided), and its breaking move in words. */
  readonly rows: readonly { readonly party: string; readonly verdicts: readonly (boolean | null)[]; readonly breakingMove: string | null }[];
  readonly nashEquilibria: { readonly count: number; readonly exact: boolean } | null;
  /** The equilibria the improvements reach from the status quo, each as its moves in words. */
  readonly paths: readonly (readonly string[])[];
  readonly reachable: number;
  readonly exact: boolean;
}

/** One entry of the report's bibliography. */
export interface CitedSource {
  readonly key: string;
  readonly citation: string;
  /** Marked `reliability: low` in the scenario's sources: not to carry a fact alone. */
  readonly lowReliability: boolean;
  readonly note: string | null;
}

export interface HeatmapCell {
  readonly plan: string;
  readonly planTitle: string;
  readonly point: number;
  readonly summary: string;
  readonly party: string;
  readonly partyName: string;
  readonly verdict: PointVerdict;
  readonly reason: string;
  /** The point's source keys. */
  readonly sources: readonly string[];
}

export interface TimelineResponse {
  readonly step: number;
  /** The step's date, or `free round k` in a free round (undated). */
  readonly date: string;
  readonly party: string;
  readonly partyName: string;
  readonly version: string;
  readonly decision: string;
  readonly utility: number;
  /** The least the party's strategy settled for at that step: the bar of the talks. */
  readonly threshold: number;
  /** Its reservation value at that step (the scenario's, moved by the shocks so far): the threshold never falls below it. */
  readonly reservationValue: number;
  readonly reason: string;
}

export interface TimelineShock {
  readonly step: number;
  /** The step's date, or `free round k` in a free round (undated). */
  readonly date: string;
  readonly kind: string;
  readonly label: string;
  readonly summary: string;
  readonly sources: readonly string[];
  /** What the shock changed (`Russia's reservation value +0.03 (0.55 → 0.58), …`), when it moves a number or a strategy. */
  readonly changes: string | null;
  /** The timeline's assumption behind its effect, when the effect is our reading. */
  readonly assumption: string | null;
}

export interface SpacePoint {
  readonly x: number;
  readonly y: number;
}

export interface UtilitySpace {
  readonly x: { readonly id: string; readonly name: string; readonly reservationValue: number };
  readonly y: { readonly id: string; readonly name: string; readonly reservationValue: number };
  /**
   * How many outcomes the domain has, exactly: a number up to 2^53 − 1, its digits as a
   * string past that ({@link CountJson}, as `parley analyze --json` gives counts); print it
   * with `formatCount`.
   */
  readonly outcomes: CountJson;
  /**
   * True when `sample` is drawn uniformly with the seed; false when it is every outcome of
   * the domain, once each (a domain with no more outcomes than the sample size is drawn whole,
   * never sampled with repeats).
   */
  readonly sampled: boolean;
  /** The outcomes drawn, with whether both parties accept them. */
  readonly sample: readonly (SpacePoint & { readonly acceptable: boolean })[];
  readonly plans: readonly (SpacePoint & { readonly plan: string; readonly title: string })[];
  /** How many outcomes both accept (0 when the agreement space is empty), exactly, as {@link CountJson}; at least this many when `agreementsExact` is false. */
  readonly agreements: CountJson;
  readonly agreementsExact: boolean;
  /** Up to {@link AGREEMENT_LIMIT} agreements, in the order the search lists them. */
  readonly agreementPoints: readonly SpacePoint[];
  /**
   * Whether `frontier` is the Pareto frontier of the agreement space (true) or, when the two
   * parties have none, of every outcome, red lines and reservation values ignored (false:
   * the unrestricted frontier, drawn and labelled as such).
   */
  readonly frontierOfAgreements: boolean;
  readonly frontier: readonly SpacePoint[];
  /**
   * The two parties' Nash and Kalai–Smorodinsky points, of their agreement space, as the
   * analysis finds them: null when no outcome is acceptable to both (the analysis then has
   * no such point, and the chart draws none).
   */
  readonly nash: SpacePoint | null;
  readonly kalaiSmorodinsky: SpacePoint | null;
  readonly conflict: readonly string[];
  /**
   * With three or more parties, the analysis of all of them (`parley analyze`), projected on
   * the two axes: the two-party points above are not those. Null with two parties.
   */
  readonly allParties: {
    readonly count: number;
    /** How many outcomes every party accepts, as {@link CountJson}; at least this many when `agreementsExact` is false. */
    readonly agreements: CountJson;
    readonly agreementsExact: boolean;
    readonly nash: SpacePoint | null;
    readonly kalaiSmorodinsky: SpacePoint | null;
  } | null;
}

export interface RankedRelaxation {
  readonly rank: number;
  readonly relax: readonly { readonly party: string; readonly text: string; readonly sources: readonly string[] }[];
  /** How many outcomes the relaxation opens, as {@link CountJson}; at least this many when `exact` is false. */
  readonly agreements: CountJson;
  readonly exact: boolean;
  readonly nash: readonly number[] | null;
}

/** Options of {@link buildReportData}. */
export interface ReportDataOptions {
  readonly seed: number;
  /** The two parties of the utility space (ids); default the first two of the scenario. */
  readonly parties?: readonly string[];
  /** How many outcomes to sample for the utility space (all of them when the domain has no more). Default 600. */
  readonly sampleSize?: number;
  /** Why there is no transcript, when there is none (default: no talks were replayed). */
  readonly talksLeftOut?: string;
}

const AGREEMENT_LIMIT = 400;

const SHOCK_LABELS: Readonly<Record<string, string>> = {
  battlefield: 'Battlefield',
  'negotiator-change': 'Negotiator change',
  deadline: 'Deadline',
};

/**
 * Gathers the report's data: the point verdicts of every plan for every party, the
 * utilities and thresholds of the talks replay, the two-party utility space and the
 * frontier, the diffs of every revision and the smallest relaxations. With no transcript
 * (a scenario without `talks.yaml`) everything but the talks is there: `timeline` is empty
 * with `final` null, and `talksLeftOut` says why.
 *
 * @example
 * ```ts
 * buildReportData(scenario, runScenario(scenario, talks, { seed: 1 }), { seed: 1 }).timeline.final?.status; // 'adjourned'
 * buildReportData(scenario, null, { seed: 1, talksLeftOut: 'there is no talks.yaml' }).talksLeftOut;     // 'there is no talks.yaml'
 * ```
 */
export function buildReportData(scenario: Scenario, transcript: Transcript | null, options: ReportDataOptions): ReportData {
  const parties = scenario.parties;
  const heatmap: HeatmapCell[] = [];
  for (const plan of scenario.plans) {
    for (const party of parties) {
      const assessment = assessPlan(party, plan);
      for (const point of assessment.points) {
        const spec = plan.points.find((p) => p.number === point.point);
        heatmap.push({ plan: plan.id, planTitle: plan.title, point: point.point, summary: spec?.summary ?? '', party: party.id, partyName: party.name, verdict: point.verdict, reason: point.reason, sources: spec?.sources ?? [] });
      }
    }
  }

  const names = new Map(parties.map((party) => [party.id, party.name]));
  const responses: TimelineResponse[] = [];
  const shocks: TimelineShock[] = [];
  // Without a transcript there are no steps, so `replay` is only read when there is one.
  const replay = transcript === null ? null : replayTalks(scenario, transcript);
  for (const step of transcript?.steps ?? []) {
    const effect = step.effect;
    if (effect?.kind === 'response') {
      const r = effect.response;
      responses.push({ step: step.index, date: dateOf(step), party: r.party, partyName: names.get(r.party) ?? r.party, version: r.version, decision: r.decision, utility: r.utility, threshold: r.threshold, reservationValue: r.reservationValue, reason: r.reason });
    } else if (effect?.kind === 'shock') {
      const kind = step.timeline?.kind ?? step.event.type.toLowerCase();
      const summary = step.timeline?.summary ?? effect.summary;
      shocks.push({
        step: step.index,
        date: dateOf(step),
        kind,
        label: `${SHOCK_LABELS[kind] ?? kind} (${shortDate(dateOf(step))}): ${clip(summary, 48)}`,
        summary,
        sources: step.timeline?.sources ?? [],
        changes: shockChanges(scenario, replay!, step),
        assumption: step.timeline?.assumption ?? null,
      });
    }
  }
  const diffs = scenario.revisions.map((revision) => {
    const { patches: _patches, inversePatches: _inverse, ...meta } = revision;
    const base = planOf(scenario, revision.base);
    const diff = diffPlans(base, planOf(scenario, revision.result));
    const before = diff.changed.map((change) => ({ point: change.from, summary: base.points.find((point) => point.number === change.from)?.summary ?? '' }));
    return { revision: meta, diff, before };
  });
  const relaxations: RankedRelaxation[] = minimalRelaxations(parties, { maxSize: 3 }).map((relaxation, index) => ({
    rank: index + 1,
    relax: relaxation.relax.map((line) => ({ party: line.partyName, text: line.text, sources: line.sources })),
    agreements: countJson(relaxation.opens.exactAgreements),
    exact: relaxation.opens.exact,
    nash: relaxation.opens.nash?.found === true ? relaxation.opens.nash.utilities : null,
  }));
  const space = utilitySpace(scenario, pickPair(scenario, options.parties), options.seed, options.sampleSize ?? 600);
  // The bibliography lists what the report cites: the points behind the heatmap, the
  // shocks of the timeline, the revisions, the red lines of the relaxations and of the
  // conflict. Each section shows its keys, and the list at the end says what they are.
  const cited = new Set<string>([
    ...heatmap.flatMap((cell) => cell.sources),
    ...shocks.flatMap((shock) => shock.sources),
    ...diffs.flatMap(({ revision }) => revision.sources),
    ...relaxations.flatMap((relaxation) => relaxation.relax.flatMap((line) => line.sources)),
    ...space.conflictSources,
  ]);

  return {
    scenario: { id: scenario.id, title: scenario.title, description: scenario.description ?? '', asOf: scenario.asOf ?? null },
    seed: options.seed,
    parties: parties.map((party) => ({ id: party.id, name: party.name, reservationValue: party.reservationValue })),
    plans: scenario.plans.map((plan) => ({ id: plan.id, title: plan.title, date: plan.date, points: plan.points.length })),
    heatmap,
    timeline: {
      responses,
      shocks,
      steps: transcript?.steps.map((step) => ({ step: step.index, date: dateOf(step) })) ?? [],
      final: transcript?.final ?? null,
    },
    talksLeftOut: transcript === null ? (options.talksLeftOut ?? 'no talks were replayed') : null,
    space: space.space,
    diffs,
    relaxations,
    stability: stabilitySection(scenario),
    sources: [...cited].sort(byKey).map((key) => citedSource(scenario, key)),
  };
}

function citedSource(scenario: Scenario, key: string): CitedSource {
  // An own entry only: a key such as `constructor` must not find Object.prototype's.
  const entry = Object.hasOwn(scenario.sources, key) ? scenario.sources[key] : undefined;
  if (entry === undefined) return { key, citation: '(not listed in the scenario\'s sources)', lowReliability: false, note: null };
  if (typeof entry === 'string') return { key, citation: entry, lowReliability: false, note: null };
  return { key, citation: entry.citation, lowReliability: entry.reliability === 'low', note: entry.note ?? null };
}

function pickPair(scenario: Scenario, ids: readonly string[] | undefined): readonly [Party, Party] {
  if (ids === undefined) {
    const [a, b] = scenario.parties;
    if (a === undefined || b === undefined) throw new ParleyError('USAGE', 'the utility space needs a scenario with at least two parties');
    return [a, b];
  }
  if (ids.length !== 2) throw new ParleyError('USAGE', `--parties takes two party ids separated by a comma, got ${ids.length}`);
  if (ids[0] === ids[1]) throw new ParleyError('USAGE', '--parties takes two different parties');
  return [partyOf(scenario, ids[0]!), partyOf(scenario, ids[1]!)];
}

function utilitySpace(scenario: Scenario, pair: readonly [Party, Party], seed: number, sampleSize: number): { space: UtilitySpace; conflictSources: readonly string[] } {
  const [a, b] = pair;
  const evaluator = compileEvaluator(pair);
  const sizes = scenario.domain.issues.map((issue) => issue.options.length);
  // Only compared with the sample size and counted up to it: a double is exact enough for that
  // (the count the report prints is the analysis's exact one).
  const outcomes = sizes.reduce((product, size) => product * size, 1);
  const sampled = outcomes > sampleSize;
  const sample: (SpacePoint & { acceptable: boolean })[] = [];
  const into = new Float64Array(2);
  const add = (outcome: Uint8Array) => {
    evaluator.utilities(outcome, into);
    sample.push({ x: round(into[0]!), y: round(into[1]!), acceptable: evaluator.acceptedByAll(outcome) });
  };
  if (sampled) {
    const random = mulberry32(seed);
    for (let i = 0; i < sampleSize; i++) add(Uint8Array.from(sizes, (size) => Math.floor(random() * size)));
  } else {
    // No more outcomes than the sample would hold: draw each one once, in counting order.
    const outcome = new Uint8Array(sizes.length);
    for (let n = 0; n < outcomes; n++) {
      add(outcome);
      for (let i = sizes.length - 1; i >= 0 && ++outcome[i]! === sizes[i]!; i--) outcome[i] = 0;
    }
  }
  const plans = scenario.plans.map((plan) => ({ plan: plan.id, title: plan.title, x: round(assessPlan(a, plan).utility), y: round(assessPlan(b, plan).utility) }));
  const space = agreementSpace(pair);
  const agreementPoints: SpacePoint[] = [];
  if (!space.empty) {
    for (const outcome of space.iterate()) {
      evaluator.utilities(outcome, into);
      agreementPoints.push({ x: round(into[0]!), y: round(into[1]!) });
      if (agreementPoints.length >= AGREEMENT_LIMIT) break;
    }
  }
  // The frontier of the agreements when there are any; otherwise the unrestricted frontier,
  // which the chart labels as such. Nash and KS only exist over agreements (each party above
  // its reservation value): with none, the analysis has no such point and none is drawn.
  const frontier = paretoFrontier(pair, { acceptableOnly: !space.empty }).points.map((point) => ({ x: round(point.utilities[0]!), y: round(point.utilities[1]!) })).sort((p, q) => p.x - q.x || q.y - p.y);
  const conflict = space.conflict ?? [];
  return {
    space: {
      x: { id: a.id, name: a.name, reservationValue: a.reservationValue },
      y: { id: b.id, name: b.name, reservationValue: b.reservationValue },
      outcomes: countJson(space.exactOutcomes),
      sampled,
      sample,
      plans,
      agreements: countJson(space.exactAgreements),
      agreementsExact: space.exact,
      agreementPoints,
      frontierOfAgreements: !space.empty,
      frontier,
      nash: space.empty ? null : solutionPoint(nashPoint(pair, { acceptableOnly: true }), [0, 1]),
      kalaiSmorodinsky: space.empty ? null : solutionPoint(kalaiSmorodinsky(pair, { acceptableOnly: true }), [0, 1]),
      conflict: conflict.map((line) => `${line.partyName}: ${line.text}`),
      allParties: allPartiesOf(scenario, pair),
    },
    conflictSources: conflict.flatMap((line) => line.sources),
  };
}

/**
 * The analysis of every party (what `parley analyze` reports), projected on the two axes:
 * with three or more parties, a two-party chart's Nash point is not the scenario's.
 */
function allPartiesOf(scenario: Scenario, pair: readonly [Party, Party]): UtilitySpace['allParties'] {
  const parties = scenario.parties;
  if (parties.length < 3) return null;
  const axes = [parties.indexOf(pair[0]), parties.indexOf(pair[1])] as const;
  const space = agreementSpace(parties);
  return {
    count: parties.length,
    agreements: countJson(space.exactAgreements),
    agreementsExact: space.exact,
    nash: space.empty ? null : solutionPoint(nashPoint(parties, { acceptableOnly: true }), axes),
    kalaiSmorodinsky: space.empty ? null : solutionPoint(kalaiSmorodinsky(parties, { acceptableOnly: true }), axes),
  };
}

/** A bargaining point on the chart's axes: the utilities of the parties at `axes`. */
function solutionPoint(result: BargainingResult, axes: readonly [number, number]): SpacePoint | null {
  if (result === null || !result.found) return null;
  return { x: round(result.utilities[axes[0]]!), y: round(result.utilities[axes[1]]!) };
}

/** A small seeded generator (mulberry32): the same seed gives the same sample everywhere. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/** A step's date, or `free round k` for a step of a free round, which has no date. */
function dateOf(step: TranscriptStep): string {
  return step.date ?? `free round ${step.freeRound}`;
}

function clip(text: string, length: number): string {
  const first = text.split(/[;.]/)[0] ?? text;
  return first.length <= length ? first : `${first.slice(0, length - 1).trimEnd()}…`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2025-11-27` → `27 Nov`. */
export function shortDate(date: string): string {
  const [, month, day] = date.split('-');
  return month === undefined || day === undefined ? date : `${Number(day)} ${MONTHS[Number(month) - 1] ?? month}`;
}

/** The stability section: the analysis at the status quo (all five concepts, the paths, the Nash count), default budgets. */
function stabilitySection(scenario: Scenario): StabilitySection {
  const from = scenario.control?.outcomes?.[0];
  const empty = { from: null, concepts: [], rows: [], nashEquilibria: null, paths: [], reachable: 0, exact: true };
  if (scenario.control === undefined) return { ...empty, leftOut: 'the scenario has no control of moves (control.yaml)' };
  if (from === undefined) return { ...empty, leftOut: 'the control file names no outcome to start from' };
  const report = stabilityAnalysis(scenario, { outcomes: [from.id], from: from.id, equilibria: ['nash'] });
  const judged = report.outcomes[0]!;
  const rows = scenario.parties.map((party) => {
    const mine = STABILITY_CONCEPTS.map((concept) => judged.verdicts.find((verdict) => verdict.party === party.id && verdict.concept === concept));
    const breaking = mine.find((verdict) => verdict?.breakingMove !== undefined)?.breakingMove;
    return { party: party.name, verdicts: mine.map((verdict) => verdict?.stable ?? null), breakingMove: breaking === undefined ? null : changeText(scenario.domain, judged.outcome, breaking) };
  });
  const nash = report.equilibria[0];
  const statusQuo = report.statusQuo!;
  const paths = statusQuo.equilibria.slice(0, 10).map((reached) => pathText(scenario, statusQuo.from, reached.path));
  return { leftOut: null, from: from.label, concepts: STABILITY_CONCEPTS.map((concept) => CONCEPT_NAMES[concept]), rows, nashEquilibria: nash === undefined ? null : { count: nash.count, exact: nash.complete }, paths, reachable: statusQuo.reachable, exact: report.exact };
}
