import { z } from 'zod';
import type { ProblemCode } from './errors.js';
import type { PathSegment } from './problems.js';
import { ProblemList } from './problems.js';
import { id, isoDate, numberIn, pointSchema, sourceKeys, text } from './schema-parts.js';
import type { DomainSpec, PartySpec, PlanSpec, Rule } from './specs.js';

// Structural schemas for every input. They check shapes and value ranges; references
// between objects (unknown issue, option, party, point, source) are checked afterwards by
// the semantic validators, which know the whole scenario and can suggest names.

/**
 * How many rules may nest inside one another (`if`, `all`, `any`, `not`), counting the outer
 * one: a rule deeper than this is refused at validation. Real red lines nest two or three
 * levels; the limit is there so that a generated or malicious rule nested thousands deep is
 * a problem with a path instead of a stack overflow in the validator or the engine.
 */
export const MAX_RULE_DEPTH = 32;

const compoundKinds = ['if', 'all', 'any', 'not'] as const;
const ruleKindError = 'must be a rule whose kind is one of forbid, require, atLeast, atMost, if, all, any, not';

const leafRuleSchemas = [
  z.strictObject({ kind: z.literal('forbid'), issue: id, options: z.array(id).min(1) }),
  z.strictObject({ kind: z.literal('require'), issue: id, options: z.array(id).min(1) }),
  z.strictObject({ kind: z.literal('atLeast'), issue: id, option: id }),
  z.strictObject({ kind: z.literal('atMost'), issue: id, option: id }),
] as const;

// A compound rule past the limit: refused where it stands, without looking inside it, so
// that zod never recurses deeper than MAX_RULE_DEPTH however deep the input goes.
const tooDeepRuleSchema = z.looseObject({ kind: z.enum(compoundKinds) }).superRefine((_rule, context) => {
  context.addIssue({
    code: 'custom',
    message: `rules nest at most ${MAX_RULE_DEPTH} levels of if, all, any and not, and this one goes deeper; flatten it: all and any take a whole list of rules, and not(not(x)) is x`,
    params: { problem: 'limit-exceeded' },
  });
});

/**
 * The schema of a rule that may still nest `levels` compound rules. One schema per level
 * (built on first use by z.lazy): the depth is counted by the schema itself rather than by
 * a walk over the input before it, which would itself recurse.
 */
function ruleSchemaWithin(levels: number): z.ZodType<Rule> {
  return z.lazy(() => {
    const child = levels > 1 ? ruleSchemaWithin(levels - 1) : (z.discriminatedUnion('kind', [...leafRuleSchemas, tooDeepRuleSchema], { error: ruleKindError }) as unknown as z.ZodType<Rule>);
    return z.discriminatedUnion(
      'kind',
      [
        ...leafRuleSchemas,
        z.strictObject({ kind: z.literal('if'), when: child, then: child }),
        z.strictObject({ kind: z.literal('all'), rules: z.array(child).min(1) }),
        z.strictObject({ kind: z.literal('any'), rules: z.array(child).min(1) }),
        z.strictObject({ kind: z.literal('not'), rule: child }),
      ],
      { error: ruleKindError },
    );
  });
}

/** The schema of a {@link Rule}, nested at most {@link MAX_RULE_DEPTH} levels deep. */
export const ruleSchema: z.ZodType<Rule> = ruleSchemaWithin(MAX_RULE_DEPTH);

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

// A red line's price (optional): what the other side must accept for the party to set it
// aside, as a rule, from what the party offered or demanded (docs/forecasting.md).
const redLinePriceSchema = z.strictObject({ party: id, rule: ruleSchema, text, sources: sourceKeys, assumption: text.optional(), date: isoDate.optional() });
const redLineSchema = z.strictObject({ id, text, sources: sourceKeys, assumption: text.optional(), rule: ruleSchema, price: redLinePriceSchema.optional() });

const interactionSchema = z.strictObject({
  id,
  text,
  sources: sourceKeys,
  assumption: text.optional(),
  when: ruleSchema,
  // A change of the utility, whose scale is [0, 1]: a larger one would say more than the whole
  // scale, and deltas without bound can add up to Infinity when several terms hold at once.
  delta: numberIn(-1, 1, 'delta must be a number in [-1, 1]: a change of the utility, whose scale is [0, 1]'),
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
  reservationValue: numberIn(0, 1, 'reservationValue must be a number in [0, 1], the utility scale: what walking away is worth, from 0 (anything is better) to 1 (only the best outcome will do)'),
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
 * under `basePath`) to `problems`. Returns the input, typed, when it has the right shape,
 * which it still has when the only problems are numbers out of range (`invalid-value`):
 * callers must look at `problems`, not only at the result, to know whether it is valid.
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
    problems.add(problemCodeOf(issue), path, describeZodIssue(issue));
  }
  // A number out of its range leaves the shape intact (zod refines a value only once its type
  // is right), so the input is returned for the semantic checks to go on: one run then reports
  // a reservation value of 1.5 and a misspelt issue together. Any other issue stops them.
  return result.error.issues.every((issue) => problemCodeOf(issue) === 'invalid-value') ? (input as T) : undefined;
}

/**
 * The problem code of a zod issue: `invalid-shape`, unless a refinement says otherwise in its
 * `params` (`{ problem: 'invalid-value' }` for a number out of range, `limit-exceeded` for a
 * rule nested too deeply), so that schema checks report the same codes as the validators.
 */
function problemCodeOf(issue: z.core.$ZodIssue): ProblemCode {
  const problem: unknown = issue.code === 'custom' ? issue.params?.['problem'] : undefined;
  return problem === 'invalid-value' || problem === 'limit-exceeded' ? problem : 'invalid-shape';
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
