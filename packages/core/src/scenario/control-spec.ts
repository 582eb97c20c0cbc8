import { z } from 'zod';
import type { Domain } from '../model/domain.js';
import type { PathSegment } from '../model/problems.js';
import { ProblemList } from '../model/problems.js';
import { id, sourceKeys, text } from '../model/schema-parts.js';
import { ownValue } from '../model/own-key.js';

/**
 * Who can move one issue of a scenario, and how: the moves of the graph model for conflict
 * resolution. An issue nobody's entry names stays as it is in every stability analysis.
 *
 * - `by`: the parties that control the moves of this entry. With `jointly: false` (the
 *   default) each of them may make the move alone; with `jointly: true` the move needs all
 *   of them together, so only a coalition containing every one of them can make it.
 * - `from` / `to`: the move starts only at these options and reaches only these (default:
 *   any option). Writing `from` without an option makes leaving it impossible: an
 *   irreversible step (a constitutional amendment, assets handed back).
 * - `direction`: `up` or `down` on an ordered issue: moves only toward later (up) or earlier
 *   (down) options in the issue's order, never back.
 *
 * @example
 * ```ts
 * const move: MoveSpec = { issue: 'nato.membership', by: ['ukraine'], direction: 'up', sources: ['S62'], assumption: 'Only Ukraine can renounce or amend its constitution.' };
 * ```
 */
export interface MoveSpec {
  readonly issue: string;
  readonly by: readonly string[];
  readonly jointly?: boolean;
  readonly from?: readonly string[];
  readonly to?: readonly string[];
  readonly direction?: 'up' | 'down';
  readonly sources?: readonly string[];
  /** Set when the control is inferred rather than stated by a source: what is assumed. */
  readonly assumption?: string;
  readonly note?: string;
}

/**
 * A named outcome of the scenario (the situation on a date, a settlement on the table), for
 * status-quo analysis: an option for every issue, with the sources (and assumptions) that
 * place it there.
 *
 * @example
 * ```ts
 * const now: NamedOutcomeSpec = { id: 'status-quo', label: 'The situation on 2 December 2025', choices: { ... }, sources: ['S89'] };
 * ```
 */
export interface NamedOutcomeSpec {
  readonly id: string;
  readonly label: string;
  readonly choices: Readonly<Record<string, string>>;
  readonly sources?: readonly string[];
  readonly assumption?: string;
}

/** The control of moves of a scenario (its `control.yaml`): who moves what, and named outcomes. */
export interface ControlSpec {
  readonly moves: readonly MoveSpec[];
  readonly outcomes?: readonly NamedOutcomeSpec[];
}

/** The schema of a {@link MoveSpec}. */
export const moveSchema = z.strictObject({
  issue: id,
  by: z.array(id).min(1, 'name at least one party that controls the move'),
  jointly: z.boolean().optional(),
  from: z.array(id).min(1, 'list at least one option (leave "from" out for any)').optional(),
  to: z.array(id).min(1, 'list at least one option (leave "to" out for any)').optional(),
  direction: z.enum(['up', 'down'], { error: 'direction must be "up" or "down" (leave it out for moves either way)' }).optional(),
  sources: sourceKeys.optional(),
  assumption: text.optional(),
  note: text.optional(),
});

/** The schema of a {@link NamedOutcomeSpec}. */
export const namedOutcomeSchema = z.strictObject({
  id,
  label: text,
  choices: z.record(z.string(), id),
  sources: sourceKeys.optional(),
  assumption: text.optional(),
});

/** The schema of a {@link ControlSpec}. */
export const controlSchema = z.strictObject({
  moves: z.array(moveSchema),
  outcomes: z.array(namedOutcomeSchema).optional(),
});

/**
 * Adds the reference problems of a (well-shaped) control spec: unknown issues, options and
 * parties (with the likely intended name), a party named twice in `by`, `direction` on an
 * unordered issue, duplicate outcome ids, outcomes missing issues, unknown source keys.
 */
export function validateControlReferences(
  control: ControlSpec,
  domain: Domain,
  partyIds: readonly string[],
  sourceKeyList: readonly string[] | undefined,
  problems: ProblemList,
  path: readonly PathSegment[],
): void {
  const checkSources = (keys: readonly string[] | undefined, at: readonly PathSegment[]) => {
    if (sourceKeyList === undefined) return;
    (keys ?? []).forEach((key, index) => {
      if (!sourceKeyList.includes(key)) problems.unknown('unknown-source', [...at, index], 'source key', key, sourceKeyList);
    });
  };
  const issueIds = domain.issues.map((issue) => issue.id);
  control.moves.forEach((move, index) => {
    const at = [...path, 'moves', index];
    move.by.forEach((party, k) => {
      if (!partyIds.includes(party)) problems.unknown('unknown-party', [...at, 'by', k], 'party', party, partyIds);
    });
    problems.duplicates([...at, 'by'], 'party', move.by);
    checkSources(move.sources, [...at, 'sources']);
    const issueIndex = domain.issueIndex(move.issue);
    if (issueIndex < 0) {
      problems.unknown('unknown-issue', [...at, 'issue'], 'issue', move.issue, issueIds);
      return;
    }
    const issue = domain.issues[issueIndex]!;
    const optionIds = issue.options.map((option) => option.id);
    for (const key of ['from', 'to'] as const) {
      (move[key] ?? []).forEach((option, k) => {
        if (domain.optionIndex(issueIndex, option) < 0) problems.unknown('unknown-option', [...at, key, k], `option of "${issue.id}"`, option, optionIds);
      });
    }
    if (move.direction !== undefined && !issue.ordered) {
      problems.add('unordered-issue', [...at, 'direction'], `"direction" needs an ordered issue, but "${issue.id}" is not ordered; list the allowed moves with from and to instead`);
    }
  });
  const outcomeIds = (control.outcomes ?? []).map((outcome) => outcome.id);
  problems.duplicates([...path, 'outcomes'], 'outcome id', outcomeIds);
  (control.outcomes ?? []).forEach((outcome, index) => {
    const at = [...path, 'outcomes', index];
    checkSources(outcome.sources, [...at, 'sources']);
    for (const [issueId, optionId] of Object.entries(outcome.choices)) {
      const issueIndex = domain.issueIndex(issueId);
      if (issueIndex < 0) {
        problems.unknown('unknown-issue', [...at, 'choices', issueId], 'issue', issueId, issueIds);
        continue;
      }
      if (domain.optionIndex(issueIndex, optionId) < 0) {
        problems.unknown('unknown-option', [...at, 'choices', issueId], `option of "${issueId}"`, optionId, domain.issues[issueIndex]!.options.map((option) => option.id));
      }
    }
    const missing = issueIds.filter((issueId) => ownValue(outcome.choices, issueId) === undefined);
    if (missing.length > 0) problems.add('missing-value', [...at, 'choices'], `an outcome needs an option for every issue; missing: ${missing.join(', ')}`);
  });
}
