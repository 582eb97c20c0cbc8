import { runAlternatingOffers, runScenario } from '@parley/core';
import { loadTalks } from '@parley/core/node';
import { type Command, Option } from 'commander';
import { startProgress, type Output } from '../output.js';
import { wholeNumberOption } from '../parse-options.js';
import { renderOfferRounds, renderTranscript } from '../render/transcript-story.js';
import { addOverrideOptions, loadScenarioFor, withOverrides, type OverrideOptions } from '../scenario-overrides.js';

/** Options of `parley run`. */
export interface RunCommandOptions extends OverrideOptions {
  readonly seed?: number;
  readonly rounds?: number;
  readonly json?: boolean;
  readonly protocol?: string;
}

const wholeNumber = wholeNumberOption(0);

/** Adds `parley run <scenario-dir>` to `program`. */
export function registerRun(program: Command, output: Output): void {
  const command = program
    .command('run')
    .description('Replay a scenario\'s talks from its timeline: who accepted which version and why, what was revised, how it ended.')
    .argument('<scenario-dir>', 'a scenario directory with scenario.yaml and talks.yaml')
    .option('--seed <n>', 'seed of the one random generator (same seed, same transcript)', wholeNumber, 1)
    .option('--rounds <n>', 'rounds to simulate after the timeline, the mediator revising by its strategy', wholeNumber, 0)
    .addOption(
      new Option('--protocol <name>', 'mediated-single-text replays the timeline; alternating-offers has the parties trade offers until --rounds')
        .choices(['mediated-single-text', 'alternating-offers'])
        .default('mediated-single-text'),
    )
    .option('--json', 'print the full transcript as JSON')
    .addHelpText('after', '\nExamples:\n  pnpm parley run seeds/ukraine-2025\n  pnpm parley run seeds/ukraine-2025 --rounds 6 --seed 7\n  pnpm parley run seeds/ukraine-2025 --protocol alternating-offers --rounds 20\n  pnpm parley run seeds/ukraine-2025 --json > transcript.json\n  pnpm parley run seeds/ukraine-2025 --set ukraine.reservationValue=0.3');
  addOverrideOptions(command)
    .action(async (dir: string, options: RunCommandOptions) => {
      const { scenario, applied } = await loadScenarioFor(dir, options, output);
      const talks = await loadTalks(dir, scenario);
      if (options.protocol === 'alternating-offers') {
        const run = runAlternatingOffers(scenario, { deadline: options.rounds || 12, ...(talks.setup.strategies === undefined ? {} : { strategies: talks.setup.strategies }) });
        if (options.json === true) output.out(JSON.stringify(withOverrides(run, applied), null, 2));
        else renderOfferRounds(scenario, run, output);
        return;
      }
      const continueRounds = options.rounds ?? 0;
      // Replaying the timeline is quick; each free round can take up to a second.
      const progress = startProgress(output, 'Simulating', talks.timeline.length + continueRounds, options.json === true || continueRounds === 0);
      // Says what comes next once `done` steps are finished: the timeline, then round by round.
      const next = (done: number): string => (done < talks.timeline.length ? 'replaying the timeline' : `round ${Math.min(done - talks.timeline.length + 1, continueRounds)} of ${continueRounds}`);
      let transcript: ReturnType<typeof runScenario>;
      try {
        progress.update(0, next(0));
        transcript = runScenario(scenario, talks, { seed: options.seed ?? 1, continueRounds, onProgress: (done) => progress.update(done, next(done)) });
      } finally {
        progress.stop();
      }
      if (options.json === true) {
        output.out(JSON.stringify(withOverrides(transcript, applied), null, 2));
        return;
      }
      renderTranscript(scenario, transcript, output, { rounds: continueRounds });
    });
}
