import { z } from 'zod';
import type { PathSegment } from './problems.js';
import { ProblemList } from './problems.js';
import { id, isoDate, pointSchema, sourceKeys, text } from './schema-parts.js';
import type { DomainSpec, PartySpec, PlanSpec, Rule } from './specs.js';

// Structural schemas for every input. They check shapes and value ranges; references
// between objects (unknown issue, option, party, point, source) are checked afterwards by
// the semantic validators, which know the whole scenario and can suggest names.


/** The schema of a {@link Rule}. */
export const ruleSchema: z.ZodType<Rule> = z.lazy(() =>
  z.discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('forbid'), issue: id, options: z.array(id).min(1) }),
      z.strictObject({ kind: z.literal('require'), issue: id, options: z.array(id).min(1) }),
      z.strictObject({ kind: z.literal('atLeast'), issue: id, option: id }),
      z.strictObject({ kind: z.literal('atMost'), issue: id, option: id }),
      z.strictObject({ kind: z.literal('if'), when: ruleSchema, then: ruleSchema }),
      z.strictObject({ kind: z.literal('all'), rules: z.array(ruleSchema).min(1) }),
      z.strictObject({ kind: z.literal('any'), rules: z.array(ruleSchema).min(1) }),
      z.strictObject({ kind: z.literal('not'), rule: ruleSchema }),
    ],
    { error: 'must be a rule whose kind is one of forbid, require, atLeast, atMost, if, all, any, not' },
  ),
);

const optionSchema = z.strictObject({ id, label: text, description: text.optional() });

const issueSchema = z.strictObject({
  id,
  label: text,
  description: text.optional(),
  ordered: z.boolean(),
  options: z.array(optionSchema).min(2, 'an issue needs at least two options').max(255, 'an issue has at most 255 options'),
  sources: sourceKeys.optional(),
});

/** The schema of a {@link DomainSpec}. */
export const domainSchema = z.strictObject({
  issues: z.array(issueSchema).min(1, 'a domain needs at least one issue'),
});

const redLineSchema = z.strictObject({ id, text, sources: sourceKeys, assumption: text.optional(), rule: ruleSchema });

const interactionSchema = z.strictObject({
  id,
  text,
  sources: sourceKeys,
  assumption: text.optional(),
  when: ruleSchema,
  delta: z.number({ error: 'delta must be a finite number' }),
});

// Weights and option values only need to be numbers here: their ranges (finite, ≥ 0, within
// [0, 1]) are checked by the semantic validator, which reports them with their own problem
// codes (`invalid-weight`, `invalid-value`). YAML can write `.inf` and `.nan`, so both occur.
const weight = z.custom<number>((input) => typeof input === 'number', { error: 'a weight must be a number (finite and ≥ 0)' });
const value = z.custom<number>((input) => typeof input === 'number', { error: 'an option value must be a number in [0, 1]' });

const preferencesSchema = z.strictObject({
  weights: z.record(z.string(), weight),
  values: z.record(z.string(), z.record(z.string(), value)),
  interactions: z.array(interactionSchema).optional(),
});

/** The schema of a {@link PartySpec}. */
export const partySchema = z.strictObject({
  id,
  name: text,
  description: text.optional(),
  redLines: z.array(redLineSchema),
  preferences: preferencesSchema,
  reservationValue: z.number({ error: 'reservationValue must be a finite number' }),
  reservationNote: text.optional(),
});

/** The schema of a {@link PlanSpec}. */
export const planSchema = z.strictObject({
  id,
  title: text,
  date: isoDate,
  author: text,
  summary: text.optional(),
  sources: sourceKeys.optional(),
  basedOn: id.optional(),
  signatories: z.array(id).optional(),
  points: z.array(pointSchema).min(1, 'a plan needs at least one point'),
});


/**
 * Checks `input` against `schema`, adding one problem per zod issue (with its full path
 * under `basePath`) to `problems`. Returns the input, typed, when it has the right shape.
 */
export function checkShape<T>(
  schema: z.ZodType<unknown>,
  input: unknown,
  problems: ProblemList,
  basePath: readonly PathSegment[] = [],
): T | undefined {
  const result = schema.safeParse(input);
  if (result.success) return input as T;
  for (const issue of result.error.issues) {
    const path = [...basePath, ...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment))];
    problems.add('invalid-shape', path, describeZodIssue(issue));
  }
  return undefined;
}

function describeZodIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unexpected ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((k) => `"${k}"`).join(', ')}; remove ${issue.keys.length === 1 ? 'it' : 'them'} or check the spelling`;
  }
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) {
    return `is missing: ${issue.message.replace(/^Invalid input: /, '')}`;
  }
  return issue.message.replace(/^Invalid input: /, '');
}

export type { DomainSpec, PartySpec, PlanSpec };
