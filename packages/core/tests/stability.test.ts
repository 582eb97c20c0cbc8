import { fileURLToPath } from 'node:url';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  createDomain,
  createParty,
  keepsRedLines,
  compiledParty,
  createScenario,
  stabilityAnalysis,
  utilityOf,
  ScenarioError,
  type ControlSpec,
  type DomainSpec,
  type MoveSpec,
  type Party,
  type PartySpec,
  type RedLineMode,
  type StabilityConcept,
} from '@parley/core';
import { loadScenario } from '@parley/core/node';
import { domainArbitrary, ruleArbitrary } from './support/arbitraries.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const TOL = 1e-9;

describe("the prisoner's dilemma (Fang, Hipel and Kilgour 1993)", () => {
  it('has mutual defection as its only Nash equilibrium, and mutual cooperation stable under GMR, SMR, SEQ and SIM', async () => {
    const scenario = await loadScenario(fixture('prisoners-dilemma'));
    const report = stabilityAnalysis(scenario, { equilibria: ['nash', 'gmr', 'smr', 'seq', 'sim'] });
    const listed = (concept: StabilityConcept) =>
      report.equilibria.find((entry) => entry.concept === concept)!.sets.map((set) => `${set.choices['a.defects']}/${set.choices['b.defects']}`).sort();
    expect(report.exact).toBe(true);
    expect(listed('nash')).toEqual(['yes/yes']);
    for (const concept of ['gmr', 'smr', 'seq', 'sim'] as const) expect(listed(concept)).toEqual(['no/no', 'yes/yes']);
  });

  it('gives the sanction that deters a defection from mutual cooperation: the other defects too', async () => {
    const scenario = await loadScenario(fixture('prisoners-dilemma'));
    const report = stabilityAnalysis(scenario, { outcomes: ['both-cooperate'], concepts: ['nash', 'seq'] });
    const seqForA = report.outcomes[0]!.verdicts.find((verdict) => verdict.concept === 'seq' && verdict.party === 'a')!;
    expect(seqForA.stable).toBe(true);
    expect(seqForA.sanctioned[0]!.sanction.map((step) => step.mover)).toEqual(['b']);
    expect([...seqForA.sanctioned[0]!.sanction[0]!.state]).toEqual([1, 1]);
    const nashForA = report.outcomes[0]!.verdicts.find((verdict) => verdict.concept === 'nash' && verdict.party === 'a')!;
    expect([...nashForA.breakingMove!]).toEqual([1, 0]);
  });

  it('follows the improvements from mutual cooperation to mutual defection', async () => {
    const scenario = await loadScenario(fixture('prisoners-dilemma'));
    const { statusQuo } = stabilityAnalysis(scenario, { from: 'both-cooperate' });
    expect(statusQuo!.equilibria.map((entry) => [...entry.outcome])).toEqual([[1, 1]]);
    expect(statusQuo!.equilibria[0]!.path).toHaveLength(2);
  });
});

describe('the control file', () => {
  it('names the file, the path and the likely intended party, issue and option', async () => {
    const scenario = await loadScenario(fixture('prisoners-dilemma'));
    const spec = { id: 'x', title: 'x', domain: scenario.domain.toJSON(), parties: scenario.parties.map(({ ...party }) => party as PartySpec), plans: [] };
    const bad: ControlSpec = { moves: [{ issue: 'a.defect', by: ['a'] }, { issue: 'b.defects', by: ['bb'], to: ['yess'] }, { issue: 'b.defects', by: ['b'], direction: 'up', from: ['no'] }] };
    let error: unknown;
    try {
      createScenario({ ...spec, control: bad });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const problems = (error as ScenarioError).problems;
    expect(problems.map((problem) => [problem.path, problem.suggestion])).toEqual([
      ['control.moves[0].issue', 'a.defects'],
      ['control.moves[1].by[0]', 'b'],
      ['control.moves[1].to[0]', 'yes'],
    ]);
  });

  it('loads the Ukraine seeds with a control entry for every issue but none unknown, and the status quo', async () => {
    const scenario = await loadScenario('seeds/ukraine-2025');
    const issues = new Set(scenario.control!.moves.map((move) => move.issue));
    expect(issues.size).toBe(scenario.domain.issues.length);
    expect(scenario.control!.moves.every((move) => (move.sources ?? []).length > 0)).toBe(true);
    const report = stabilityAnalysis(scenario, { outcomes: ['status-quo-2025-12-02'], concepts: ['nash'] });
    expect(report.exact).toBe(true);
    // Under "never moves into its own red lines", Russia cannot move while Ukraine holds Donetsk.
    expect(report.outcomes[0]!.verdicts.find((verdict) => verdict.party === 'russia')!.improvements).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------
// The brute-force reference: the explicit state graph of a small conflict, each concept
// written straight from its definition (Fang, Hipel and Kilgour 1993; Inohara and Hipel 2008).

interface Conflict {
  readonly domain: DomainSpec;
  readonly parties: readonly Party[];
  readonly control: ControlSpec;
}

const grid = fc.constantFrom(0, 0.25, 0.5, 1);

function conflictArbitrary(): fc.Arbitrary<Conflict> {
  return domainArbitrary
    .filter((domain) => domain.issues.length >= 2 && domain.issues.length <= 4 && domain.issues.reduce((n, issue) => n * issue.options.length, 1) <= 64)
    .chain((domain) =>
      fc.integer({ min: 2, max: 4 }).chain((partyCount) => {
        const ids = Array.from({ length: partyCount }, (_, k) => `p${k}`);
        const party = (id: string) =>
          fc.record({
            redLines: fc.array(ruleArbitrary(domain), { maxLength: 2 }),
            weights: fc.tuple(...domain.issues.map(() => fc.integer({ min: 0, max: 3 }))).filter((weights) => weights.some((w) => w > 0)),
            values: fc.tuple(...domain.issues.map((issue) => fc.tuple(...issue.options.map(() => grid)))),
            interaction: fc.option(fc.record({ when: ruleArbitrary(domain), delta: fc.constantFrom(-0.25, 0.25) }), { nil: undefined }),
          }).map((drawn): PartySpec => ({
            id,
            name: id,
            reservationValue: 0,
            redLines: drawn.redLines.map((rule, index) => ({ id: `r${index}`, text: 'r', sources: ['S'], rule })),
            preferences: {
              weights: Object.fromEntries(domain.issues.map((issue, i) => [issue.id, drawn.weights[i]!])),
              values: Object.fromEntries(domain.issues.map((issue, i) => [issue.id, Object.fromEntries(issue.options.map((option, o) => [option.id, drawn.values[i]![o]!]))])),
              ...(drawn.interaction === undefined ? {} : { interactions: [{ id: 'x', text: 'x', sources: ['S'], ...drawn.interaction }] }),
            },
          }));
        const move = fc.record({
          issue: fc.constantFrom(...domain.issues.map((issue) => issue.id)),
          by: fc.subarray(ids, { minLength: 1, maxLength: 2 }),
          jointly: fc.boolean(),
          direction: fc.constantFrom(undefined, 'up', 'down'),
          fromFirst: fc.boolean(),
        }).map(({ issue, by, jointly, direction, fromFirst }): MoveSpec => {
          const options = domain.issues.find((candidate) => candidate.id === issue)!.options.map((option) => option.id);
          return { issue, by, ...(jointly ? { jointly } : {}), ...(direction === undefined ? {} : { direction: direction as 'up' | 'down' }), ...(fromFirst ? { from: options.slice(0, -1) } : {}) };
        });
        return fc.record({
          parties: fc.tuple(...ids.map(party)),
          moves: fc.array(move, { minLength: 1, maxLength: 6 }),
        }).map(({ parties, moves }) => {
          const built = createDomain(domain);
          return { domain, parties: parties.map((spec) => createParty(built, spec)), control: { moves } };
        });
      }),
    );
}

function states(domain: DomainSpec): number[][] {
  let out: number[][] = [[]];
  for (const issue of domain.issues) out = out.flatMap((prefix) => issue.options.map((_, o) => [...prefix, o]));
  return out;
}

/** Whether party `p` alone may change issue `k` from `a` to `b`, read straight off the spec. */
function mayChange(conflict: Conflict, p: number, k: number, a: number, b: number): boolean {
  const issue = conflict.domain.issues[k]!;
  return conflict.control.moves.some((move) => {
    if (move.issue !== issue.id || !move.by.includes(`p${p}`)) return false;
    if (move.jointly === true && move.by.length > 1) return false;
    if (move.from !== undefined && !move.from.includes(issue.options[a]!.id)) return false;
    if (move.to !== undefined && !move.to.includes(issue.options[b]!.id)) return false;
    if (move.direction === 'up' && b < a) return false;
    if (move.direction === 'down' && b > a) return false;
    return true;
  });
}

/** One who moves in the reference: its parties (judged for red lines) and which option changes it may make. */
interface ReferenceMover {
  readonly parties: readonly number[];
  readonly may: (k: number, a: number, b: number) => boolean;
}

/** The explicit state space of a conflict under a red-line mode, and the one-move reach of a mover over it. */
function explicitGraph(conflict: Conflict, mode: RedLineMode) {
  const key = (s: readonly number[]) => s.join(',');
  const compiled = conflict.parties.map(compiledParty);
  const u = (p: number, s: readonly number[]) => utilityOf(compiled[p]!, s);
  const feasible = (s: readonly number[]) => mode !== 'infeasible' || compiled.every((party) => keepsRedLines(party, s));
  const space = states(conflict.domain).filter(feasible);
  const reachBy = (mover: ReferenceMover, s: readonly number[]) =>
    space.filter((t) => {
      if (key(t) === key(s)) return false;
      for (let k = 0; k < s.length; k++) if (t[k] !== s[k] && !mover.may(k, s[k]!, t[k]!)) return false;
      return mode !== 'never-move-to' || mover.parties.every((p) => keepsRedLines(compiled[p]!, t));
    });
  const alone = (p: number): ReferenceMover => ({ parties: [p], may: (k, a, b) => mayChange(conflict, p, k, a, b) });
  return { key, u, feasible, space, reachBy, alone };
}

function reference(conflict: Conflict, mode: RedLineMode) {
  const { key, u, feasible, space, reachBy, alone } = explicitGraph(conflict, mode);
  const R = (p: number, s: readonly number[]) => reachBy(alone(p), s);
  const Rplus = (p: number, s: readonly number[]) => R(p, s).filter((t) => u(p, t) > u(p, s) + TOL);
  const others = (i: number) => conflict.parties.map((_, p) => p).filter((p) => p !== i);
  const reachOthers = (i: number, s1: readonly number[], improving: boolean) => {
    const found = new Map<string, number[]>();
    const seen = new Set<string>();
    let frontier: { s: readonly number[]; last: number }[] = [{ s: s1, last: -1 }];
    while (frontier.length > 0) {
      const next: typeof frontier = [];
      for (const { s, last } of frontier) {
        for (const j of others(i)) {
          if (j === last) continue;
          for (const t of improving ? Rplus(j, s) : R(j, s)) {
            const k = `${key(t)}|${j}`;
            if (seen.has(k)) continue;
            seen.add(k);
            found.set(key(t), t);
            next.push({ s: t, last: j });
          }
        }
      }
      frontier = next;
    }
    return [...found.values()];
  };
  const stable = (concept: StabilityConcept, i: number, s: readonly number[]): boolean => {
    const base = u(i, s);
    const improvements = Rplus(i, s);
    switch (concept) {
      case 'nash':
        return improvements.length === 0;
      case 'gmr':
        return improvements.every((s1) => reachOthers(i, s1, false).some((s2) => u(i, s2) <= base + TOL));
      case 'smr':
        return improvements.every((s1) => reachOthers(i, s1, false).some((s2) => u(i, s2) <= base + TOL && R(i, s2).every((s3) => u(i, s3) <= base + TOL)));
      case 'seq':
        return improvements.every((s1) => reachOthers(i, s1, true).some((s2) => u(i, s2) <= base + TOL));
      case 'sim':
        return improvements.every((s1) =>
          others(i).some((j) =>
            Rplus(j, s).some((s2) => {
              const joint = s.map((value, k) => (s1[k] !== value ? s1[k]! : s2[k]!));
              if (s.some((value, k) => s1[k] !== value && s2[k] !== value && s1[k] !== s2[k])) return false;
              return feasible(joint) && u(i, joint) <= base + TOL;
            }),
          ),
        );
    }
  };
  return { space, stable };
}

describe('every concept agrees with the explicit state graph on small generated conflicts', () => {
  test.prop([conflictArbitrary(), fc.constantFrom<RedLineMode>('never-move-to', 'infeasible', 'ignore')], { numRuns: 60 })(
    'per party and state, and the equilibria',
    (conflict, mode) => {
      const { space, stable } = reference(conflict, mode);
      const concepts: StabilityConcept[] = ['nash', 'gmr', 'smr', 'seq', 'sim'];
      const report = stabilityAnalysis(conflict, { outcomes: space.map((s) => Uint8Array.from(s)), redLines: mode, equilibria: concepts, listLimit: 1000, budget: Infinity });
      expect(report.exact).toBe(true);
      report.outcomes.forEach((judged, index) => {
        for (const verdict of judged.verdicts) {
          const p = Number(verdict.party.slice(1));
          expect({ state: space[index], party: verdict.party, concept: verdict.concept, stable: verdict.stable }).toEqual({
            state: space[index],
            party: verdict.party,
            concept: verdict.concept,
            stable: stable(verdict.concept, p, space[index]!),
          });
        }
      });
      for (const concept of concepts) {
        const expected = space.filter((s) => conflict.parties.every((_, p) => stable(concept, p, s))).length;
        expect({ concept, count: report.equilibria.find((entry) => entry.concept === concept)!.count }).toEqual({ concept, count: expected });
      }
    },
    30_000,
  );
});

describe('the Nash equilibria, counted by variable elimination over the parties\' tables', () => {
  test.prop([conflictArbitrary(), fc.constantFrom<RedLineMode>('never-move-to', 'infeasible', 'ignore')], { numRuns: 40 })(
    'lists exactly the states the explicit state graph finds',
    (conflict, mode) => {
      const { space, stable } = reference(conflict, mode);
      const expected = space.filter((s) => conflict.parties.every((_, p) => stable('nash', p, s))).map((s) => s.join(',')).sort();
      const report = stabilityAnalysis(conflict, { redLines: mode, equilibria: ['nash'], listLimit: 10_000, budget: Infinity });
      const domain = createDomain(conflict.domain);
      const listed = report.equilibria[0]!.sets.flatMap((set) => {
        let states: number[][] = [[]];
        for (const issue of domain.issues) {
          const fixed = set.choices[issue.id];
          const options = fixed === undefined ? issue.options.map((_, o) => o) : [issue.options.findIndex((option) => option.id === fixed)];
          states = states.flatMap((prefix) => options.map((o) => [...prefix, o]));
        }
        return states.map((s) => s.join(','));
      }).sort();
      expect(listed).toEqual(expected);
      expect(report.equilibria[0]!.count).toBe(expected.length);
    },
    30_000,
  );
});

describe('the Nash equilibria of the Ukraine seeds', () => {
  it('are counted exactly, and each one listed is stable for every party', async () => {
    const scenario = await loadScenario('seeds/ukraine-2025');
    const report = stabilityAnalysis(scenario, { equilibria: ['nash'], listLimit: 5 });
    const nash = report.equilibria[0]!;
    expect(report.exact).toBe(true);
    expect(nash.complete).toBe(true);
    expect(nash.count).toBe(232_502_400);
    expect(nash.sets).toHaveLength(5);
    const outcomes = nash.sets.map((set) => Object.fromEntries(scenario.domain.issues.map((issue) => [issue.id, set.choices[issue.id] ?? issue.options[0]!.id])));
    const judged = stabilityAnalysis(scenario, { outcomes, concepts: ['nash'] });
    expect(judged.outcomes.map((outcome) => outcome.equilibrium.nash)).toEqual([true, true, true, true, true]);
  }, 60_000);
});

describe('a sanction-based equilibrium search cut short', () => {
  it('counts at least the Nash equilibria, which are equilibria of every concept', async () => {
    const scenario = await loadScenario('seeds/ukraine-2025');
    const report = stabilityAnalysis(scenario, { equilibria: ['seq'], budget: 200_000 });
    const seq = report.equilibria[0]!;
    expect(seq.complete).toBe(false);
    expect(seq.lowerBound).toBe('nash');
    expect(seq.count).toBe(232_502_400);
  }, 60_000);
});

// ---------------------------------------------------------------------------------------
// Coalitions against the explicit state graph (Inohara and Hipel 2008): the coalition's
// reachable states by legal sequences of its members' moves and of the joint moves its
// members control, its improvements, coalitional Nash and SEQ.

function coalitionReference(conflict: Conflict, mode: RedLineMode, members: readonly number[]) {
  const { key, u, space, reachBy, alone } = explicitGraph(conflict, mode);
  const issues = conflict.domain.issues;
  /** Movers: each member alone, and each group of members holding joint moves; `may(k, a, b)` reads the spec. */
  const groups = [...new Set(conflict.control.moves.filter((move) => move.jointly === true && move.by.length > 1).map((move) => [...new Set(move.by)].map((id) => Number(id.slice(1))).sort((a, b) => a - b).join('+')))]
    .map((text) => text.split('+').map(Number))
    .filter((group) => group.length > 1 && group.every((p) => members.includes(p)));
  const jointMay = (group: readonly number[], k: number, a: number, b: number) =>
    conflict.control.moves.some((move) => {
      if (move.issue !== issues[k]!.id || move.jointly !== true) return false;
      const by = [...new Set(move.by)].map((id) => Number(id.slice(1))).sort((x, y) => x - y);
      if (by.length < 2 || by.join('+') !== group.join('+')) return false;
      if (move.from !== undefined && !move.from.includes(issues[k]!.options[a]!.id)) return false;
      if (move.to !== undefined && !move.to.includes(issues[k]!.options[b]!.id)) return false;
      if (move.direction === 'up' && b < a) return false;
      if (move.direction === 'down' && b > a) return false;
      return true;
    });
  const movers: ReferenceMover[] = [...members.map(alone), ...groups.map((group) => ({ parties: group, may: (k: number, a: number, b: number) => jointMay(group, k, a, b) }))];
  const outside = conflict.parties.map((_, p) => p).filter((p) => !members.includes(p));
  const reached = new Map<string, number[]>();
  const seen = new Set<string>();
  let frontier: { s: readonly number[]; last: number }[] = [];
  const start = (s: readonly number[]) => {
    reached.clear();
    seen.clear();
    frontier = [{ s, last: -1 }];
    while (frontier.length > 0) {
      const next: typeof frontier = [];
      for (const { s: at, last } of frontier) {
        movers.forEach((mover, m) => {
          if (m === last) return;
          for (const t of reachBy(mover, at)) {
            if (seen.has(`${key(t)}|${m}`)) continue;
            seen.add(`${key(t)}|${m}`);
            if (key(t) !== key(s)) reached.set(key(t), t);
            next.push({ s: t, last: m });
          }
        });
      }
      frontier = next;
    }
    return [...reached.values()];
  };
  const improvingByOutside = (s1: readonly number[]) => {
    const found: number[][] = [];
    const visited = new Set<string>();
    let layer: { s: readonly number[]; last: number }[] = [{ s: s1, last: -1 }];
    while (layer.length > 0) {
      const next: typeof layer = [];
      for (const { s, last } of layer) {
        for (const j of outside) {
          if (j === last) continue;
          for (const t of reachBy(alone(j), s).filter((t) => u(j, t) > u(j, s) + TOL)) {
            if (visited.has(`${key(t)}|${j}`)) continue;
            visited.add(`${key(t)}|${j}`);
            found.push(t);
            next.push({ s: t, last: j });
          }
        }
      }
      layer = next;
    }
    return found;
  };
  return {
    space,
    verdict(s: readonly number[]) {
      const improvements = start(s).filter((t) => members.every((p) => u(p, t) > u(p, s) + TOL));
      const seq = improvements.every((s1) => improvingByOutside(s1).some((s2) => members.some((p) => u(p, s2) <= u(p, s) + TOL)));
      return { improvements: improvements.length, nash: improvements.length === 0, seq };
    },
  };
}

describe('coalitions agree with the explicit state graph on small generated conflicts', () => {
  test.prop([conflictArbitrary(), fc.constantFrom<RedLineMode>('never-move-to', 'infeasible', 'ignore'), fc.integer({ min: 0, max: 2 })], { numRuns: 40 })(
    'improvements, coalitional Nash and coalitional SEQ per state',
    (conflict, mode, pick) => {
      const members = pick === 2 && conflict.parties.length >= 3 ? [0, 1, 2] : pick === 1 && conflict.parties.length >= 3 ? [1, 2] : [0, 1];
      const { space, verdict } = coalitionReference(conflict, mode, members);
      const report = stabilityAnalysis(conflict, { outcomes: space.map((s) => Uint8Array.from(s)), concepts: ['nash'], redLines: mode, coalitions: [members.map((p) => `p${p}`)], budget: Infinity });
      expect(report.exact).toBe(true);
      report.outcomes.forEach((judged, index) => {
        const coalition = judged.coalitions[0]!;
        expect({ state: space[index], improvements: coalition.improvements, nash: coalition.nash, seq: coalition.seq }).toEqual({ state: space[index], ...verdict(space[index]!) });
      });
    },
    60_000,
  );
});

describe('the coalition of the United States and Europe at the Ukraine status quo', () => {
  it('is decided within the default budget: they have improvements together that nobody outside deters', async () => {
    const scenario = await loadScenario('seeds/ukraine-2025');
    const report = stabilityAnalysis(scenario, { outcomes: ['status-quo-2025-12-02'], concepts: ['nash'], coalitions: [['united-states', 'europe']] });
    const coalition = report.outcomes[0]!.coalitions[0]!;
    expect(report.exact).toBe(true);
    expect(coalition.nash).toBe(false);
    expect(coalition.seq).toBe(false);
    expect(coalition.improvements).toBe(1754);
  }, 60_000);
});
