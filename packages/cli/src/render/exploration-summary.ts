import type { Estimate, ExploreResult, ExploreSensitivity } from '@parley/core';
import Table from 'cli-table3';
import type { Output } from '../output.js';
import { own } from './labels.js';

/** How many assumptions the sensitivity ranking shows (`--json` has them all). */
const TOP_ASSUMPTIONS = 10;

/** What the summary may add to the result: display names, and how the runs were made. */
export interface ExplorationSummaryContext {
  /** The scenario's title (default: its id). */
  readonly title?: string;
  /** Display name by party id (default: the id). */
  readonly partyNames?: Readonly<Record<string, string>>;
  /** How the result was made, e.g. `in 2.1 s on 2 worker threads` or `merged from 4 shard files`. */
  readonly how?: string;
  /** Nothing was uncertain: the one run is the scenario as written, shown without probabilities. */
  readonly certain?: boolean;
  /** The scenario was read with `--set` / `--drop` overrides: its "as written" is with them. */
  readonly overridden?: boolean;
}

/**
 * An estimate as `0.62 (0.59–0.65)`: the proportion, then its 95 % interval, two decimals.
 *
 * @example
 * ```ts
 * formatEstimate({ probability: 0.625, low: 0.59, high: 0.65, count: 25, runs: 40 }); // "0.63 (0.59–0.65)"
 * ```
 */
export function formatEstimate(estimate: Estimate): string {
  return `${estimate.probability.toFixed(2)} (${estimate.low.toFixed(2)}–${estimate.high.toFixed(2)})`;
}

/**
 * The smallest change of an assumption that flipped the verdict, in words fitting its kind:
 * for weights the largest relative change of a weight, for option values the largest change
 * of a value, for a reservation value its change, for red lines and strategies what changed;
 * `—` when it never flipped the verdict.
 *
 * @example
 * ```ts
 * smallestChangeText({ kind: 'reservation', smallestChange: 0.031, flips });  // "by 0.031"
 * smallestChangeText({ kind: 'weights', smallestChange: 0.124, flips });      // "a weight by 12%"
 * smallestChangeText({ kind: 'red-line', smallestChange: 1, flips });         // "dropped"
 * ```
 */
export function smallestChangeText(sensitivity: Pick<ExploreSensitivity, 'kind' | 'smallestChange' | 'flips'>): string {
  if (sensitivity.flips.count === 0) return '—';
  if (sensitivity.kind === 'red-line') return 'dropped';
  if (sensitivity.kind === 'strategy') return 'another strategy';
  const change = sensitivity.smallestChange;
  if (change === null) return '—';
  const show = (value: number) => String(Number(value.toPrecision(2)));
  switch (sensitivity.kind) {
    case 'weights':
      return `a weight by ${show(change * 100)}%`;
    case 'values':
      return `an option value by ${show(change)}`;
    case 'reservation':
      return `by ${show(change)}`;
    default:
      return show(change);
  }
}

/**
 * Prints an exploration's result for people: for each plan version the probability that
 * each party, and every party, accepts it (with its 95 % interval); how the talks ended;
 * the assumptions the verdict is most sensitive to; and the verdict without perturbation.
 *
 * @example
 * ```ts
 * renderExploration(result, output, { title: scenario.title, partyNames: { russia: 'Russia' } });
 * ```
 */
export function renderExploration(result: ExploreResult, output: Output, context: ExplorationSummaryContext = {}): void {
  const { colors } = output;
  const name = (id: string) => own(context.partyNames, id) ?? id;
  const partyIds = Object.keys(result.plans[0]?.acceptedBy ?? {});
  const rounds = result.rounds > 0 ? `, ${result.rounds} free rounds` : '';
  output.out(colors.bold(`Exploration of ${context.title ?? result.scenario}`));
  if (context.certain === true) {
    output.out('Nothing is uncertain (no assumption is perturbed and no free rounds are drawn): every run is the scenario as written, so there are no probabilities to estimate.');
    renderBaseline(result, output, partyIds, name, context.overridden === true);
    return;
  }
  output.out(`${result.runs} runs, seed ${result.seed}${rounds}${context.how === undefined ? '' : `, ${context.how}`}. Probabilities with their 95% interval (Wilson).`);

  output.out('');
  output.out(colors.bold('Probability that each party accepts each plan version'));
  const plans = new Table({ head: ['Plan version', ...partyIds.map(name), 'All'], style: { head: [], border: [], compact: true } });
  for (const plan of result.plans) {
    plans.push([
      `${plan.title} ${colors.dim(`(${plan.plan})`)}`,
      ...partyIds.map((id) => estimateCell(own(plan.acceptedBy, id)!, output)),
      colors.bold(estimateCell(plan.acceptedByAll, output)),
    ]);
  }
  output.out(plans.toString());

  if (result.talks !== null) {
    output.out('');
    output.out(colors.bold('How the talks end'));
    const endings = new Table({ head: ['Ending', 'Probability', 'Runs'], style: { head: [], border: [], compact: true } });
    for (const [status, estimate] of Object.entries(result.talks.endings)) {
      endings.push([status, formatEstimate(estimate), `${estimate.count} of ${estimate.runs}`]);
    }
    output.out(endings.toString());
  } else {
    output.out('');
    output.out(colors.dim('No talks simulated (the scenario has no talks.yaml).'));
  }

  output.out('');
  const flipping = result.sensitivity.filter((sensitivity) => sensitivity.flips.count > 0);
  if (result.sensitivity.length === 0) {
    output.out(colors.dim('No sensitivity ranking: nothing is uncertain, or it was turned off (--no-sensitivity).'));
  } else if (flipping.length === 0) {
    output.out(colors.bold('What the verdict depends on'));
    output.out(`No assumption alone flipped the verdict in any run (${result.sensitivity.length} assumptions checked).`);
  } else {
    const shown = flipping.slice(0, TOP_ASSUMPTIONS);
    const which = flipping.length === 1 ? 'the one assumption' : shown.length === flipping.length ? `the ${flipping.length} assumptions` : `the top ${shown.length} of the ${flipping.length} assumptions`;
    output.out(colors.bold(`What the verdict depends on most (${which} that alone flipped it)`));
    const ranking = new Table({ head: ['#', 'Assumption', 'Alone flips the verdict', 'Smallest change that did'], style: { head: [], border: [] }, wordWrap: true, colWidths: [4, 48, 25, 28] });
    shown.forEach((sensitivity, index) => {
      ranking.push([String(index + 1), sensitivity.label, formatEstimate(sensitivity.flips), smallestChangeText(sensitivity)]);
    });
    output.out(ranking.toString());
    const never = result.sensitivity.length - flipping.length;
    output.out(colors.dim(`A flip: changing that assumption alone, as the run drew it, changed who accepts a plan version or how the talks end.${never > 0 ? ` The other ${never} of ${result.sensitivity.length} assumptions never did.` : ''}`));
  }

  renderBaseline(result, output, partyIds, name, context.overridden === true);
}

/** Who accepts each plan version, and how the talks end, in the scenario as written. */
function renderBaseline(result: ExploreResult, output: Output, partyIds: readonly string[], name: (id: string) => string, overridden: boolean): void {
  output.out('');
  output.out(output.colors.bold(`Without perturbation (the scenario as written${overridden ? ', with the --set / --drop overrides' : ''})`));
  for (const plan of result.plans) {
    const accepting = plan.baseline.acceptedBy;
    const who = accepting.length === 0 ? 'no party' : accepting.length === partyIds.length ? 'every party' : accepting.map(name).join(', ');
    output.out(`  ${plan.title}: accepted by ${who}`);
  }
  if (result.talks !== null) output.out(`  The talks end: ${result.talks.baseline ?? 'not simulated'}`);
}

/** An estimate, coloured by what it says: near certain green, near impossible red, else yellow. */
function estimateCell(estimate: Estimate, output: Output): string {
  const { colors } = output;
  const text = formatEstimate(estimate);
  if (estimate.probability >= 0.95) return colors.green(text);
  if (estimate.probability <= 0.05) return colors.red(text);
  return colors.yellow(text);
}
