import type { CompiledRule } from '../model/rule.js';
import type { PartyStrategyName } from '../talks/strategies.js';

/**
 * A party as one simulated run sees it: plain numbers and compiled rules, no validation and
 * no explanation text, so that thousands of perturbed copies cost almost nothing to make.
 * Structured-clonable (it crosses to worker threads as is).
 *
 * Its numbers mean exactly what the same numbers in a {@link PartySpec} mean once compiled
 * (`compilePreferences`): `weights` are normalised to sum to 1, in issue order.
 */
export interface SimParty {
  readonly id: string;
  readonly name: string;
  /** Its reservation value in this run. */
  readonly reservation: number;
  /** Weight of each issue, normalised (divided by their sum, summed in issue order). */
  readonly weights: Float64Array | readonly number[];
  /** `values[issue][option]` in [0, 1] (plain arrays where a run moved them: cheaper to make than typed ones). */
  readonly values: readonly (Float64Array | readonly number[])[];
  readonly interactions: readonly { readonly rule: CompiledRule; readonly delta: number }[];
  /** The red lines held in this run: indexes into the base party's red lines, ascending. */
  readonly redLines: readonly number[];
  /** Its strategy in the talks (from the talks set-up, or drawn). */
  readonly strategy: PartyStrategyName;
}

/** A party of the scenario as the exploration starts from it: its unperturbed numbers. */
export interface BaseParty {
  readonly id: string;
  readonly name: string;
  readonly reservation: number;
  /** Raw (unnormalised) weight of each issue, as written in the party's file (0 when absent). */
  readonly rawWeights: Float64Array;
  /** `values[issue][option]` as written (0 when absent). */
  readonly values: readonly Float64Array[];
  readonly interactions: readonly { readonly id: string; readonly rule: CompiledRule; readonly delta: number }[];
  /** Every red line of the party, compiled. */
  readonly redLines: readonly { readonly id: string; readonly text: string; readonly rule: CompiledRule }[];
  readonly strategy: PartyStrategyName;
}
