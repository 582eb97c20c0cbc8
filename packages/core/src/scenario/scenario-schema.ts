import { z } from 'zod';
import { revisionSchema } from '../history/revision-schema.js';
import { domainSchema, partySchema, planSchema } from '../model/schema.js';
import { id, isoDate, text } from '../model/schema-parts.js';
import { controlSchema } from './control-spec.js';

/**
 * The schema of a {@link SourceEntry}: a citation with an optional `reliability: low` mark and
 * a note saying why.
 */
export const sourceEntrySchema = z.strictObject({
  citation: text,
  reliability: z.literal('low', { error: 'reliability must be "low" (the only level there is; leave it out for an ordinary source)' }).optional(),
  note: text.optional(),
});

// A source is either its citation alone or an entry. The form is chosen by the value's type
// first, so that an entry with a bad field is reported at that field (with the entry schema's
// own message) rather than as "matches neither form".
const sourceSchema = z.any().superRefine((value: unknown, context) => {
  if (typeof value === 'string') {
    if (value.length === 0) context.addIssue({ code: 'custom', message: 'must be non-empty text' });
    return;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    context.addIssue({ code: 'custom', message: 'a source must be its citation (text) or an object { citation, reliability?, note? }' });
    return;
  }
  const result = sourceEntrySchema.safeParse(value);
  if (!result.success) for (const issue of result.error.issues) context.addIssue(issue as Parameters<typeof context.addIssue>[0]);
});

/** The schema of a {@link ScenarioSpec}: the header, the domain, the parties, the plans and the revisions. */
export const scenarioSchema = z.strictObject({
  id,
  title: text,
  description: text.optional(),
  asOf: isoDate.optional(),
  sources: z.record(z.string(), sourceSchema).optional(),
  domain: domainSchema,
  parties: z.array(partySchema).min(1, 'a scenario needs at least one party'),
  plans: z.array(planSchema),
  revisions: z.array(revisionSchema).optional(),
  control: controlSchema.optional(),
});
