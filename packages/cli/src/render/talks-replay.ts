import {
  compiledParty,
  explainedAssessment,
  formatUtility,
  planTextOf,
  transcriptTexts,
  viewOf,
  type Assessment,
  type PartyResponse,
  type PlanSpec,
  type Scenario,
  type ShockEffect,
  type Transcript,
  type TranscriptStep,
} from '@parley/core';
import { own, partyName, possessive, signed } from './labels.js';

/** Where a party stands at one step of the talks: the numbers shocks move, and its strategy. */
export interface Standing {
  /** Its reservation value now, as the engine recorded it after the last shock that moved it (the scenario's before any). */
  readonly reservationValue: number;
  readonly leverage: number;
  readonly strategy: string;
}

/**
 * What the renderers of a transcript need besides the transcript: the text of every version
 * and each party's standing after every step. A transcript records the reservation value and
 * threshold of every answer, and each party's reservation value and leverage after every
 * battlefield event that moved them, but not the texts (only plan ids and patches): those
 * are rebuilt here, once, from the scenario and the transcript, so the run story and the
 * report say the same thing.
 */
export interface TalksReplay {
  readonly texts: ReadonlyMap<string, PlanSpec>;
  /** Each party's standing before the first step, by party id. */
  readonly initial: ReadonlyMap<string, Standing>;
  /** Each party's standing after step `index`, by party id. */
  readonly standings: readonly ReadonlyMap<string, Standing>[];
}

/** Rebuilds the texts and standings of a transcript's talks (see {@link TalksReplay}). */
export function replayTalks(scenario: Scenario, transcript: Transcript): TalksReplay {
  // As the talks start every party (initialTalks): its own reservation value, leverage 1,
  // the set-up's strategy or linear.
  const initial = new Map<string, Standing>(
    scenario.parties.map((party) => [party.id, { reservationValue: party.reservationValue, leverage: 1, strategy: own(transcript.setup.strategies, party.id) ?? 'linear' }]),
  );
  let standing = initial;
  const standings: ReadonlyMap<string, Standing>[] = [];
  for (const step of transcript.steps) {
    if (step.accepted) {
      const event = step.event;
      if (event.type === 'BATTLEFIELD' && step.effect?.kind === 'shock') {
        // The engine's numbers after the shock (clamped as the party judges with them), not a sum made here.
        standing = new Map(standing);
        for (const moved of step.effect.moved ?? []) {
          const before = standing.get(moved.party);
          if (before !== undefined) standing.set(moved.party, { ...before, reservationValue: moved.reservationValue, leverage: moved.leverage });
        }
      } else if (event.type === 'NEGOTIATOR_CHANGE' && typeof event['party'] === 'string' && typeof event['strategy'] === 'string') {
        const before = standing.get(event['party']);
        if (before !== undefined) standing = new Map(standing).set(event['party'], { ...before, strategy: event['strategy'] });
      }
    }
    standings.push(standing);
  }
  return { texts: transcriptTexts(scenario, transcript), initial, standings };
}

/** The effects of a `BATTLEFIELD` step, as the transcript recorded its event. */
export function shockEffectsOf(step: TranscriptStep): readonly ShockEffect[] {
  const effects = step.event['effects'];
  return Array.isArray(effects) ? (effects as ShockEffect[]) : [];
}

/**
 * What a shock changed, in words: `Russia's reservation value +0.03 (0.55 → 0.58),
 * leverage +0.1 (1 → 1.1)` for a battlefield event, `Ukraine's strategy hardliner → linear`
 * for a change of negotiator; null for a step that moves no number.
 */
export function shockChanges(scenario: Scenario, replay: TalksReplay, step: TranscriptStep): string | null {
  if (!step.accepted) return null;
  const before = step.index === 0 ? replay.initial : replay.standings[step.index - 1];
  const after = replay.standings[step.index];
  const was = (party: string): Standing | undefined => before?.get(party);
  if (step.event.type === 'BATTLEFIELD') {
    const parts = shockEffectsOf(step).map((effect) => {
      const from = was(effect.party);
      const to = after?.get(effect.party);
      const moves: string[] = [];
      if (effect.reservationShift !== undefined && effect.reservationShift !== 0) {
        moves.push(`reservation value ${signed(effect.reservationShift)}${from === undefined || to === undefined ? '' : ` (${formatUtility(from.reservationValue)} → ${formatUtility(to.reservationValue)})`}`);
      }
      if (effect.leverageShift !== undefined && effect.leverageShift !== 0) {
        moves.push(`leverage ${signed(effect.leverageShift)}${from === undefined || to === undefined ? '' : ` (${short(from.leverage)} → ${short(to.leverage)})`}`);
      }
      return moves.length === 0 ? null : `${possessive(partyName(scenario, effect.party))} ${moves.join(', ')}`;
    }).filter((part): part is string => part !== null);
    return parts.length === 0 ? 'nothing moves' : parts.join('; ');
  }
  if (step.event.type === 'NEGOTIATOR_CHANGE' && typeof step.event['party'] === 'string') {
    const party = step.event['party'];
    const from = was(party)?.strategy;
    const to = after?.get(party)?.strategy;
    return `${possessive(partyName(scenario, party))} strategy ${from === to ? `stays ${to}` : `${from} → ${to}`} (its red lines do not change)`;
  }
  return null;
}

const short = (value: number) => String(Number(value.toFixed(3)));

/**
 * The party's judgement of the version it answered, made as `parley assess` makes it: at its
 * reservation value at that moment (`response.reservationValue`, as the talks recorded it),
 * not at its talks threshold. The per-point verdicts of the run story and the report come
 * from here, so that for a plan version the scenario holds, before any shock, they are
 * exactly those of `assess`; null when the text of the version cannot be rebuilt.
 */
export function judgedAtReservation(scenario: Scenario, replay: TalksReplay, response: PartyResponse): Assessment | null {
  const party = scenario.parties.find((candidate) => candidate.id === response.party);
  const text = replay.texts.get(response.version);
  if (party === undefined || text === undefined) return null;
  const compiled = compiledParty(party);
  const planText = planTextOf(scenario.domain, text);
  return explainedAssessment(compiled, scenario.domain, planText, viewOf(compiled, planText), text, response.reservationValue);
}
