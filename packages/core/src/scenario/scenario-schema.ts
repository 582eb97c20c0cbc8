import { z } from 'zod';
import { revisionSchema } from '../history/revision-schema.js';
import { domainSchema, partySchema, planSchema } from '../model/schema.js';
import { id, isoDate, text } from '../model/schema-parts.js';

/** The schema of a {@link ScenarioSpec}: the header, the domain, the parties, the plans and the revisions. */
export const scenarioSchema = z.strictObject({
  id,
  title: text,
  description: text.optional(),
  asOf: isoDate.optional(),
  sources: z.record(z.string(), text).optional(),
  domain: domainSchema,
  parties: z.array(partySchema).min(1, 'a scenario needs at least one party'),
  plans: z.array(planSchema),
  revisions: z.array(revisionSchema).optional(),
});
