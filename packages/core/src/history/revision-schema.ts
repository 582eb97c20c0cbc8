import { z } from 'zod';
import { id, isoDate, pointNumber, pointSchema, provisionSchema, sourceKeys, text } from '../model/schema-parts.js';

// Structural schemas of revisions. Like the other input schemas they check shapes only;
// whether the base plan and the point numbers exist is checked by validateRevisionSpec,
// which knows the plans and can say what a number became after a renumbering.

/** @internal The schema of the metadata of a revision: who, when, why, on what evidence. */
export const revisionMetaSchema = z.strictObject({
  id,
  author: text,
  date: isoDate,
  rationale: text,
  sources: sourceKeys,
  assumption: text.optional(),
});

const planHeaderChangesSchema = z.strictObject({
  id: id.optional(),
  title: text.optional(),
  date: isoDate.optional(),
  author: text.optional(),
  summary: text.nullable().optional(),
  sources: sourceKeys.nullable().optional(),
  signatories: z.array(id).nullable().optional(),
});

const pointChangesSchema = z.strictObject({
  summary: text.optional(),
  category: id.optional(),
  sources: sourceKeys.optional(),
  assumption: text.nullable().optional(),
  provisions: z.array(provisionSchema).optional(),
});

/**
 * @internal The schema of each kind of edit, by the key that names the kind. The validator
 * picks the schema by key, so that a wrong field in an `updatePoint` is reported as that,
 * not as "matches none of four alternatives".
 */
export const editSchemas = {
  removePoints: z.strictObject({ removePoints: z.array(pointNumber).min(1, 'name at least one point to remove') }),
  updatePoint: z.strictObject({ updatePoint: pointNumber, set: pointChangesSchema }),
  addPoint: z.strictObject({ addPoint: pointSchema, after: z.number().int('after must be a point number').nonnegative('after must be a point number, or 0 for the start').optional() }),
  renumber: z.strictObject({ renumber: z.literal(true, { error: 'renumber takes the value true' }) }),
} as const;

/** The kinds of edit, in the order they are documented. */
export const editKinds = Object.keys(editSchemas) as readonly (keyof typeof editSchemas)[];

/** The schema of one {@link RevisionEdit}. */
export const revisionEditSchema = z.union([editSchemas.removePoints, editSchemas.updatePoint, editSchemas.addPoint, editSchemas.renumber]);

/** The schema of a {@link RevisionSpec}. */
export const revisionSchema = z.strictObject({
  id,
  base: id,
  rationale: text,
  author: text,
  date: isoDate,
  sources: sourceKeys,
  assumption: text.optional(),
  set: planHeaderChangesSchema.optional(),
  edits: z.array(revisionEditSchema),
});
