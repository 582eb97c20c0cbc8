import { choicesOf, formatCount, type Domain, type PathStep, type RedLineMode, type Scenario, type StabilityConcept, type StabilityReport } from '@parley/core';
import Table from 'cli-table3';
import type { Output } from '../output.js';
import { partyName, printWrapped } from './labels.js';

/** The concepts' names for people. */
export const CONCEPT_NAMES: Readonly<Record<StabilityConcept, string>> = { nash: 'Nash', gmr: 'GMR', smr: 'SMR', seq: 'SEQ', sim: 'SIM' };

/** What the renderers need besides the report. */
export interface StabilityView {
  readonly concepts: readonly StabilityConcept[];
  readonly redLines: RedLineMode;
  readonly elapsedMs: number;
  /** Whether the equilibria were asked for (so that their absence can be explained). */
  readonly equilibria: boolean;
}

/** The name of a state for people: a named outcome's label when it is one, else undefined. */
function stateName(scenario: Scenario, state: Uint8Array): string | undefined {
  const here = choicesOf(scenario.domain, state);
  return scenario.control?.outcomes?.find((entry) => scenario.domain.issues.every((issue) => entry.choices[issue.id] === here[issue.id]))?.label;
}

/** What a move changes, in words: `Insist on the original order: no → yes; …`. */
export function changeText(domain: Domain, from: ArrayLike<number>, to: ArrayLike<number>): string {
  const changes = domain.issues.flatMap((issue, i) => (from[i] === to[i] ? [] : [`${issue.label}: ${issue.options[from[i]!]!.label} → ${issue.options[to[i]!]!.label}`]));
  return changes.length === 0 ? 'no change' : changes.join('; ');
}

/** A path of moves in words, each step from the state before it. */
export function pathText(scenario: Scenario, start: ArrayLike<number>, path: readonly PathStep[]): string[] {
  let at = start;
  return path.map((step) => {
    const line = `${moverName(scenario, step.mover)}: ${changeText(scenario.domain, at, step.state)}`;
    at = step.state;
    return line;
  });
}

function moverName(scenario: Scenario, mover: string): string {
  return mover.split('+').map((id) => partyName(scenario, id)).join(' + ');
}

const mark = (stable: boolean | null | undefined) => (stable === true ? '✓' : stable === false ? '✗' : '?');

/** Renders a stability report for people: a table outcome × party × concept, the breaking moves and sanctions, coalitions, equilibria and the status-quo paths. */
export function renderStability(scenario: Scenario, report: StabilityReport, view: StabilityView, output: Output): void {
  const { colors } = output;
  const { domain } = scenario;
  const parties = report.model.partyIds;
  output.out(colors.bold(`${scenario.title}: stability`));
  output.out(`${parties.length} parties, ${domain.issues.length} issues, ${formatCount(domain.outcomeCount)} outcomes; red lines: ${view.redLines}; analysed in ${view.elapsedMs.toFixed(1)} ms${report.exact ? ' (exact)' : ''}.`);
  if (!report.exact) printWrapped(output, 0, colors.yellow(`Cut short (${report.stoppedBy}): ${report.guarantee}. Raise --budget or --time-limit to go further.`));
  for (const judged of report.outcomes) {
    output.out('');
    const title = judged.name?.label ?? stateName(scenario, judged.outcome) ?? 'An outcome';
    output.out(colors.bold(title));
    if (!judged.feasible) {
      output.out(colors.dim('  not a state of the conflict: it crosses a red line, and red lines mark infeasible outcomes here'));
      continue;
    }
    const table = new Table({ head: ['party', ...view.concepts.map((concept) => CONCEPT_NAMES[concept])], style: { head: [], border: [] } });
    for (const id of parties) table.push([partyName(scenario, id), ...view.concepts.map((concept) => mark(judged.verdicts.find((verdict) => verdict.party === id && verdict.concept === concept)?.stable))]);
    table.push([colors.bold('equilibrium'), ...view.concepts.map((concept) => colors.bold(mark(judged.equilibrium[concept])))]);
    output.out(table.toString());
    // The breaking moves, one line per party and move (the concepts it breaks listed together).
    const breaking = new Map<string, { party: string; move: string; concepts: string[] }>();
    for (const verdict of judged.verdicts) {
      if (verdict.stable !== false || verdict.breakingMove === undefined) continue;
      const move = changeText(domain, judged.outcome, verdict.breakingMove);
      const key = `${verdict.party}|${move}`;
      const entry = breaking.get(key) ?? { party: verdict.party, move, concepts: [] };
      entry.concepts.push(CONCEPT_NAMES[verdict.concept]);
      breaking.set(key, entry);
    }
    for (const { party, move, concepts } of breaking.values()) printWrapped(output, 2, `${colors.red('✗')} ${partyName(scenario, party)} breaks it (${concepts.join(', ')}): ${move}`);
    // One sanction per party: the first concept whose verdict is stable thanks to one.
    const told = new Set<string>();
    for (const verdict of judged.verdicts) {
      if (verdict.stable !== true || verdict.sanctioned.length === 0 || told.has(verdict.party)) continue;
      told.add(verdict.party);
      const first = verdict.sanctioned[0]!;
      printWrapped(output, 2, `${colors.green('✓')} ${partyName(scenario, verdict.party)} would gain by ${changeText(domain, judged.outcome, first.improvement)}, but is deterred (${CONCEPT_NAMES[verdict.concept]}${verdict.improvements > 1 ? `, and ${verdict.improvements - 1} other move${verdict.improvements > 2 ? 's' : ''} likewise` : ''}): ${verdict.concept === 'sim' ? 'at the same time, ' : 'then '}${pathText(scenario, verdict.concept === 'sim' ? judged.outcome : first.improvement, verdict.concept === 'sim' ? first.sanction.slice(0, 1) : first.sanction).join(', then ')}`);
    }
    for (const coalition of judged.coalitions) {
      const name = coalition.coalition.map((id) => partyName(scenario, id)).join(' + ');
      if (coalition.nash === null) output.out(`  ? ${name}: not decided (budget)`);
      else if (coalition.nash) output.out(`  ${colors.green('✓')} ${name}: no move together that every member prefers (coalitionally Nash and SEQ stable)`);
      else {
        const path = pathText(scenario, judged.outcome, coalition.bestImprovement ?? []).join(', then ');
        const deterred = coalition.seq === true ? `, but the others deter it (coalitionally SEQ stable): ${coalition.sanctioned[0] === undefined ? '' : pathText(scenario, coalition.sanctioned[0].improvement.at(-1)!.state, coalition.sanctioned[0].sanction).join(', then ')}` : coalition.seq === false ? '; nobody outside deters it (not coalitionally SEQ stable)' : '; whether the others deter it is not decided (budget)';
        printWrapped(output, 2, `${colors.red('✗')} ${name} would gain together (${formatCount(coalition.improvements)} coalitional improvement${coalition.improvements === 1 ? '' : 's'}): ${path}${deterred}`);
      }
    }
  }
  if (report.equilibria.length > 0) {
    output.out('');
    output.out(colors.bold('Equilibria (stable for every party)'));
    for (const entry of report.equilibria) {
      const count = entry.complete ? formatCount(entry.count) : `at least ${formatCount(entry.count)} (cut short${entry.lowerBound === 'nash' ? ': every Nash equilibrium is one' : ''})`;
      output.out(`  ${CONCEPT_NAMES[entry.concept]}: ${count}`);
      for (const set of entry.sets.slice(0, 8)) {
        const state = Uint8Array.from(domain.issues, (issue) => Math.max(0, issue.options.findIndex((option) => option.id === set.choices[issue.id])));
        const name = set.free.length === 0 ? stateName(scenario, state) : undefined;
        if (name !== undefined) output.out(`    - ${name}`);
        else printWrapped(output, 4, `- ${domain.issues.filter((issue) => set.choices[issue.id] !== undefined).map((issue) => `${issue.label}: ${issue.options.find((option) => option.id === set.choices[issue.id])!.label}`).join('; ')}${set.free.length > 0 ? `; any option of the ${set.free.length} other issue${set.free.length === 1 ? '' : 's'} (${formatCount(set.count)} outcomes)` : ''}`);
      }
      if (entry.sets.length > 8 || entry.truncated) output.out(colors.dim(`    … more (use --json for the first ${entry.sets.length})`));
    }
  } else if (!view.equilibria) {
    output.out('');
    output.out(colors.dim(`Equilibria not enumerated (${formatCount(domain.outcomeCount)} outcomes): add --equilibria to count them.`));
  }
  const statusQuo = report.statusQuo;
  if (statusQuo !== undefined) {
    output.out('');
    const from = stateName(scenario, statusQuo.from) ?? 'the status quo';
    output.out(colors.bold(`From ${from}`));
    output.out(`  ${formatCount(statusQuo.reachable)} states reachable by improvements${statusQuo.complete ? '' : ' so far (cut short)'}; ${statusQuo.equilibria.length} where nobody can improve any more${statusQuo.complete ? '' : ' found so far'}.`);
    statusQuo.equilibria.slice(0, 10).forEach((reached, index) => {
      const name = stateName(scenario, reached.outcome);
      output.out(`  ${index + 1}. ${reached.path.length === 0 ? 'it is one already' : `${reached.path.length} move${reached.path.length === 1 ? '' : 's'}`}${name === undefined ? '' : ` → ${name}`}`);
      for (const line of pathText(scenario, statusQuo.from, reached.path)) printWrapped(output, 6, line);
    });
    if (statusQuo.equilibria.length > 10) output.out(colors.dim(`  … ${statusQuo.equilibria.length - 10} more (use --json)`));
  }
}

/** A stability report as JSON: states as `{ issue: option }` choices, paths as movers and choices. */
export function stabilityJson(scenario: Scenario, report: StabilityReport, extra: { concepts: readonly StabilityConcept[]; redLines: RedLineMode; from: string | null }) {
  const { domain } = scenario;
  const step = (s: PathStep) => ({ mover: s.mover, choices: choicesOf(domain, s.state) });
  return {
    concepts: extra.concepts,
    redLines: extra.redLines,
    from: extra.from,
    exact: report.exact,
    stoppedBy: report.stoppedBy,
    guarantee: report.guarantee,
    work: report.work,
    outcomes: report.outcomes.map((judged) => ({
      name: judged.name ?? null,
      choices: judged.choices,
      feasible: judged.feasible,
      equilibrium: judged.equilibrium,
      verdicts: judged.verdicts.map((verdict) => ({
        party: verdict.party,
        concept: verdict.concept,
        stable: verdict.stable,
        improvements: verdict.improvements,
        breakingMove: verdict.breakingMove === undefined ? null : choicesOf(domain, verdict.breakingMove),
        sanctioned: verdict.sanctioned.map((entry) => ({ improvement: choicesOf(domain, entry.improvement), sanction: entry.sanction.map(step) })),
      })),
      coalitions: judged.coalitions.map((coalition) => ({
        coalition: coalition.coalition,
        improvements: coalition.improvements,
        nash: coalition.nash,
        seq: coalition.seq,
        bestImprovement: coalition.bestImprovement?.map(step) ?? null,
        breakingMove: coalition.breakingMove?.map(step) ?? null,
        sanctioned: coalition.sanctioned.map((entry) => ({ improvement: entry.improvement.map(step), member: entry.member, sanction: entry.sanction.map(step) })),
      })),
    })),
    equilibria: report.equilibria,
    statusQuo: report.statusQuo === undefined ? null : {
      from: choicesOf(domain, report.statusQuo.from),
      reachable: report.statusQuo.reachable,
      complete: report.statusQuo.complete,
      equilibria: report.statusQuo.equilibria.map((reached) => ({ choices: choicesOf(domain, reached.outcome), path: reached.path.map(step) })),
    },
  };
}
