import type { Draft } from 'immer';
import type { PlanSpec, PointSpec } from '../model/specs.js';
import type { PlanHeaderChanges, PointChanges, RevisionEdit, RevisionSpec } from './revision-spec.js';

// Running a revision's declarative edits on an immer draft. The edits are trusted here
// (validateRevisionSpec has checked them); this file only says what each edit does, so that
// the patches immer records are exactly the edits, nothing more.

type DraftPlan = Draft<PlanSpec>;
type DraftPoint = Draft<PointSpec>;

/**
 * @internal The recipe that applies `spec`'s header and edits to a draft of `base`.
 *
 * Alongside the draft's points it keeps `origins`: for each point, its number in the base
 * plan, or undefined for a point the revision added. Numbers change under `renumber`, so the
 * origin cannot be read back from the point; it is what lets the result record `basedOn`.
 */
export function revisionRecipe(spec: RevisionSpec): (draft: DraftPlan) => void {
  return (draft) => {
    const origins: (number | undefined)[] = draft.points.map((point) => point.number);
    for (const edit of spec.edits) applyEdit(draft, origins, edit);
    // Every point carried over from the base says which base point it is. Assigning the
    // same value again would record nothing, so carried points that already say so stay as
    // they are in the patches.
    draft.points.forEach((point, index) => {
      const origin = origins[index];
      if (origin !== undefined && point.basedOn !== origin) point.basedOn = origin;
    });
    applyHeader(draft, spec);
  };
}

function applyEdit(draft: DraftPlan, origins: (number | undefined)[], edit: RevisionEdit): void {
  if ('removePoints' in edit) {
    const doomed = new Set(edit.removePoints);
    // From the end, so that the indexes still to visit do not shift; splice (rather than a
    // filtered copy) makes immer record one removal per point instead of a new array.
    for (let index = draft.points.length - 1; index >= 0; index -= 1) {
      if (doomed.has(draft.points[index]!.number)) {
        draft.points.splice(index, 1);
        origins.splice(index, 1);
      }
    }
  } else if ('updatePoint' in edit) {
    const point = draft.points.find((candidate) => candidate.number === edit.updatePoint);
    if (point !== undefined) updatePoint(point, edit.set);
  } else if ('addPoint' in edit) {
    const index = insertionIndex(draft.points, edit.addPoint.number, edit.after);
    draft.points.splice(index, 0, copy(edit.addPoint));
    origins.splice(index, 0, undefined);
  } else {
    draft.points.forEach((point, index) => {
      if (point.number !== index + 1) point.number = index + 1;
    });
  }
}

function insertionIndex(points: readonly DraftPoint[], number: number, after: number | undefined): number {
  if (after === 0) return 0;
  if (after !== undefined) return points.findIndex((point) => point.number === after) + 1;
  const higher = points.findIndex((point) => point.number > number);
  return higher < 0 ? points.length : higher;
}

function updatePoint(point: DraftPoint, changes: PointChanges): void {
  // Fields are set one by one, and only when they differ, so each patch names the field
  // that changed: the history of a point reads as "summary, sources" rather than "replaced".
  if (changes.summary !== undefined && changes.summary !== point.summary) point.summary = changes.summary;
  if (changes.category !== undefined && changes.category !== point.category) point.category = changes.category;
  if (changes.sources !== undefined && !sameJson(changes.sources, point.sources)) point.sources = copy(changes.sources);
  if (changes.provisions !== undefined && !sameJson(changes.provisions, point.provisions)) point.provisions = copy(changes.provisions);
  if (changes.assumption === null) delete point.assumption;
  else if (changes.assumption !== undefined && changes.assumption !== point.assumption) point.assumption = changes.assumption;
}

function applyHeader(draft: DraftPlan, spec: RevisionSpec): void {
  const set: PlanHeaderChanges = spec.set ?? {};
  const id = set.id ?? spec.id;
  const date = set.date ?? spec.date;
  const author = set.author ?? spec.author;
  if (draft.id !== id) draft.id = id;
  if (set.title !== undefined && draft.title !== set.title) draft.title = set.title;
  if (draft.date !== date) draft.date = date;
  if (draft.author !== author) draft.author = author;
  if (draft.basedOn !== spec.base) draft.basedOn = spec.base;
  if (set.summary === null) delete draft.summary;
  else if (set.summary !== undefined && draft.summary !== set.summary) draft.summary = set.summary;
  if (set.sources === null) delete draft.sources;
  else if (set.sources !== undefined && !sameJson(set.sources, draft.sources)) draft.sources = copy(set.sources);
  if (set.signatories === null) delete draft.signatories;
  else if (set.signatories !== undefined && !sameJson(set.signatories, draft.signatories)) draft.signatories = copy(set.signatories);
}

/** A deep copy, so that freezing the result never freezes the caller's revision spec. */
function copy<T>(value: T): Draft<T> {
  return structuredClone(value) as Draft<T>;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
