/**
 * Formats a utility or margin for people: two decimals and a real minus sign.
 *
 * @example
 * ```ts
 * formatUtility(-0.237); // '−0.24'
 * ```
 */
export function formatUtility(value: number): string {
  return value.toFixed(2).replace('-', '−');
}

/** Joins phrases as English: `a`, `a and b`, `a, b and c`. */
export function joinPhrases(phrases: readonly string[]): string {
  if (phrases.length <= 1) return phrases.join('');
  return `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`;
}

/** Ends `text` with a full stop unless it already ends with one (possibly inside quotes). */
export function asSentence(text: string): string {
  return /[.!?]["”]?$/.test(text) ? text : `${text}.`;
}

/** How long a point's short title may be: long enough to recognise, short enough to list. */
const POINT_TITLE_LENGTH = 44;

/**
 * A point's short title: the first sentence (or clause before a semicolon or colon) of its
 * summary, cut at a word to at most `max` characters, with "…" when it was cut. Points have
 * no titles of their own; the summary is what the point says, so its opening is the best
 * short name to print beside a point's number.
 *
 * @example
 * ```ts
 * pointTitle('NATO undertakes not to base any of its troops in Ukraine.'); // 'NATO undertakes not to base any of its…'
 * pointTitle('Ukraine holds elections within 100 days.');                  // 'Ukraine holds elections within 100 days'
 * ```
 */
export function pointTitle(summary: string, max = POINT_TITLE_LENGTH): string {
  const first = (summary.split(/(?<=[.;:])\s/)[0] ?? summary).trim().replace(/[.;:]$/, '');
  if (first.length <= max) return first;
  const cut = first.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}
