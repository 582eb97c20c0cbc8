import type { Rule } from '../model/specs.js';

/**
 * What would make a party set a red line aside: a rule the other side must accept. Taken only
 * from what the sources say a party offered or demanded by the snapshot's date, never from
 * what happened later (`assumption` says how it was read).
 */
export interface RedLinePrice {
  /** `<party>/<red-line>`: the red line that has the price. */
  readonly redLine: string;
  /** The party that must pay it. */
  readonly party: string;
  /** What that party must accept: a rule over the domain's issues, like a red line's. */
  readonly rule: Rule;
  readonly text: string;
  readonly sources: readonly string[];
  readonly assumption?: string;
  /** `YYYY-MM-DD`: when the price was first stated; a forecast before it does not know it. Default: known from the start. */
  readonly date?: string;
}
