import type { UtilityRange } from './preferences.js';

/** How a party judges one point of a plan. */
export type PointVerdict = 'acceptable' | 'objectionable' | 'crosses-red-line';

/** A party's overall stance on a plan or outcome. */
export type Stance =
  /** It crosses none of the party's red lines, leaves nothing open that the party needs settled, and beats walking away. */
  | 'accepts'
  /** It crosses a red line, or is worth less than walking away whatever the open issues become. */
  | 'rejects'
  /** Nothing crosses a red line yet, but issues the party needs settled are still open. */
  | 'undecided';

/** One red line a plan or outcome crosses, with what causes it. */
export interface RedLineViolation {
  readonly redLine: string;
  /** The red line's sentence. */
  readonly text: string;
  readonly sources: readonly string[];
  readonly assumption?: string;
  /** The settled issues that make it crossed. */
  readonly issues: readonly string[];
  /** The points that settle those issues (empty when assessing a bare outcome). */
  readonly points: readonly number[];
}

/** A red line whose fate depends on issues the plan leaves open. */
export interface UndeterminedRedLine {
  readonly redLine: string;
  readonly text: string;
  readonly sources: readonly string[];
  /** The open issues it depends on. */
  readonly issues: readonly string[];
}

/** A party's verdict on one point. */
export interface PointAssessment {
  readonly point: number;
  readonly verdict: PointVerdict;
  /**
   * What the point's provisions are worth to the party on their own, in [0, 1]
   * (weighted mean of its option values), or `null` when the party weighs none of them.
   */
  readonly value: number | null;
  /** The ids of the red lines this point helps cross. */
  readonly redLines: readonly string[];
  /** Why, as a sentence. */
  readonly reason: string;
}

/** An issue the plan leaves open, and whether it stops the party from accepting. */
export interface OpenIssue {
  readonly issue: string;
  readonly label: string;
  readonly blocking: boolean;
  /** Why it blocks (empty when it does not). */
  readonly reasons: readonly string[];
}

/** The plain data of an assessment (what `JSON.stringify` writes). */
export interface AssessmentData {
  readonly party: string;
  readonly partyName: string;
  /** The plan's id, or `null` when a bare outcome was assessed. */
  readonly plan: string | null;
  readonly planTitle: string | null;
  readonly accepts: boolean;
  readonly stance: Stance;
  /**
   * The utility the party can count on: exact for an outcome; for a plan, the lowest
   * utility over the ways its open issues could be settled without crossing the party's
   * own red lines.
   */
  readonly utility: number;
  readonly utilityRange: UtilityRange;
  readonly reservationValue: number;
  /** `utility − reservationValue`: positive means better than walking away. */
  readonly margin: number;
  readonly violations: readonly RedLineViolation[];
  readonly undetermined: readonly UndeterminedRedLine[];
  /** A verdict for every point, in plan order (empty for an outcome). */
  readonly points: readonly PointAssessment[];
  /** Every issue the plan leaves open (empty for an outcome). */
  readonly openIssues: readonly OpenIssue[];
  /** Why the party takes its stance, one sentence each. */
  readonly reasons: readonly string[];
  /**
   * Whether the verdict rests only on sources its scenario marks `reliability: low`: a
   * rejection each of whose crossed red lines is cited to such sources alone, or crossed
   * only through points cited to them alone; any other verdict when every point that
   * settles an issue cites only such sources. Marking a source changes no verdict: this
   * says how far to trust it. `explain()` ends with a note saying so, and with a note for
   * each crossing that rests on such sources alone when the others do not. Always false
   * for a party and plan made outside a scenario, which carry no source marks.
   */
  readonly restsOnLowReliabilitySources: boolean;
}

/** A party's judgement of a plan or an outcome. `explain()` renders it as plain sentences. */
export interface Assessment extends AssessmentData {
  /** The whole assessment as plain sentences, one per line. */
  explain(): string;
}
