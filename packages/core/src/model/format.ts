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
