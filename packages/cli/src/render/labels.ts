import { ownValue, pointTitle, type Domain, type PointSpec, type Scenario } from '@parley/core';
import type { Output } from '../output.js';

// The words people read in place of the ids the engine works with: every renderer that
// shows an outcome, a repair or a point goes through these, so that an analyst sees
// "Ukrainian-held Donetsk: Stays under Ukrainian control", not
// "territory.donetsk-held=ukrainian-control", and "point 21 (Crimea, Luhansk and Donetsk
// are treated…)", not a bare number that sends them to the plan file.

/**
 * `record[key]` when `record` has `key` as its own property, else undefined. Party and issue
 * ids are any strings a scenario file gives, and a plain lookup of `constructor` or `toString`
 * finds Object.prototype's function instead of "not given" (it printed as a strategy
 * `function Object() { [native code] }`). Every lookup by such an id in the renderers goes
 * through this, which is the core's `ownValue` for a record that may be missing.
 *
 * @example
 * ```ts
 * own({ ukraine: 'boulware' }, 'constructor'); // undefined, not Object
 * ```
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record === undefined ? undefined : ownValue(record, key);
}

/** `point 21 (Crimea, Luhansk and Donetsk are treated…)`, or just `point 21` when the text is unknown. */
export function pointWithTitle(number: number, points: readonly PointSpec[] | undefined): string {
  const point = points?.find((candidate) => candidate.number === number);
  return point === undefined ? `point ${number}` : `point ${number} (${pointTitle(point.summary)})`;
}

/** `points 8 (…), 13 (…)`, or `point 8 (…)` for one. */
export function pointsWithTitles(numbers: readonly number[], points: readonly PointSpec[] | undefined): string {
  const each = numbers.map((number) => pointWithTitle(number, points).replace(/^point /, ''));
  return `${numbers.length === 1 ? 'point' : 'points'} ${each.join(', ')}`;
}

/** The label of an issue, or its id when the domain does not know it. */
export function issueLabel(domain: Domain, issue: string): string {
  return domain.issues.find((candidate) => candidate.id === issue)?.label ?? issue;
}

/** The label of an option of an issue, or its id when the domain does not know it. */
export function optionLabel(domain: Domain, issue: string, option: string): string {
  return domain.issues.find((candidate) => candidate.id === issue)?.options.find((candidate) => candidate.id === option)?.label ?? option;
}

/** One choice of an outcome, for people: `Ukrainian-held Donetsk: Stays under Ukrainian control`. */
export function choiceText(domain: Domain, issue: string, option: string): string {
  return `${issueLabel(domain, issue)}: ${optionLabel(domain, issue, option)}`;
}

/**
 * The choices of an outcome (`{ issue: option }`) as one line per issue, in the domain's
 * order of issues, with labels.
 */
export function outcomeLines(domain: Domain, outcome: Readonly<Record<string, string>>): string[] {
  const known = domain.issues.filter((issue) => own(outcome, issue.id) !== undefined).map((issue) => choiceText(domain, issue.id, own(outcome, issue.id)!));
  const unknown = Object.keys(outcome).filter((issue) => !domain.issues.some((candidate) => candidate.id === issue)).map((issue) => `${issue}: ${own(outcome, issue)}`);
  return [...known, ...unknown];
}

/** A party's name, or its id when the scenario does not know it (a plan's author, say). */
export function partyName(scenario: Scenario, party: string): string {
  return scenario.parties.find((candidate) => candidate.id === party)?.name ?? party;
}

/** `Russia's`, `the United States'`: the possessive of a name. */
export function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

/** `1 patch`, `40 patches`. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A signed change: `+0.05`, `−0.1` (with a true minus sign, as the other outputs write it). */
export function signed(value: number): string {
  const text = String(Number(Math.abs(value).toFixed(3)));
  return value < 0 ? `−${text}` : `+${text}`;
}

/**
 * Breaks `text` into lines of at most `width` characters at spaces (a word longer than the
 * width keeps its own line). Used for the long lists of the run story and the diff's point
 * texts, so that they read as indented paragraphs rather than wrapping at column 0.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The width the story-like outputs (run, analyze's repairs, diff's point texts) wrap at. */
export const TEXT_WIDTH = 100;

/**
 * Prints `text` wrapped at `width`, starting at `indent`, with continuation lines `hang`
 * (default two) further in, so that a long list reads as one indented paragraph under its
 * line. `style` (a colour) applies line by line, after wrapping, so escape codes never count
 * as width.
 */
export function printWrapped(output: Output, indent: number, text: string, style: (line: string) => string = (line) => line, { hang = 2, width = TEXT_WIDTH }: { hang?: number; width?: number } = {}): void {
  wrap(text, width - indent - hang).forEach((line, index) => output.out(`${' '.repeat(index === 0 ? indent : indent + hang)}${style(line)}`));
}
