import {
  ParleyError,
  agreementSpace,
  assessPlan,
  compileEvaluator,
  diffPlans,
  kalaiSmorodinsky,
  minimalRelaxations,
  nashPoint,
  paretoFrontier,
  partyOf,
  planOf,
  type BargainingResult,
  type Party,
  type PlanDiff,
  type PointVerdict,
  type Revision,
  type Scenario,
  type Transcript,
} from '@parley/core';

/** Everything the HTML report shows, as plain data (JSON-serialisable, deterministic). */
export interface ReportData {
  readonly scenario: { readonly id: string; readonly title: string; readonly description: string; readonly asOf: string | null };
  readonly seed: number;
  readonly parties: readonly { readonly id: string; readonly name: string; readonly reservationValue: number }[];
  readonly plans: readonly { readonly id: string; readonly title: string; readonly date: string; readonly points: number }[];
  /** One cell per plan point × party. */
  readonly heatmap: readonly HeatmapCell[];
  readonly timeline: {
    /** One row per response of the replay: the party's utility and threshold at that step. */
    readonly responses: readonly TimelineResponse[];
    /** The shocks of the replay (battlefield, negotiator change, deadline…). */
    readonly shocks: readonly TimelineShock[];
    /** Step index → date, for the axis. */
    readonly steps: readonly { readonly step: number; readonly date: string }[];
    readonly final: Transcript['final'];
  };
  readonly space: UtilitySpace;
  readonly diffs: readonly { readonly revision: Omit<Revision, 'patches' | 'inversePatches'>; readonly diff: PlanDiff }[];
  readonly relaxations: readonly RankedRelaxation[];
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
}

export interface TimelineResponse {
  readonly step: number;
  readonly date: string;
  readonly party: string;
  readonly partyName: string;
  readonly version: string;
  readonly decision: string;
  readonly utility: number;
  readonly threshold: number;
  readonly reason: string;
}

export interface TimelineShock {
  readonly step: number;
  readonly date: string;
  readonly kind: string;
  readonly label: string;
  readonly summary: string;
}

export interface SpacePoint {
  readonly x: number;
  readonly y: number;
}

export interface UtilitySpace {
  readonly x: { readonly id: string; readonly name: string; readonly reservationValue: number };
  readonly y: { readonly id: string; readonly name: string; readonly reservationValue: number };
  /** Outcomes drawn uniformly with the seed, with whether both parties accept them. */
  readonly sample: readonly (SpacePoint & { readonly acceptable: boolean })[];
  readonly plans: readonly (SpacePoint & { readonly plan: string; readonly title: string })[];
  /** How many outcomes both accept (0 when the agreement space is empty). */
  readonly agreements: number;
  readonly agreementsExact: boolean;
  /** Up to {@link AGREEMENT_LIMIT} agreements, in the order the search lists them. */
  readonly agreementPoints: readonly SpacePoint[];
  /** Whether the frontier, Nash and KS are of the agreement space (true) or of every outcome (false). */
  readonly frontierOfAgreements: boolean;
  readonly frontier: readonly SpacePoint[];
  readonly nash: SpacePoint | null;
  readonly kalaiSmorodinsky: SpacePoint | null;
  readonly conflict: readonly string[];
}

export interface RankedRelaxation {
  readonly rank: number;
  readonly relax: readonly { readonly party: string; readonly text: string }[];
  readonly agreements: number;
  readonly exact: boolean;
  readonly nash: readonly number[] | null;
}

/** Options of {@link buildReportData}. */
export interface ReportDataOptions {
  readonly seed: number;
  /** The two parties of the utility space (ids); default the first two of the scenario. */
  readonly parties?: readonly string[];
  /** How many outcomes to sample for the utility space. Default 600. */
  readonly sampleSize?: number;
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
 * frontier, the diffs of every revision and the smallest relaxations.
 */
export function buildReportData(scenario: Scenario, transcript: Transcript, options: ReportDataOptions): ReportData {
  const parties = scenario.parties;
  const heatmap: HeatmapCell[] = [];
  for (const plan of scenario.plans) {
    for (const party of parties) {
      const assessment = assessPlan(party, plan);
      for (const point of assessment.points) {
        const summary = plan.points.find((p) => p.number === point.point)?.summary ?? '';
        heatmap.push({ plan: plan.id, planTitle: plan.title, point: point.point, summary, party: party.id, partyName: party.name, verdict: point.verdict, reason: point.reason });
      }
    }
  }

  const names = new Map(parties.map((party) => [party.id, party.name]));
  const responses: TimelineResponse[] = [];
  const shocks: TimelineShock[] = [];
  for (const step of transcript.steps) {
    const effect = step.effect;
    if (effect?.kind === 'response') {
      const r = effect.response;
      responses.push({ step: step.index, date: step.date, party: r.party, partyName: names.get(r.party) ?? r.party, version: r.version, decision: r.decision, utility: r.utility, threshold: r.threshold, reason: r.reason });
    } else if (effect?.kind === 'shock') {
      const kind = step.timeline?.kind ?? step.event.type.toLowerCase();
      const summary = step.timeline?.summary ?? effect.summary;
      shocks.push({ step: step.index, date: step.date, kind, label: `${SHOCK_LABELS[kind] ?? kind} (${shortDate(step.date)}): ${clip(summary, 48)}`, summary });
    }
  }

  return {
    scenario: { id: scenario.id, title: scenario.title, description: scenario.description ?? '', asOf: scenario.asOf ?? null },
    seed: options.seed,
    parties: parties.map((party) => ({ id: party.id, name: party.name, reservationValue: party.reservationValue })),
    plans: scenario.plans.map((plan) => ({ id: plan.id, title: plan.title, date: plan.date, points: plan.points.length })),
    heatmap,
    timeline: {
      responses,
      shocks,
      steps: transcript.steps.map((step) => ({ step: step.index, date: step.date })),
      final: transcript.final,
    },
    space: utilitySpace(scenario, pickPair(scenario, options.parties), options.seed, options.sampleSize ?? 600),
    diffs: scenario.revisions.map((revision) => {
      const { patches: _patches, inversePatches: _inverse, ...meta } = revision;
      return { revision: meta, diff: diffPlans(planOf(scenario, revision.base), planOf(scenario, revision.result)) };
    }),
    relaxations: minimalRelaxations(parties, { maxSize: 3 }).map((relaxation, index) => ({
      rank: index + 1,
      relax: relaxation.relax.map((line) => ({ party: line.partyName, text: line.text })),
      agreements: relaxation.opens.agreements,
      exact: relaxation.opens.exact,
      nash: relaxation.opens.nash?.found === true ? relaxation.opens.nash.utilities : null,
    })),
  };
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

function utilitySpace(scenario: Scenario, pair: readonly [Party, Party], seed: number, sampleSize: number): UtilitySpace {
  const [a, b] = pair;
  const evaluator = compileEvaluator(pair);
  const random = mulberry32(seed);
  const sizes = scenario.domain.issues.map((issue) => issue.options.length);
  const sample: (SpacePoint & { acceptable: boolean })[] = [];
  const into = new Float64Array(2);
  for (let i = 0; i < sampleSize; i++) {
    const outcome = Uint8Array.from(sizes, (size) => Math.floor(random() * size));
    evaluator.utilities(outcome, into);
    sample.push({ x: round(into[0]!), y: round(into[1]!), acceptable: evaluator.acceptedByAll(outcome) });
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
  const of = { acceptableOnly: !space.empty };
  const frontier = paretoFrontier(pair, of).points.map((point) => ({ x: round(point.utilities[0]!), y: round(point.utilities[1]!) })).sort((p, q) => p.x - q.x || q.y - p.y);
  return {
    x: { id: a.id, name: a.name, reservationValue: a.reservationValue },
    y: { id: b.id, name: b.name, reservationValue: b.reservationValue },
    sample,
    plans,
    agreements: space.agreements,
    agreementsExact: space.exact,
    agreementPoints,
    frontierOfAgreements: !space.empty,
    frontier,
    nash: solutionPoint(nashPoint(pair, of)),
    kalaiSmorodinsky: solutionPoint(kalaiSmorodinsky(pair, of)),
    conflict: (space.conflict ?? []).map((line) => `${line.partyName}: ${line.text}`),
  };
}

function solutionPoint(result: BargainingResult): SpacePoint | null {
  if (result === null || !result.found) return null;
  return { x: round(result.utilities[0]!), y: round(result.utilities[1]!) };
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
