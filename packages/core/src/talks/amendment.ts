import type { Draft } from 'immer';
import type { Domain } from '../model/domain.js';
import { OPEN } from '../model/outcome.js';
import type { PlanText } from '../model/plan-text.js';
import type { PlanSpec, PointSpec, ProvisionSpec } from '../model/specs.js';

/**
 * @internal A change the mediator makes to a text, as data: drop a point, or re-settle
 * issues (provisions rewritten in order, and at most one new point for issues the text left
 * open). It is decided once; {@link amendDraft} writes it into an immer draft (the record
 * path, which needs the patches) and {@link amendedText} makes the revised text directly
 * (the batch path, which needs none): both read the same edits, in the same order, so they
 * make equal texts.
 */
export type Amendment =
  | { readonly kind: 'drop'; readonly point: number }
  | { readonly kind: 'settle'; readonly edits: readonly ProvisionEdit[]; readonly added: PointSpec | null };

/** One provision rewritten: `points[index].provisions[provision]` takes `option`, and the point's summary gets `note`. */
export interface ProvisionEdit {
  readonly index: number;
  readonly provision: number;
  readonly option: string;
  readonly note: string;
}

const AMENDED = 'Amended in simulation by the mediator strategy; not part of any published text.';

/**
 * @internal The amendment that writes `choice[k]` as the option of `issues[k]`: in every
 * point of `text` that settles the issue, or, for an issue the text leaves open, in one new
 * point at the end ("the mediator's settlement"). Only the provisions whose option changes
 * are edited, so a revision copies nothing else.
 *
 * @example
 * ```ts
 * const amendment = settlementAmendment(domain, planTextOf(domain, spec), [4], [2]);
 * amendedText(spec, amendment).points; // point 21 now settles issue 4 as option 2
 * ```
 */
export function settlementAmendment(domain: Domain, text: PlanText, issues: readonly number[], choice: readonly number[]): Amendment {
  const edits: ProvisionEdit[] = [];
  const added: ProvisionSpec[] = [];
  issues.forEach((issue, k) => {
    const spec = domain.issues[issue]!;
    const option = spec.options[choice[k]!]!;
    if (text.settlement[issue] === OPEN) {
      added.push({ issue: spec.id, option: option.id });
      return;
    }
    // The provisions to change are found on the text as read (a point's issues and options
    // are its provisions, in order). The summary still describes the old provision: the
    // note says what changed, and that it is ours.
    text.points.forEach((settling, index) => {
      for (let j = 0; j < settling.issues.length; j++) {
        if (settling.issues[j] !== issue || settling.options[j] === choice[k]) continue;
        edits.push({ index, provision: j, option: option.id, note: `[Amended in simulation: ${spec.label} — ${option.label}.]` });
      }
    });
  });
  if (added.length === 0) return { kind: 'settle', edits, added: null };
  return {
    kind: 'settle',
    edits,
    added: {
      number: Math.max(0, ...text.points.map((point) => point.number)) + 1,
      summary: `Mediator's settlement of issues left open: ${added.map((a) => `${domain.issue(a.issue).label} — ${domain.issue(a.issue).options.find((o) => o.id === a.option)!.label}`).join('; ')}.`,
      category: 'mediation',
      sources: [],
      assumption: 'Added in simulation by the mediator strategy; not part of any published text.',
      provisions: added,
    },
  };
}

/**
 * @internal Writes `amendment` into an immer draft of the text (the recipe of the record
 * path, whose patches the transcript shows).
 *
 * @example
 * ```ts
 * const [revised, patches] = produceWithPatches(spec, (draft) => amendDraft(draft, amendment));
 * ```
 */
export function amendDraft(draft: Draft<PlanSpec>, amendment: Amendment): void {
  if (amendment.kind === 'drop') {
    draft.points = draft.points.filter((point) => point.number !== amendment.point);
    return;
  }
  for (const edit of amendment.edits) {
    const point = draft.points[edit.index]!;
    point.provisions[edit.provision]!.option = edit.option;
    point.summary = `${point.summary} ${edit.note}`;
    point.assumption = AMENDED;
  }
  if (amendment.added !== null) draft.points.push(withSources(amendment.added, draft.points[0]) as Draft<PointSpec>);
}

/**
 * @internal `text` with `amendment` made, without immer: the batch path needs no patches.
 * What the amendment leaves alone is shared with `text` (as immer shares it, so that what is
 * remembered per point object is found again), every object made is a shallow copy written
 * the way the draft is, so the result equals the one {@link amendDraft} makes, key order
 * included; and like immer's, it is frozen.
 *
 * @example
 * ```ts
 * amendedText(spec, { kind: 'drop', point: 21 }).points.length; // one point fewer
 * ```
 */
export function amendedText(text: PlanSpec, amendment: Amendment): PlanSpec {
  if (amendment.kind === 'drop') return Object.freeze({ ...text, points: Object.freeze(text.points.filter((point) => point.number !== amendment.point)) });
  if (amendment.edits.length === 0 && amendment.added === null) return text;
  const points = text.points.slice();
  const copied = new Set<number>();
  for (const edit of amendment.edits) {
    let point = points[edit.index]! as Writable<PointSpec>;
    if (!copied.has(edit.index)) {
      copied.add(edit.index);
      point = { ...point, provisions: point.provisions.slice() };
      points[edit.index] = point;
    }
    const provisions = point.provisions as ProvisionSpec[];
    provisions[edit.provision] = { ...provisions[edit.provision]!, option: edit.option };
    point.summary = `${point.summary} ${edit.note}`;
    point.assumption = AMENDED;
  }
  for (const index of copied) deepFreeze(points[index]);
  if (amendment.added !== null) points.push(deepFreeze(withSources(amendment.added, text.points[0])));
  return Object.freeze({ ...text, points: Object.freeze(points) });
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The new point, citing the first source of the text's first point (the mediator's text is based on it). */
function withSources(added: PointSpec, first: PointSpec | undefined): PointSpec {
  return { ...added, sources: [...(first?.sources.slice(0, 1) ?? [])], provisions: added.provisions.map((provision) => ({ ...provision })) };
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}
