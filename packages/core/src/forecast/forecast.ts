import { findRelaxations } from '../analysis/minimal-relaxations.js';
import { ParleyError } from '../model/errors.js';
import { compileRule, ruleTruth } from '../model/rule.js';
import type { Outcome } from '../model/outcome.js';
import type { Scenario } from '../scenario/scenario.js';
import type { TalksSpec } from '../talks/timeline.js';
import { explore } from '../explore/explore.js';
import type { PerturbationSpec } from '../explore/perturbation.js';
import type { Estimate } from '../explore/summary.js';
import { checkDate, knownAt, type KnownFact } from './known-at.js';
import type { RedLinePrice } from './price.js';

/** Options of {@link forecast}. */
export interface ForecastOptions {
  /** `YYYY-MM-DD`: only what was public by this date is used. */
  readonly asOf: string;
  /** `YYYY-MM-DD`: the end of the period the forecast is about. */
  readonly horizon: string;
  readonly runs: number;
  readonly seed?: number;
  /** The uncertain assumptions (explore.yaml); `redLines` are the firmness of each red line. */
  readonly perturb?: PerturbationSpec;
  readonly talks?: TalksSpec;
  /** When facts not dated in the scenario first became public (case.yaml `known`). */
  readonly known?: readonly KnownFact[];
  readonly prices?: readonly RedLinePrice[];
  /** Use firmness and prices (default true). False: every red line holds in every run and prices are ignored (a baseline). */
  readonly firmness?: boolean;
  /** Work budget of the relaxation search. */
  readonly budget?: number;
}

/** One red line, how firmly it is held and how likely it is to yield by the horizon. */
export interface RedLineForecast {
  readonly redLine: string;
  readonly text: string;
  readonly sources: readonly string[];
  readonly firmness: number;
  /** Whether setting it aside is part of some minimal relaxation (it blocks a deal). */
  readonly blocks: boolean;
  /** Whether a price is declared and a text on the table pays it. */
  readonly pricePaid: boolean;
  readonly yields: number;
}

/** A way to a deal: red lines to set aside, how likely, what the others give, and the deal it opens. */
export interface ConcessionForecast {
  readonly relax: readonly { readonly redLine: string; readonly text: string; readonly sources: readonly string[]; readonly firmness: number }[];
  /** The share of the weight of every concession (they sum to 1 over the list). */
  readonly probability: number;
  readonly prices: readonly RedLinePrice[];
  /** The Nash point of the space it opens, issue → option, or null if the search was cut short. */
  readonly deal: Readonly<Record<string, string>> | null;
  readonly opens: number;
}

/** A forecast: what is likely to happen between `asOf` and `horizon`, from what was known at `asOf`. */
export interface Forecast {
  readonly asOf: string;
  readonly horizon: string;
  readonly runs: number;
  readonly seed: number;
  readonly firmness: boolean;
  readonly known: { readonly plans: readonly string[]; readonly hiddenPlans: readonly string[]; readonly hiddenRedLines: readonly string[]; readonly events: number; readonly hiddenEvents: number };
  /** P(party accepts plan), for every text on the table. */
  readonly acceptance: readonly { readonly plan: string; readonly party: string; readonly estimate: Estimate }[];
  /** P(party accepts the next text), the text being the likely deal. */
  readonly nextText: Readonly<Record<string, number>>;
  /** P(agreement within the horizon), from the simulated talks; null when there were none. */
  readonly agreement: Estimate | null;
  readonly redLines: readonly RedLineForecast[];
  readonly concessions: readonly ConcessionForecast[];
  /** The likely deal: per issue, each option's probability over the concessions' deals. */
  readonly deal: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Whether the relaxation search finished. */
  readonly exact: boolean;
  /** Why, line by line, with source keys and assumptions. */
  explain(): string[];
}

/**
 * Forecasts what happens next in a negotiation from what was known at `asOf`: the scenario is
 * cut to the facts dated up to then ({@link knownAt}), the exploration (Monte Carlo over
 * `perturb`, red lines holding with their firmness) is run with the talks continued in free
 * rounds up to the horizon (one round a day, at most the talks' `maxRounds`), and the
 * minimal relaxations rank the concessions, weighted by firmness, leverage and prices.
 * Deterministic: the same inputs and seed give the same forecast.
 *
 * @example
 * ```ts
 * const result = forecast(scenario, { asOf: '2025-11-20', horizon: '2025-11-30', runs: 200, seed: 1, talks, perturb });
 * result.agreement?.probability; // P(agreement by 30 November)
 * result.concessions[0]?.relax.map((line) => line.redLine);
 * result.explain().join('\n');
 * ```
 */
export function forecast(scenario: Scenario, options: ForecastOptions): Forecast {
  const { asOf, horizon, runs, seed = 1, known = [], firmness = true } = options;
  checkDate(horizon, 'horizon');
  checkDate(asOf, 'asOf');
  if (horizon < asOf) throw new ParleyError('INVALID_FORECAST', `the horizon (${horizon}) is before asOf (${asOf}); give a horizon on or after it`);
  const cut = knownAt(scenario, options.talks, asOf, known);
  const s = cut.scenario;
  const firmOf = firmnessOf(options.perturb, firmness);
  const perturb = perturbFor(options.perturb, s, firmness);
  const maxRounds = cut.talks?.setup.maxRounds ?? 0;
  const rounds = cut.talks === null ? 0 : Math.min(maxRounds, daysBetween(asOf, horizon));
  const explored = s.plans.length === 0 && cut.talks === null
    ? null
    : explore(s, { runs, seed, perturb, ...(cut.talks === null ? {} : { talks: cut.talks, rounds }), sensitivity: false });
  const acceptance = (explored?.plans ?? []).flatMap((plan) =>
    s.parties.map((party) => ({ plan: plan.plan, party: party.id, estimate: plan.acceptedBy[party.id]! })));
  // Prices written on the red lines of the party files, then those of the case.
  const written: RedLinePrice[] = s.parties.flatMap((party) => party.redLines.flatMap((line) => (line.price === undefined ? [] : [{ redLine: `${party.id}/${line.id}`, ...line.price }])));
  const prices = firmness ? [...written, ...(options.prices ?? [])].filter((price) => price.date === undefined || price.date <= asOf) : [];
  const optionCounts = s.domain.issues.map((issue) => issue.options.length);
  const paid = (price: RedLinePrice) => s.plans.some((plan) => ruleTruth(compileRule(price.rule, s.domain), plan.settlement, optionCounts) === 'holds');
  // Leverage and reservation trends: the known battlefield shifts. A party whose leverage or
  // walk-away value grew is less pressed to concede.
  const pressure = new Map<string, number>(s.parties.map((party) => [party.id, 1]));
  for (const event of cut.talks?.timeline ?? []) {
    if (event.kind !== 'battlefield') continue;
    for (const effect of event.effects) {
      const factor = Math.max(0.1, 1 - (effect.leverageShift ?? 0) - 2 * (effect.reservationShift ?? 0));
      pressure.set(effect.party, (pressure.get(effect.party) ?? 1) * factor);
    }
  }
  const search = findRelaxations(s.parties, { maxSize: 3, limit: 20, budget: options.budget ?? 2_000_000 });
  const blocking = new Set(search.relaxations.flatMap((way) => way.relax.flatMap((c) => (c.ref.kind === 'red-line' ? [`${c.ref.party}/${c.ref.redLine}`] : []))));
  const textOf = new Map(s.parties.flatMap((party) => party.redLines.map((line) => [`${party.id}/${line.id}`, line] as const)));
  const redLines: RedLineForecast[] = [...textOf].map(([id, line]) => {
    const firm = firmOf(id);
    const price = prices.find((candidate) => candidate.redLine === id);
    const pricePaid = price !== undefined && paid(price);
    const party = id.slice(0, id.indexOf('/'));
    // Assumption (docs/forecasting.md): a line that blocks no deal is under half the pressure;
    // a price on the table halves the line's hold.
    const hold = pricePaid ? firm * 0.5 : firm;
    const yields = clamp01((1 - hold) * (blocking.has(id) ? 1 : 0.5) * (pressure.get(party) ?? 1));
    return { redLine: id, text: line.text, sources: line.sources, firmness: firm, blocks: blocking.has(id), pricePaid, yields };
  });
  const yieldOf = new Map(redLines.map((line) => [line.redLine, line.yields]));
  const weighted = search.relaxations.map((way) => {
    const relax = way.relax.flatMap((c) => (c.ref.kind === 'red-line' ? [{ redLine: `${c.ref.party}/${c.ref.redLine}`, text: c.text, sources: c.sources, firmness: firmOf(`${c.ref.party}/${c.ref.redLine}`) }] : []));
    const weight = relax.reduce((w, line) => w * (yieldOf.get(line.redLine) ?? 0), 1);
    const nash = way.opens.nash;
    const deal = nash?.found === true ? outcomeRecord(s, nash.outcome) : null;
    return { relax, weight, prices: prices.filter((price) => relax.some((line) => line.redLine === price.redLine)), deal, opens: way.opens.agreements };
  });
  const total = weighted.reduce((sum, way) => sum + way.weight, 0);
  const concessions = weighted
    .map(({ weight, ...rest }) => ({ ...rest, probability: total > 0 ? weight / total : 1 / Math.max(1, weighted.length) }))
    .sort((a, b) => b.probability - a.probability || a.relax.length - b.relax.length);
  const deal: Record<string, Record<string, number>> = {};
  for (const way of concessions) {
    if (way.deal === null) continue;
    for (const [issue, option] of Object.entries(way.deal)) {
      const row = (deal[issue] ??= {});
      row[option] = (row[option] ?? 0) + way.probability;
    }
  }
  const nextText: Record<string, number> = {};
  for (const party of s.parties) {
    // The next text is one of the concessions' deals; the party accepts it when its own lines in it yield.
    nextText[party.id] = clamp01(concessions.length === 0
      ? (search.exact && search.relaxations.length === 0 ? 1 : 0.5)
      : concessions.reduce((sum, way) => sum + way.probability * way.relax.filter((line) => line.redLine.startsWith(`${party.id}/`)).reduce((p, line) => p * (yieldOf.get(line.redLine) ?? 0), 1), 0));
  }
  const result = {
    asOf, horizon, runs, seed, firmness,
    known: { plans: s.plans.map((plan) => plan.id), hiddenPlans: cut.hiddenPlans, hiddenRedLines: cut.hiddenRedLines, events: cut.talks?.timeline.length ?? 0, hiddenEvents: cut.hiddenEvents },
    acceptance,
    nextText,
    agreement: explored?.talks?.agreement ?? null,
    redLines: [...redLines].sort((a, b) => b.yields - a.yields || (a.redLine < b.redLine ? -1 : 1)),
    concessions,
    deal,
    exact: search.exact,
  };
  return { ...result, explain: () => explainForecast(result, s, rounds) };
}

function explainForecast(f: Omit<Forecast, 'explain'>, s: Scenario, rounds: number): string[] {
  const lines = [
    `Forecast from ${f.asOf} to ${f.horizon}, ${f.runs} runs (seed ${f.seed})${f.firmness ? '' : ', without firmness or prices'}.`,
    `Known: the texts ${f.known.plans.join(', ') || 'none'} and ${f.known.events} timeline events; left out as later: ${[...f.known.hiddenPlans.map((p) => `plan ${p}`), ...f.known.hiddenRedLines, `${f.known.hiddenEvents} events`].join(', ')}.`,
    `The talks continue ${rounds} free rounds (one a day up to the horizon, at most maxRounds; an assumption).`,
  ];
  if (f.agreement !== null) lines.push(`P(agreement by ${f.horizon}) = ${pct(f.agreement.probability)} [${pct(f.agreement.low)}, ${pct(f.agreement.high)}]: the share of runs whose talks agreed.`);
  for (const line of f.redLines.slice(0, 5)) {
    const red = s.parties.flatMap((party) => party.redLines.map((r) => ({ id: `${party.id}/${r.id}`, r }))).find((x) => x.id === line.redLine)?.r;
    lines.push(`${line.redLine} yields with ${pct(line.yields)}: firmness ${line.firmness} (explore.yaml, an assumption)${line.blocks ? ', it blocks a deal' : ', it blocks no deal (half the pressure)'}${line.pricePaid ? ', its price is on the table' : ''}; sources ${line.sources.join(', ')}${red?.assumption === undefined ? '' : `; assumption: ${red.assumption.replace(/\.$/, '')}`}.`);
  }
  for (const way of f.concessions.slice(0, 3)) {
    lines.push(`Concession (${pct(way.probability)}): ${way.relax.map((line) => `${line.redLine} [${line.sources.join(', ')}]`).join(' + ')}${way.prices.length === 0 ? '' : `; in exchange: ${way.prices.map((price) => `${price.party} accepts "${price.text}" [${price.sources.join(', ')}]`).join('; ')}`}.`);
  }
  return lines;
}

function outcomeRecord(s: Scenario, outcome: Outcome): Record<string, string> {
  const record: Record<string, string> = {};
  s.domain.issues.forEach((issue, index) => { record[issue.id] = issue.options[outcome[index]!]!.id; });
  return record;
}

/** The firmness of each red line: its hold probability in `perturb.redLines`, 1 when not listed or without firmness. */
function firmnessOf(perturb: PerturbationSpec | undefined, use: boolean): (id: string) => number {
  const setting = perturb?.redLines;
  return (id) => {
    if (!use || setting === undefined) return 1;
    if (typeof setting === 'number') return setting;
    const party = id.slice(0, id.indexOf('/'));
    return setting[id] ?? setting[party] ?? 1;
  };
}

/** `perturb` restricted to the red lines still known (and without red-line draws when firmness is off). */
function perturbFor(perturb: PerturbationSpec | undefined, s: Scenario, use: boolean): PerturbationSpec {
  if (perturb === undefined) return {};
  const { redLines, ...rest } = perturb;
  if (!use || redLines === undefined) return rest;
  if (typeof redLines === 'number') return { ...rest, redLines };
  const ids = new Set(s.parties.flatMap((party) => [party.id, ...party.redLines.map((line) => `${party.id}/${line.id}`)]));
  return { ...rest, redLines: Object.fromEntries(Object.entries(redLines).filter(([key]) => ids.has(key))) };
}

/** @internal Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)} %`;
}
