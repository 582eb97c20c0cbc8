import { formatUtility, meetsThreshold, type AlternatingOffersTranscript, type PartyResponse, type Scenario, type Transcript } from '@parley/core';
import Table from 'cli-table3';
import type { Output } from '../output.js';
import { choiceText, count, own, issueLabel, optionLabel, partyName, pointsWithTitles, printWrapped } from './labels.js';
import { judgedAtReservation, replayTalks, shockChanges } from './talks-replay.js';

/** Options of {@link renderTranscript}. */
export interface TranscriptStoryOptions {
  /** The free rounds asked for (`parley run --rounds N`), for the headings "Free round k of N". */
  readonly rounds?: number;
}

const f = formatUtility;

/**
 * Tells a run as a story, day by day: what happened (with its sources, and what an assumed
 * effect changed), who accepted which version of the text and why, what was revised, and
 * how the talks ended; then the free rounds after the timeline, by round, undated.
 *
 * Each answer shows the two numbers it rests on, each under its own name: the party's
 * threshold (what its strategy holds out for at that moment, the bar of the talks) and its
 * reservation value (what walking away is worth, moved by shocks). Points are judged as
 * `parley assess` judges them, at the reservation value; the points that only fall short of
 * the higher threshold are listed apart, because the mediator counts them.
 */
export function renderTranscript(scenario: Scenario, transcript: Transcript, output: Output, options: TranscriptStoryOptions = {}): void {
  const { colors } = output;
  const replay = replayTalks(scenario, transcript);
  const name = (party: string) => partyName(scenario, party);
  // Long lines (lists of points and issues) wrap, indented under the line they continue.
  const say = (indent: number, text: string, style?: (line: string) => string) => printWrapped(output, indent, text, style);

  output.out(colors.bold(`${scenario.title}: the talks, replayed (seed ${transcript.seed})`));
  const first = transcript.steps.find((step) => step.effect?.kind === 'opened');
  const firstVersion = first?.effect?.kind === 'opened' ? first.effect.version : null;
  const firstTitle = firstVersion === null ? undefined : replay.texts.get(firstVersion)?.title;
  say(0, [
    `Versions are written plan@n: the plan the text on the table started from, and how many times the talks have revised it${firstVersion === null ? '' : ` (${firstVersion} is "${firstTitle ?? firstVersion.replace(/@\d+$/, '')}" as first tabled)`}; a counter-proposal is named by its plan.`,
    'A party accepts a version only if it crosses none of its red lines and is worth at least its threshold: the least its strategy settles for at that moment, which starts above its reservation value (what walking away is worth) and never falls below it.',
    'Points are judged as `parley assess` judges them, against the reservation value.',
  ].join(' '), colors.dim);

  const response = (r: PartyResponse) => {
    const verdict = r.decision === 'accepts' ? colors.green('accepts') : r.decision === 'walks out' ? colors.red('walks out of the talks over') : colors.yellow('objects to');
    const reservation = r.reservationValue;
    output.out(`    ${colors.bold(name(r.party))} ${verdict} ${r.version}: utility ${f(r.utility)}, threshold ${f(r.threshold)} (reservation value ${f(reservation)})`);
    const judged = judgedAtReservation(scenario, replay, r);
    const points = replay.texts.get(r.version)?.points;
    const party = scenario.parties.find((candidate) => candidate.id === r.party);
    for (const line of r.redLinesCrossed) {
      const text = party?.redLines.find((candidate) => candidate.id === line)?.text ?? line;
      const through = judged?.violations.find((violation) => violation.redLine === line)?.points ?? [];
      say(6, `${colors.red('✘')} crosses "${text}"${through.length === 0 ? '' : ` through ${pointsWithTitles(through, points)}`}`);
    }
    if (r.redLinesCrossed.length === 0 && r.blockingIssues.length > 0) {
      say(6, `… still open, and to be settled before it can accept at its threshold ${f(r.threshold)}: ${r.blockingIssues.map((issue) => issueLabel(scenario.domain, issue)).join('; ')}`);
    }
    if (judged === null) {
      // The text of the version could not be rebuilt: say what the talks counted, by its own bar.
      if (r.pointsObjected.length > 0) say(6, `counted against the text at its threshold ${f(r.threshold)}: ${pointsWithTitles(r.pointsObjected, points)}`, colors.dim);
      return;
    }
    const crossing = new Set(judged.points.filter((point) => point.verdict === 'crosses-red-line').map((point) => point.point));
    const objectionable = judged.points.filter((point) => point.verdict === 'objectionable').map((point) => point.point);
    if (objectionable.length > 0) {
      say(6, `objectionable on their own, worth less than its reservation value ${f(reservation)} (as in assess): ${pointsWithTitles(objectionable, points)}`, colors.dim);
    }
    // The talks count a point against the text when it is short of the threshold, which is
    // at or above the reservation value: those the reservation value does not explain.
    const shortOfThreshold = r.pointsObjected.filter((point) => !crossing.has(point) && !objectionable.includes(point));
    if (shortOfThreshold.length > 0) {
      say(6, `short only of its threshold ${f(r.threshold)}, which the mediator counts as objections: ${pointsWithTitles(shortOfThreshold, points)}`, colors.dim);
    }
    if (r.decision !== 'accepts' && judged.accepts) {
      say(6, `at its reservation value ${f(reservation)} it would accept: it holds out for its threshold ${f(r.threshold)}.`, colors.dim);
    }
  };

  // The free rounds have no date of their own: the transcript numbers their steps, and the
  // story heads them by round.
  const rounds = transcript.steps.reduce((most, step) => Math.max(most, step.freeRound ?? 0), options.rounds ?? 0);
  let round = 0;
  let day = '';
  for (const step of transcript.steps) {
    if (step.freeRound !== undefined) {
      if (step.freeRound !== round) {
        if (round === 0) {
          output.out('');
          output.out(colors.underline(`After the timeline: free rounds (${transcript.setup.mediatorStrategy}), simulated and undated`));
        }
        round = step.freeRound;
        output.out(colors.bold(`  Free round ${round} of ${rounds}`));
      }
    } else if (step.date !== day) {
      day = step.date;
      output.out('');
      output.out(colors.underline(day));
    }
    if (step.timeline !== undefined && (step.index === 0 || transcript.steps[step.index - 1]?.timeline?.summary !== step.timeline.summary)) {
      const assumed = step.timeline.assumption === undefined ? '' : colors.dim(' (effect assumed)');
      output.out(`  ${step.timeline.summary} ${colors.dim(`[${step.timeline.sources.join(', ')}]`)}${assumed}`);
      const changes = shockChanges(scenario, replay, step);
      if (changes !== null) say(4, `${step.timeline.assumption === undefined ? 'Effect' : 'Assumed effect'}: ${changes}.`, colors.magenta);
      if (step.timeline.assumption !== undefined) say(4, `Assumption: ${step.timeline.assumption}`, colors.dim);
    }
    if (!step.accepted) {
      output.out(colors.dim(`    (event ${step.event.type} refused in state ${step.state}: it changed nothing)`));
      continue;
    }
    const effect = step.effect;
    if (effect === null) continue;
    switch (effect.kind) {
      case 'opened': {
        const text = replay.texts.get(effect.version);
        output.out(`    The mediator tables ${effect.version}${text === undefined ? '' : `, "${text.title}" (${count(text.points.length, 'point')})`}.`);
        break;
      }
      case 'response':
        response(effect.response);
        break;
      case 'revised':
        output.out(`    ${colors.cyan('Revised')} ${effect.from} → ${effect.to} by ${name(effect.by)}: ${effect.rationale} (${count(effect.patches.length, 'patch', 'patches')})`);
        break;
      case 'no-revision':
        output.out(colors.dim(`    The mediator makes no change: ${effect.reason}.`));
        break;
      case 'counter-proposal': {
        const text = replay.texts.get(effect.plan);
        output.out(`    ${name(effect.by)} tables ${effect.plan}${text === undefined ? '' : `, "${text.title}"`}; the parties' verdicts:`);
        for (const r of effect.responses) response(r);
        break;
      }
      case 'shock':
        // The timeline line above already tells the shock; only say so when it had none.
        if (step.timeline === undefined) {
          say(4, `Shock: ${effect.summary}`, colors.magenta);
          const changes = shockChanges(scenario, replay, step);
          if (changes !== null) say(4, `Effect: ${changes}.`, colors.magenta);
        }
        break;
      case 'ended':
        break;
    }
  }
  const final = transcript.final;
  output.out('');
  const headline = final.status === 'agreed' ? colors.green(colors.bold(`Agreement: ${final.reason}.`)) : colors.red(colors.bold(`No agreement (${final.status}): ${final.reason}.`));
  output.out(headline);
  if (final.acceptedBy.length > 0 && final.status !== 'agreed') output.out(`Accepting the last text (${final.version}): ${final.acceptedBy.map(name).join(', ')}.`);
  if (final.unresolvedIssues.length > 0) output.out(`Unresolved: ${final.unresolvedIssues.map((issue) => issueLabel(scenario.domain, issue)).join('; ')}.`);
}

/**
 * Renders an alternating-offers run: one row per round, with each party's utility and
 * answer; then what was offered, by issue and option label (each proposer's first offer in
 * full, each later one as what it changed); then the reservation values the thresholds move
 * towards.
 */
export function renderOfferRounds(scenario: Scenario, run: AlternatingOffersTranscript, output: Output): void {
  const { colors } = output;
  const domain = scenario.domain;
  const parties = scenario.parties.filter((party) => run.rounds.some((round) => own(round.thresholds, party.id) !== undefined));
  const name = (party: string) => partyName(scenario, party);
  output.out(colors.bold(`${scenario.title}: alternating offers to round ${run.rounds.length - 1}`));
  const table = new Table({ head: ['Round', 'Proposer', ...parties.map((party) => party.name)], style: { head: [], border: [] } });
  for (const round of run.rounds) {
    table.push([
      String(round.round),
      name(round.proposer),
      ...parties.map((party) => {
        if (round.offer === null) return party.id === round.proposer ? 'passes' : '';
        const value = own(round.utilities, party.id);
        const threshold = own(round.thresholds, party.id);
        const utility = value?.toFixed(2) ?? '';
        const answer = own(round.responses, party.id);
        if (answer === undefined) return `${utility} (offers)`;
        if (answer === 'accept') return `${utility} ${colors.green('accepts')}`;
        // A party rejects an offer below its threshold, or one across its red lines: say which.
        if (value !== undefined && threshold !== undefined && !meetsThreshold(value, threshold)) {
          // Two decimals can print the two numbers alike (0.53 < 0.53): then show three.
          const [shown, bar] = f(value) === f(threshold) ? [value.toFixed(3), threshold.toFixed(3)] : [utility, f(threshold)];
          return `${shown} ${colors.red('rejects')} (< ${bar})`;
        }
        return `${utility} ${colors.red('rejects')} (red line)`;
      }),
    ]);
  }
  output.out(table.toString());
  output.out(colors.dim('Cells: the utility of the round\'s offer to each party, and its answer; a rejection says why: the offer is below the party\'s threshold then (< threshold), or crosses one of its red lines.'));
  output.out(colors.dim(
    `Reservation values: ${parties.map((party) => `${party.name} ${f(party.reservationValue)}`).join(', ')}. A party accepts an offer that keeps its red lines and is worth at least its threshold, which its strategy moves from its opening demand down towards its reservation value.`,
  ));

  output.out('');
  output.out(colors.bold('What was offered'));
  const previous = new Map<string, { round: number; offer: Readonly<Record<string, string>> }>();
  for (const round of run.rounds) {
    const proposer = name(round.proposer);
    if (round.offer === null) {
      output.out(`  Round ${round.round}, ${proposer} passes: no outcome keeps its red lines and its threshold.`);
      continue;
    }
    const before = previous.get(round.proposer);
    previous.set(round.proposer, { round: round.round, offer: round.offer });
    if (before === undefined) {
      output.out(`  Round ${round.round}, ${proposer} offers:`);
      for (const issue of domain.issues) {
        const option = own(round.offer, issue.id);
        if (option !== undefined) printWrapped(output, 4, choiceText(domain, issue.id, option));
      }
      continue;
    }
    const changed = domain.issues.filter((issue) => own(round.offer!, issue.id) !== own(before.offer, issue.id));
    if (changed.length === 0) {
      output.out(`  Round ${round.round}, ${proposer} offers the same as in round ${before.round}.`);
      continue;
    }
    output.out(`  Round ${round.round}, ${proposer} changes its round-${before.round} offer on ${count(changed.length, 'issue')}:`);
    for (const issue of changed) {
      const from = own(before.offer, issue.id);
      const to = own(round.offer, issue.id);
      const side = (option: string | undefined) => (option === undefined ? 'open' : optionLabel(domain, issue.id, option));
      printWrapped(output, 4, `${issue.label}: ${side(from)} → ${side(to)}`);
    }
  }
  output.out('');
  output.out(run.final.status === 'agreed' ? colors.green(`Agreement in round ${run.final.round}.`) : colors.red(`No agreement (${run.final.status}) by round ${run.final.round}.`));
  if (run.final.agreement !== null) {
    output.out('The agreed outcome:');
    for (const issue of domain.issues) {
      const option = own(run.final.agreement, issue.id);
      if (option !== undefined) printWrapped(output, 2, choiceText(domain, issue.id, option));
    }
  }
}
