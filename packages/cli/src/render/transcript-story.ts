import type { AlternatingOffersTranscript, PartyResponse, Scenario, Transcript } from '@parley/core';
import Table from 'cli-table3';
import type { Output } from '../output.js';

/**
 * Tells a run as a story, day by day: what happened (with its sources), who accepted which
 * version of the text and why, what was revised, and how the talks ended.
 */
export function renderTranscript(scenario: Scenario, transcript: Transcript, output: Output): void {
  const { colors } = output;
  const name = (party: string) => scenario.parties.find((candidate) => candidate.id === party)?.name ?? party;
  const redLineText = (party: string, id: string) => scenario.parties.find((candidate) => candidate.id === party)?.redLines.find((line) => line.id === id)?.text ?? id;
  const issueLabel = (id: string) => scenario.domain.issues.find((issue) => issue.id === id)?.label ?? id;
  const response = (r: PartyResponse, prefix = '') => {
    const verdict = r.decision === 'accepts' ? colors.green('accepts') : r.decision === 'walks out' ? colors.red('walks out of the talks over') : colors.yellow('objects to');
    const numbers = `utility ${r.utility.toFixed(2)}, threshold ${r.threshold.toFixed(2)}`;
    output.out(`    ${prefix}${colors.bold(name(r.party))} ${verdict} ${r.version} (${numbers})`);
    for (const line of r.redLinesCrossed) output.out(`      ${colors.red('✘')} crosses "${redLineText(r.party, line)}"`);
    if (r.redLinesCrossed.length === 0 && r.blockingIssues.length > 0) output.out(`      … still open: ${r.blockingIssues.map(issueLabel).join('; ')}`);
    if (r.pointsObjected.length > 0) output.out(colors.dim(`      points it cannot live with: ${r.pointsObjected.join(', ')}`));
  };
  output.out(colors.bold(`${scenario.title}: the talks, replayed (seed ${transcript.seed})`));
  let day = '';
  for (const step of transcript.steps) {
    if (step.date !== day) {
      day = step.date;
      output.out('');
      output.out(colors.underline(day));
    }
    if (step.timeline !== undefined && (step.index === 0 || transcript.steps[step.index - 1]?.timeline?.summary !== step.timeline.summary)) {
      const assumed = step.timeline.assumption === undefined ? '' : colors.dim(' (effect assumed)');
      output.out(`  ${step.timeline.summary} ${colors.dim(`[${step.timeline.sources.join(', ')}]`)}${assumed}`);
    }
    if (!step.accepted) {
      output.out(colors.dim(`    (event ${step.event.type} refused in state ${step.state}: it changed nothing)`));
      continue;
    }
    const effect = step.effect;
    if (effect === null) continue;
    switch (effect.kind) {
      case 'opened':
        output.out(`    The mediator tables ${effect.version}.`);
        break;
      case 'response':
        response(effect.response);
        break;
      case 'revised':
        output.out(`    ${colors.cyan('Revised')} ${effect.from} → ${effect.to} by ${name(effect.by)}: ${effect.rationale} (${effect.patches.length} patches)`);
        break;
      case 'no-revision':
        output.out(colors.dim(`    The mediator makes no change: ${effect.reason}.`));
        break;
      case 'counter-proposal':
        output.out(`    ${name(effect.by)} tables ${effect.plan}; the parties' verdicts:`);
        for (const r of effect.responses) response(r, '');
        break;
      case 'shock':
        // The timeline line above already tells the shock; only say so when it had none.
        if (step.timeline === undefined) output.out(colors.magenta(`    Shock: ${effect.summary}`));
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
  if (final.unresolvedIssues.length > 0) output.out(`Unresolved: ${final.unresolvedIssues.map(issueLabel).join('; ')}.`);
}

/** Renders an alternating-offers run: one row per round, with each party's utility and answer. */
export function renderOfferRounds(scenario: Scenario, run: AlternatingOffersTranscript, output: Output): void {
  const { colors } = output;
  const parties = scenario.parties.filter((party) => run.rounds.some((round) => round.thresholds[party.id] !== undefined));
  output.out(colors.bold(`${scenario.title}: alternating offers to round ${run.rounds.length - 1}`));
  const table = new Table({ head: ['Round', 'Proposer', ...parties.map((party) => party.name)], style: { head: [], border: [] } });
  for (const round of run.rounds) {
    table.push([
      String(round.round),
      scenario.parties.find((party) => party.id === round.proposer)?.name ?? round.proposer,
      ...parties.map((party) => {
        if (round.offer === null) return party.id === round.proposer ? 'passes' : '';
        const utility = round.utilities[party.id]?.toFixed(2) ?? '';
        const answer = round.responses[party.id];
        return answer === undefined ? `${utility} (offers)` : `${utility} ${answer === 'accept' ? colors.green('accepts') : colors.red('rejects')}`;
      }),
    ]);
  }
  output.out(table.toString());
  output.out(run.final.status === 'agreed' ? colors.green(`Agreement in round ${run.final.round}.`) : colors.red(`No agreement (${run.final.status}) by round ${run.final.round}.`));
}
