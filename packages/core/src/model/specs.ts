/**
 * The shapes of Parley's inputs, as authored in JSON or YAML. Everything here is plain,
 * JSON-serialisable data; `createDomain`, `createParty`, `createPlan` and `createScenario`
 * validate it and return resolved, frozen objects.
 */

/** One option of an issue. */
export interface IssueOptionSpec {
  /** Unique within the issue, e.g. `de-facto`. */
  readonly id: string;
  /** Human-readable label, e.g. `De facto recognition`. */
  readonly label: string;
  readonly description?: string;
}

/** One question a settlement must answer, with a finite list of options. */
export interface IssueSpec {
  /** Unique within the domain, e.g. `nato.membership`. */
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  /**
   * Whether the order of `options` means something (from least to most of something).
   * Only ordered issues accept `atLeast` / `atMost` rules.
   */
  readonly ordered: boolean;
  readonly options: readonly IssueOptionSpec[];
  readonly sources?: readonly string[];
}

/** The issues a negotiation is about. */
export interface DomainSpec {
  readonly issues: readonly IssueSpec[];
}

/**
 * A declarative, JSON-serialisable condition on an outcome. Declarative so that the
 * analysis can reason about it (explain, prune, relax), not merely call it.
 *
 * - `forbid`: the issue must not take any of `options`.
 * - `require`: the issue must take one of `options`.
 * - `atLeast` / `atMost`: on an ordered issue, the option must come at or after
 *   (at or before) `option` in the issue's order.
 * - `if`: whenever `when` holds, `then` must hold.
 * - `all` / `any`: every / at least one of `rules` holds.
 * - `not`: `rule` does not hold.
 */
export type Rule =
  | { readonly kind: 'forbid'; readonly issue: string; readonly options: readonly string[] }
  | { readonly kind: 'require'; readonly issue: string; readonly options: readonly string[] }
  | { readonly kind: 'atLeast'; readonly issue: string; readonly option: string }
  | { readonly kind: 'atMost'; readonly issue: string; readonly option: string }
  | { readonly kind: 'if'; readonly when: Rule; readonly then: Rule }
  | { readonly kind: 'all'; readonly rules: readonly Rule[] }
  | { readonly kind: 'any'; readonly rules: readonly Rule[] }
  | { readonly kind: 'not'; readonly rule: Rule };

/** A line a party will not cross: a rule with the sentence that states it and its sources. */
export interface RedLineSpec {
  /** Unique within the party. */
  readonly id: string;
  /** The red line as a plain sentence, e.g. "No recognition of occupied territory in any form." */
  readonly text: string;
  /** Source keys (e.g. `S70`) of the statements the red line rests on. */
  readonly sources: readonly string[];
  /** Present when the rule is inferred rather than stated: what was assumed and why. */
  readonly assumption?: string;
  readonly rule: Rule;
  /**
   * What would make the party set this line aside: a rule `party` must accept, taken from what
   * the party offered or demanded (never from later events). Used by `forecast`.
   */
  readonly price?: RedLinePriceSpec;
}

/** A red line's price: a conditional trade the party stated (docs/forecasting.md). */
export interface RedLinePriceSpec {
  /** The party that must pay it. */
  readonly party: string;
  readonly rule: Rule;
  readonly text: string;
  readonly sources: readonly string[];
  readonly assumption?: string;
  /** `YYYY-MM-DD`: when it was first stated; a forecast before then does not know it. */
  readonly date?: string;
}

/** A bonus or penalty that applies when a combination of options occurs together. */
export interface InteractionSpec {
  /** Unique within the party. */
  readonly id: string;
  /** Why the combination matters, as a sentence. */
  readonly text: string;
  readonly sources: readonly string[];
  readonly assumption?: string;
  /** The combination, as a rule: the term applies when it holds. */
  readonly when: Rule;
  /** Added to the utility when `when` holds (negative for a penalty). */
  readonly delta: number;
}

/**
 * Additive preferences: utility = Σ weight(issue) × value(option) / Σ weight, plus the
 * `delta` of every interaction whose condition holds.
 */
export interface PreferencesSpec {
  /** Relative importance of each issue (finite, ≥ 0). Issues not listed weigh 0. */
  readonly weights: Readonly<Record<string, number>>;
  /** Value of each option in [0, 1], per issue. Every option of a weighted issue needs one. */
  readonly values: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly interactions?: readonly InteractionSpec[];
}

/** A party to the negotiation. */
export interface PartySpec {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly redLines: readonly RedLineSpec[];
  readonly preferences: PreferencesSpec;
  /** What walking away is worth to the party, on the utility scale (typically 0..1). */
  readonly reservationValue: number;
  /** Sources and assumptions behind the reservation value. */
  readonly reservationNote?: string;
}

/** A provision: a point fixes `issue` to `option`. */
export interface ProvisionSpec {
  readonly issue: string;
  readonly option: string;
}

/** A numbered point of a plan. */
export interface PointSpec {
  /** The point's number, unique within the plan. */
  readonly number: number;
  /** What the point says, in our own words. */
  readonly summary: string;
  /** A short category, e.g. `territory` or `security-guarantees`. */
  readonly category: string;
  readonly sources: readonly string[];
  /** Present when the point's content is uncertain or inferred. */
  readonly assumption?: string;
  /** The number of the point of the base plan (`PlanSpec.basedOn`) this one derives from. */
  readonly basedOn?: number;
  readonly provisions: readonly ProvisionSpec[];
}

/** A plan: one version of a peace proposal, as numbered points. */
export interface PlanSpec {
  readonly id: string;
  readonly title: string;
  /** ISO date, `YYYY-MM-DD`. */
  readonly date: string;
  readonly author: string;
  readonly summary?: string;
  readonly sources?: readonly string[];
  /** The id of the plan this version was derived from. */
  readonly basedOn?: string;
  /** The ids of the parties that would have to sign it. */
  readonly signatories?: readonly string[];
  readonly points: readonly PointSpec[];
}
