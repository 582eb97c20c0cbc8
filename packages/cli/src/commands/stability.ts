import {
  DEFAULT_BUDGET,
  ParleyError,
  STABILITY_CONCEPTS,
  stabilityAnalysis,
  type RedLineMode,
  type Scenario,
  type StabilityConcept,
  type StabilityReport,
} from '@parley/core';
import { loadGmcrFile, type AppliedOverride } from '@parley/core/node';
import { InvalidArgumentError, type Command } from 'commander';
import { startProgress, type Output } from '../output.js';
import { positiveNumberOption, wholeNumberOption } from '../parse-options.js';
import { renderStability, stabilityJson } from '../render/stability-report.js';
import { addOverrideOptions, loadScenarioFor, refuseOverrides, withOverrides, type OverrideOptions } from '../scenario-overrides.js';

/** Options of `parley stability`. */
export interface StabilityCommandOptions extends OverrideOptions {
  readonly from?: string;
  readonly outcome?: readonly string[];
  readonly coalition?: readonly (readonly string[])[];
  readonly concepts?: readonly StabilityConcept[];
  readonly redLines?: RedLineMode;
  /** Enumerate every equilibrium (true), never (false), or when the conflict has at most {@link EQUILIBRIA_BY_DEFAULT_UP_TO} states (undefined). */
  readonly equilibria?: boolean;
  readonly json?: boolean;
  readonly budget?: number;
  readonly timeLimit?: number;
}

/** The time limit of `parley stability` when none is given, in seconds (a backstop: the work budget normally stops a search). */
export const STABILITY_TIME_LIMIT_S = 60;

/** Equilibria are enumerated without `--equilibria` when the conflict has at most this many states. */
export const EQUILIBRIA_BY_DEFAULT_UP_TO = 1_000_000;

const RED_LINE_MODES: readonly RedLineMode[] = ['never-move-to', 'infeasible', 'ignore'];

function conceptList(value: string): StabilityConcept[] {
  const names = value.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
  const wrong = names.filter((name) => !(STABILITY_CONCEPTS as readonly string[]).includes(name));
  if (names.length === 0 || wrong.length > 0) throw new InvalidArgumentError(`expected concepts among ${STABILITY_CONCEPTS.join(', ')}, separated by commas${wrong.length > 0 ? `; unknown: ${wrong.join(', ')}` : ''}`);
  return [...new Set(names)] as StabilityConcept[];
}

function coalitionList(value: string, previous: readonly (readonly string[])[] = []): (readonly string[])[] {
  const members = value.split(/[,+]/).map((name) => name.trim()).filter((name) => name !== '');
  if (members.length < 2) throw new InvalidArgumentError('a coalition names at least two parties, separated by commas (e.g. united-states,europe)');
  return [...previous, members];
}

function redLineMode(value: string): RedLineMode {
  if (!(RED_LINE_MODES as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${RED_LINE_MODES.join(', ')}`);
  return value as RedLineMode;
}

const collect = (value: string, previous: readonly string[] = []) => [...previous, value];

/** Adds `parley stability` to `program`. */
export function registerStability(program: Command, output: Output): void {
  const command = program
    .command('stability')
    .description('Which outcomes hold when every party can move (the graph model for conflict resolution): Nash, GMR, SMR, SEQ and SIM stability per party, the breaking moves and the sanctions that deter them, coalitions, and the paths from the status quo.')
    .argument('<path>', 'a scenario directory with a control of moves (control.yaml), or a GMCR+ / gmcr-py save file (.gmcr)')
    .option('--from <outcome>', 'the status quo: a named outcome of the control file (or state-<n> of a .gmcr file); default: the first named outcome of a scenario')
    .option('--outcome <name>', 'an outcome to judge (repeatable); default: the status quo, or every state of a .gmcr file', collect)
    .option('--coalition <parties>', 'a coalition to analyse, party ids separated by commas, e.g. united-states,europe (repeatable)', coalitionList)
    .option('--concepts <list>', `the concepts, separated by commas (default: all: ${STABILITY_CONCEPTS.join(',')})`, conceptList)
    .option('--red-lines <mode>', `what red lines mean for moves: ${RED_LINE_MODES.join(', ')} (default never-move-to; infeasible for a .gmcr file)`, redLineMode)
    .option('--equilibria', `enumerate every equilibrium of each concept (done without asking when the conflict has at most ${EQUILIBRIA_BY_DEFAULT_UP_TO.toLocaleString('en-US')} states)`)
    .option('--no-equilibria', 'do not enumerate the equilibria')
    .option('--json', 'print machine-readable JSON')
    .option('--budget <n>', 'work units (states reached, search nodes) the analysis may spend; one cut short says so and what still holds', wholeNumberOption(1), DEFAULT_BUDGET)
    .option('--time-limit <seconds>', 'the most time the analysis may take; it then stops and says so', positiveNumberOption, STABILITY_TIME_LIMIT_S)
    .addHelpText('after', [
      '',
      'A state is stable for a party under Nash when it has no move it prefers; under GMR when',
      'the others can answer each such move so that it ends no better off; SMR as GMR, and it',
      'cannot escape the answer; SEQ as GMR, with answers the others gain by; SIM when another',
      'party moving at the same time can leave it no better off. An equilibrium is stable for',
      'every party. See docs/stability.md.',
      '',
      'Examples:',
      '  pnpm parley stability seeds/ukraine-2025',
      '  pnpm parley stability seeds/ukraine-2025 --coalition united-states,europe --concepts nash,seq',
      '  pnpm parley stability seeds/ukraine-2025 --equilibria --concepts nash --budget 50000000',
      '  pnpm parley stability packages/core/tests/fixtures/gmcr/elmira.gmcr --from state-1',
      '  pnpm parley stability packages/core/tests/fixtures/gmcr/elmira.gmcr --outcome state-7 --coalition ministry-of-the-environment,uniroyal --json',
    ].join('\n'));
  addOverrideOptions(command).action(async (path: string, options: StabilityCommandOptions) => {
    const gmcr = path.toLowerCase().endsWith('.gmcr');
    let scenario: Scenario;
    let applied: AppliedOverride[] = [];
    let redLines: RedLineMode;
    if (gmcr) {
      refuseOverrides(options, 'a .gmcr file');
      const conflict = await loadGmcrFile(path);
      scenario = conflict.scenario;
      redLines = options.redLines ?? conflict.redLines;
    } else {
      ({ scenario, applied } = await loadScenarioFor(path, options, output));
      redLines = options.redLines ?? 'never-move-to';
    }
    const named = scenario.control?.outcomes ?? [];
    if (scenario.control === undefined) throw new ParleyError('USAGE', `${path} has no control of moves: add a control.yaml and name it in scenario.yaml (\`control: control.yaml\`); see docs/scenario-files.md`);
    const from = options.from ?? (gmcr ? undefined : named[0]?.id);
    const outcomes = options.outcome ?? (gmcr ? named.map((entry) => entry.id) : from === undefined ? [] : [from]);
    const concepts = options.concepts ?? STABILITY_CONCEPTS;
    const equilibria = options.equilibria ?? scenario.domain.outcomeCount <= EQUILIBRIA_BY_DEFAULT_UP_TO;
    const budget = options.budget ?? DEFAULT_BUDGET;
    const timeLimitMs = (options.timeLimit ?? STABILITY_TIME_LIMIT_S) * 1000;
    const progress = startProgress(output, 'Stability', 100, options.json === true);
    const started = performance.now();
    let report: StabilityReport;
    try {
      let shown = -1;
      report = stabilityAnalysis(scenario, {
        outcomes,
        concepts,
        redLines,
        ...(equilibria ? { equilibria: concepts } : {}),
        ...(options.coalition === undefined ? {} : { coalitions: options.coalition }),
        ...(from === undefined ? {} : { from }),
        budget,
        timeLimitMs,
        clock: () => performance.now(),
        onWork: (spent, total) => {
          if (total === Infinity) return;
          const percent = Math.min(100, Math.floor((spent / total) * 20) * 5);
          if (percent === shown) return;
          shown = percent;
          progress.update(percent, `${percent}% of the work budget`);
        },
      });
    } finally {
      progress.stop();
    }
    const elapsedMs = performance.now() - started;
    if (options.json === true) {
      output.out(JSON.stringify(withOverrides({
        scenario: { id: scenario.id, title: scenario.title },
        ...stabilityJson(scenario, report, { concepts, redLines, from: from ?? null }),
        limits: { budget, timeLimitMs },
        // Apart, so that comparing two outputs can leave out the one part that varies.
        timing: { analysisMs: elapsedMs },
      }, applied), null, 2));
      return;
    }
    renderStability(scenario, report, { concepts, redLines, elapsedMs, equilibria }, output);
  });
}
