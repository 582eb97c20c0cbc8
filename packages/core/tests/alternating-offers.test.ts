import { fileURLToPath } from 'node:url';
import { createActor } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import {
  alternatingOffersMachine,
  createScenario,
  runAlternatingOffers,
  type AlternatingOffersEvent,
  type DomainSpec,
  type PartySpec,
} from '@parley/core';
import { loadScenario } from '@parley/core/node';

const start = () => createActor(alternatingOffersMachine, { input: { order: ['a', 'b', 'c'], deadline: 2 } }).start();

describe('the alternating-offers machine', () => {
  it('lets only the party whose turn it is make an offer, and only within its red lines', () => {
    const actor = start();
    actor.send({ type: 'OFFER', party: 'b', outcome: [0], keepsRedLines: true });
    expect(actor.getSnapshot().context.offer).toBeNull();
    actor.send({ type: 'OFFER', party: 'a', outcome: [0], keepsRedLines: false });
    expect(actor.getSnapshot().context.offer).toBeNull();
    actor.send({ type: 'OFFER', party: 'a', outcome: [1], keepsRedLines: true });
    expect(actor.getSnapshot().context.offer).toEqual({ by: 'a', outcome: [1] });
  });

  it('refuses an acceptance across the responder\'s red lines, a second answer, and an answer from the proposer', () => {
    const actor = start();
    actor.send({ type: 'OFFER', party: 'a', outcome: [1], keepsRedLines: true });
    actor.send({ type: 'RESPOND', party: 'b', accept: true, keepsRedLines: false });
    expect(actor.getSnapshot().context.responses).toEqual({});
    actor.send({ type: 'RESPOND', party: 'a', accept: true, keepsRedLines: true });
    expect(actor.getSnapshot().context.responses).toEqual({});
    actor.send({ type: 'RESPOND', party: 'b', accept: false, keepsRedLines: false });
    actor.send({ type: 'RESPOND', party: 'b', accept: true, keepsRedLines: true });
    expect(actor.getSnapshot().context.responses).toEqual({ b: 'reject' });
  });

  it('agrees when every other party accepts, and moves the turn on when one rejects', () => {
    const actor = start();
    actor.send({ type: 'OFFER', party: 'a', outcome: [1], keepsRedLines: true });
    actor.send({ type: 'RESPOND', party: 'b', accept: true, keepsRedLines: true });
    actor.send({ type: 'RESPOND', party: 'c', accept: false, keepsRedLines: true });
    expect(actor.getSnapshot().context).toMatchObject({ round: 1, offer: null, responses: {} });
    actor.send({ type: 'OFFER', party: 'b', outcome: [0], keepsRedLines: true });
    actor.send({ type: 'RESPOND', party: 'a', accept: true, keepsRedLines: true });
    actor.send({ type: 'RESPOND', party: 'c', accept: true, keepsRedLines: true });
    expect(actor.getSnapshot().value).toBe('agreed');
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('expires after the deadline round, and a pass moves the turn on', () => {
    const actor = start();
    actor.send({ type: 'PASS', party: 'a' });
    actor.send({ type: 'PASS', party: 'b' });
    expect(actor.getSnapshot().value).toBe('bargaining');
    actor.send({ type: 'PASS', party: 'c' });
    expect(actor.getSnapshot().value).toBe('expired');
  });

  it('reaches every state by graph paths', () => {
    const events: AlternatingOffersEvent[] = [
      { type: 'OFFER', party: 'a', outcome: [0], keepsRedLines: true },
      { type: 'OFFER', party: 'b', outcome: [0], keepsRedLines: true },
      { type: 'RESPOND', party: 'a', accept: true, keepsRedLines: true },
      { type: 'RESPOND', party: 'b', accept: true, keepsRedLines: true },
      { type: 'RESPOND', party: 'b', accept: false, keepsRedLines: true },
      { type: 'PASS', party: 'a' },
      { type: 'PASS', party: 'b' },
      { type: 'WALK_OUT', party: 'b' },
      { type: 'DEADLINE' },
    ];
    const paths = getShortestPaths(alternatingOffersMachine, {
      input: { order: ['a', 'b'], deadline: 1 },
      events,
      serializeState: (snapshot) => JSON.stringify([snapshot.value, snapshot.context.round, snapshot.context.offer, snapshot.context.responses]),
    });
    const reached = new Set(paths.map((path) => String(path.state.value)));
    expect([...reached].sort()).toEqual(['agreed', 'bargaining', 'brokenOff', 'expired']);
  });
});

describe('runAlternatingOffers', () => {
  it('ends without agreement for the Ukraine 2025 seeds, where no outcome keeps every red line', async () => {
    const scenario = await loadScenario(fileURLToPath(new URL('../../../seeds/ukraine-2025', import.meta.url)));
    const run = runAlternatingOffers(scenario, { deadline: 4, strategies: { russia: 'boulware', ukraine: 'hardliner' } });
    expect(run.final).toEqual({ status: 'expired', round: 5, agreement: null });
    expect(run.rounds.map((round) => round.proposer)).toEqual(['russia', 'ukraine', 'united-states', 'europe', 'russia']);
    for (const round of run.rounds) {
      if (round.offer === null) continue;
      // Nobody accepts an offer that crosses its own red lines.
      expect(Object.entries(round.responses).filter(([, answer]) => answer === 'accept').map(([party]) => party)).not.toContain('ukraine');
    }
  }, 30_000);

  it('reaches agreement when the parties\' demands overlap, and conceders agree sooner than hard-liners', () => {
    const domain: DomainSpec = {
      issues: [0, 1, 2].map((index) => ({
        id: `i${index}`,
        label: `Issue ${index}`,
        ordered: true,
        options: [0, 1, 2, 3].map((option) => ({ id: `o${option}`, label: `Option ${option}` })),
      })),
    };
    const party = (id: string, rising: boolean): PartySpec => ({
      id,
      name: id,
      reservationValue: 0.3,
      redLines: [],
      preferences: {
        weights: { i0: 1, i1: 1, i2: 1 },
        values: Object.fromEntries(domain.issues.map((issue) => [issue.id, Object.fromEntries(issue.options.map((option, o) => [option.id, rising ? o / 3 : 1 - o / 3]))])),
      },
    });
    const scenario = createScenario({ id: 'split', title: 'Split the difference', domain, parties: [party('a', true), party('b', false)], plans: [] });
    const conceders = runAlternatingOffers(scenario, { deadline: 10, strategies: { a: 'conceder', b: 'conceder' } });
    const hardliners = runAlternatingOffers(scenario, { deadline: 10, strategies: { a: 'hardliner', b: 'hardliner' } });
    expect(conceders.final.status).toBe('agreed');
    expect(conceders.final.agreement).not.toBeNull();
    expect(hardliners.final.status === 'expired' || hardliners.final.round >= conceders.final.round).toBe(true);
    expect(runAlternatingOffers(scenario, { deadline: 10 })).toEqual(runAlternatingOffers(scenario, { deadline: 10 }));
  });
});
