import { z } from 'zod';

// The small schemas that several input schemas share. They live apart from schema.ts so
// that the plan-history schemas (history/revision-schema.ts) can use them and schema.ts can
// in turn include the revision schema in the scenario schema, without an import cycle.

/** @internal A non-empty id. */
export const id = z.string().min(1, 'must be a non-empty id');
/** @internal Non-empty text. */
export const text = z.string().min(1, 'must be non-empty text');
/** @internal A non-empty list of source keys. */
export const sourceKeys = z.array(z.string().min(1)).min(1, 'cite at least one source key');
/** @internal An ISO date written YYYY-MM-DD. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');
/** @internal A point number. */
export const pointNumber = z.number().int('a point number must be a whole number').positive('a point number must be ≥ 1');

/**
 * @internal A finite number in [min, max]. Out of range is reported as `invalid-value` (the
 * code the semantic validators use for numbers), through the issue's `params`, which
 * `checkShape` reads; the message says the range and why, so it doubles as the fix.
 */
export function numberIn(min: number, max: number, message: string) {
  return z.number({ error: message }).refine((value) => value >= min && value <= max, { error: message, params: { problem: 'invalid-value' } });
}

/** @internal The schema of a `ProvisionSpec`. */
export const provisionSchema = z.strictObject({ issue: id, option: id });

/** @internal The schema of a `PointSpec`. */
export const pointSchema = z.strictObject({
  number: pointNumber,
  summary: text,
  category: id,
  sources: sourceKeys,
  assumption: text.optional(),
  basedOn: z.number().int().positive().optional(),
  provisions: z.array(provisionSchema),
});
