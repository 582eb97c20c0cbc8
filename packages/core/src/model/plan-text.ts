import type { Domain } from './domain.js';
import { OPEN, type Settlement } from './outcome.js';
import type { PlanSpec, PointSpec } from './specs.js';

/**
 * A plan's text as the engine judges it: what it settles, which points settle what, and the
 * keys under which judgements of it are remembered. Built once per text (and remembered per
 * text object), never per judgement.
 */
export interface PlanText {
  /** One option per issue, or `OPEN` where no point settles the issue. Read-only. */
  readonly settlement: Settlement;
  /** Its points in order: each point's number, the issues its provisions settle and the options they choose. */
  readonly points: readonly { readonly number: number; readonly issues: readonly number[]; readonly options: readonly number[] }[];
  /** `settledBy[issue]`: the numbers of the points that settle it, in plan order. */
  readonly settledBy: readonly (readonly number[])[];
  /** The settlement as a string: red-line truths depend on nothing else. */
  readonly key: string;
  /** The settlement and the points' structure: a party's whole view of the text depends on nothing else. */
  readonly textKey: string;
}

// Keyed by the points array: a text depends on nothing else, a bound plan shares its spec's
// points, and a revision that leaves the points alone (immer shares them) is the same text.
const texts = new WeakMap<Domain, WeakMap<object, PlanText>>();

// A bare text's points settle nothing: one shared, frozen empty list.
const NOBODY: readonly number[] = Object.freeze([]);

/**
 * The {@link PlanText} of a plan spec (or a bound `Plan`) that is valid against `domain`.
 * Remembered per points array: plans and talks texts are immutable.
 *
 * @example
 * ```ts
 * const text = planTextOf(scenario.domain, planOf(scenario, 'us-28'));
 * text.points.length; // 28
 * ```
 */
export function planTextOf(domain: Domain, spec: PlanSpec): PlanText {
  let byPoints = texts.get(domain);
  if (byPoints === undefined) texts.set(domain, (byPoints = new WeakMap()));
  let text = byPoints.get(spec.points);
  if (text === undefined) byPoints.set(spec.points, (text = buildText(domain, spec)));
  return text;
}

/** One point as the engine reads it, and its part of the text key. */
interface PointText {
  readonly number: number;
  readonly issues: readonly number[];
  readonly options: readonly number[];
  readonly part: string;
}

// Per point object: a revision shares the points it leaves alone, so a new text reads only
// the points that changed.
const pointTexts = new WeakMap<Domain, WeakMap<PointSpec, PointText>>();

function pointTextOf(domain: Domain, byPoint: WeakMap<PointSpec, PointText>, point: PointSpec): PointText {
  let found = byPoint.get(point);
  if (found === undefined) {
    const issues = point.provisions.map((provision) => domain.issueIndex(provision.issue));
    const options = point.provisions.map((provision, k) => domain.optionIndex(issues[k]!, provision.option));
    byPoint.set(point, (found = { number: point.number, issues, options, part: `${point.number}:${issues.join('.')}` }));
  }
  return found;
}

function buildText(domain: Domain, spec: PlanSpec): PlanText {
  let byPoint = pointTexts.get(domain);
  if (byPoint === undefined) pointTexts.set(domain, (byPoint = new WeakMap()));
  const settlement = new Int16Array(domain.issues.length).fill(OPEN);
  let parts = '';
  const points = spec.points.map((point, k) => {
    const read = pointTextOf(domain, byPoint, point);
    for (let j = 0; j < read.issues.length; j++) settlement[read.issues[j]!] = read.options[j]!;
    parts += k === 0 ? read.part : ` ${read.part}`;
    return read;
  });
  const key = settlement.join(',');
  return new BuiltText(settlement, points, key, `${key}|${parts}`);
}

/** A text whose `settledBy` is worked out when first read: the batch path judges most texts without it. */
class BuiltText implements PlanText {
  #settledBy: number[][] | undefined;
  constructor(
    readonly settlement: Settlement,
    readonly points: readonly PointText[],
    readonly key: string,
    readonly textKey: string,
  ) {}

  get settledBy(): readonly (readonly number[])[] {
    if (this.#settledBy === undefined) {
      const settledBy: number[][] = Array.from(this.settlement, () => []);
      for (const point of this.points) for (const issue of point.issues) if (!settledBy[issue]!.includes(point.number)) settledBy[issue]!.push(point.number);
      this.#settledBy = settledBy;
    }
    return this.#settledBy;
  }
}

/**
 * A settlement alone, as a text with no points: enough to judge an outcome, or to score a
 * candidate settlement.
 *
 * @example
 * ```ts
 * bareText(outcome).points; // []
 * ```
 */
export function bareText(settlement: ArrayLike<number>): PlanText {
  const copy = Int16Array.from(settlement as ArrayLike<number>);
  const key = copy.join(',');
  return { settlement: copy, points: [], settledBy: Array.from(copy, () => NOBODY), key, textKey: `${key}|bare` };
}
