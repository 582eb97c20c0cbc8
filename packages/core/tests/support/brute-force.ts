import {
  assessOutcome,
  choicesOf,
  createDomain,
  createParty,
  meetsThreshold,
  UTILITY_TOLERANCE,
  type ConstraintInfo,
  type ConstraintRef,
  type Domain,
  type DomainSpec,
  type Outcome,
  type Party,
  type PartySpec,
} from '@parley/core';
import { referenceHolds } from './arbitraries.js';

// A brute-force reference for the analysis engine. It enumerates every outcome of a small
// domain and judges each one with `assessOutcome` (the slow, explained path) and with the
// independent rule interpreter `referenceHolds`, never with the compiled engine. Every
// analysis (agreements, frontier, bargaining solutions, conflicts, relaxations) is then
// derived from that table by the definitions, with no pruning and no cleverness.
//
// Utilities are compared the way the library compares them (src/tolerance.ts): a utility
// meets a reservation value when u ≥ r − UTILITY_TOLERANCE, two utilities within
// UTILITY_TOLERANCE of each other are equal (same vector, no dominance, no gain), and two
// objective values tie within UTILITY_TOLERANCE × max(1, |value|).

/** Tolerance for comparing utilities: the library's own, `UTILITY_TOLERANCE` (1e-9). */
export const TOLERANCE = UTILITY_TOLERANCE;

/** Whether two objective values tie: within `TOLERANCE` × max(1, |value|), as the engine compares them. */
export function tiesWith(value: number, best: number): boolean {
  return Math.abs(value - best) <= TOLERANCE * Math.max(1, Math.abs(best));
}

/** Whether `utility` is a gain over `reservation`: above it by more than the tolerance (within it, they are equal). */
export function gains(utility: number, reservation: number): boolean {
  return utility - reservation > TOLERANCE;
}

/** One constraint of the reference: a red line of a party, or a party's reservation value. */
export interface ReferenceConstraint {
  readonly key: string;
  readonly ref: ConstraintRef;
  readonly party: number;
}

/** Everything brute force knows about a set of parties over a small domain. */
export interface BruteCase {
  readonly domainSpec: DomainSpec;
  readonly domain: Domain;
  readonly specs: readonly PartySpec[];
  readonly parties: readonly Party[];
  /** Every outcome of the domain, in odometer order (first issue fastest). */
  readonly outcomes: readonly Outcome[];
  /** `utilities[o][p]`: `assessOutcome(parties[p], outcomes[o]).utility`, as reported (unrounded). */
  readonly utilities: readonly (readonly number[])[];
  /** `accepts[o][p]`: `assessOutcome(parties[p], outcomes[o]).accepts`. */
  readonly accepts: readonly (readonly boolean[])[];
  /** Every red line of every party, then every party's reservation value. */
  readonly constraints: readonly ReferenceConstraint[];
  /** `holds[o][c]`: whether outcome `o` meets constraint `c` (red line by `referenceHolds`, reservation by `meetsThreshold(u, r)`). */
  readonly holds: readonly (readonly boolean[])[];
  /** Indexes of the outcomes every party accepts. */
  readonly agreements: readonly number[];
  readonly reservations: readonly number[];
}

export function refKey(ref: ConstraintRef): string {
  return ref.kind === 'red-line' ? `${ref.party}/red-line/${ref.redLine}` : `${ref.party}/reservation`;
}

export function outcomeKey(outcome: Outcome): string {
  return Array.from(outcome).join(',');
}

/** Every outcome of `domain`, first issue fastest. */
export function allOutcomes(domain: Domain): Outcome[] {
  const sizes = domain.issues.map((issue) => issue.options.length);
  const total = sizes.reduce((product, size) => product * size, 1);
  const outcomes: Outcome[] = [];
  for (let n = 0; n < total; n++) {
    const outcome = new Uint8Array(sizes.length);
    let rest = n;
    sizes.forEach((size, issue) => {
      outcome[issue] = rest % size;
      rest = Math.floor(rest / size);
    });
    outcomes.push(outcome);
  }
  return outcomes;
}

/** Builds the domain and parties from their specs and tabulates every outcome. */
export function bruteForce(domainSpec: DomainSpec, specs: readonly PartySpec[]): BruteCase {
  const domain = createDomain(domainSpec);
  const parties = specs.map((spec) => createParty(domain, spec));
  return tabulate(domainSpec, domain, specs, parties);
}

/** Tabulates every outcome for parties already built. */
export function tabulate(domainSpec: DomainSpec, domain: Domain, specs: readonly PartySpec[], parties: readonly Party[]): BruteCase {
  const outcomes = allOutcomes(domain);
  const constraints: ReferenceConstraint[] = [];
  specs.forEach((spec, p) => {
    for (const redLine of spec.redLines) constraints.push(constraint({ party: spec.id, kind: 'red-line', redLine: redLine.id }, p));
  });
  specs.forEach((spec, p) => constraints.push(constraint({ party: spec.id, kind: 'reservation' }, p)));
  const reservations = specs.map((spec) => spec.reservationValue);
  const utilities: number[][] = [];
  const accepts: boolean[][] = [];
  const holds: boolean[][] = [];
  for (const outcome of outcomes) {
    const assessments = parties.map((party) => assessOutcome(party, outcome));
    const u = assessments.map((assessment) => assessment.utility);
    utilities.push(u);
    accepts.push(assessments.map((assessment) => assessment.accepts));
    const choices = choicesOf(domain, outcome);
    holds.push(
      constraints.map(({ ref, party }) => {
        if (ref.kind === 'reservation') return meetsThreshold(u[party]!, reservations[party]!);
        const redLine = specs[party]!.redLines.find((line) => line.id === ref.redLine)!;
        return referenceHolds(redLine.rule, domainSpec, choices);
      }),
    );
  }
  const agreements = outcomes.map((_, o) => o).filter((o) => accepts[o]!.every(Boolean));
  return {
    domainSpec,
    domain,
    specs,
    parties,
    outcomes,
    utilities,
    accepts,
    constraints,
    holds,
    agreements,
    reservations,
  };
}

function constraint(ref: ConstraintRef, party: number): ReferenceConstraint {
  return { key: refKey(ref), ref, party };
}

/** The index of a constraint of the reference, by the engine's description of it. */
export function constraintOf(bf: BruteCase, info: ConstraintInfo | ConstraintRef): number {
  const ref = 'ref' in info ? info.ref : info;
  const index = bf.constraints.findIndex((c) => c.key === refKey(ref));
  if (index < 0) throw new Error(`the reference has no constraint ${refKey(ref)}`);
  return index;
}

/** The outcomes that meet every constraint in `constraints` (indexes into `bf.constraints`). */
export function outcomesMeeting(bf: BruteCase, constraints: readonly number[]): number[] {
  return bf.outcomes.map((_, o) => o).filter((o) => constraints.every((c) => bf.holds[o]![c]!));
}

/** Whether some outcome meets every constraint in `constraints`. */
export function satisfiable(bf: BruteCase, constraints: readonly number[]): boolean {
  return bf.outcomes.some((_, o) => constraints.every((c) => bf.holds[o]![c]!));
}

/** Whether `a` Pareto-dominates `b`: at least as good for all, better for one (beyond tolerance). */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let p = 0; p < a.length; p++) {
    if (a[p]! < b[p]! - TOLERANCE) return false;
    if (a[p]! > b[p]! + TOLERANCE) better = true;
  }
  return better;
}

export function sameVector(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, p) => Math.abs(value - b[p]!) <= TOLERANCE);
}

/** A point of the reference frontier: a distinct utility vector (within tolerance) and the outcomes reaching it. */
export interface ReferencePoint {
  readonly utilities: readonly number[];
  readonly outcomes: readonly number[];
}

/** Groups outcomes by utility vector (within tolerance). */
export function distinctVectors(bf: BruteCase, outcomes: readonly number[]): ReferencePoint[] {
  const points: { utilities: readonly number[]; outcomes: number[] }[] = [];
  for (const o of outcomes) {
    const u = bf.utilities[o]!;
    const found = points.find((point) => sameVector(point.utilities, u));
    if (found === undefined) points.push({ utilities: u, outcomes: [o] });
    else found.outcomes.push(o);
  }
  return points;
}

/** The Pareto frontier of `outcomes`: the distinct vectors no other vector of the set dominates. */
export function frontierOf(bf: BruteCase, outcomes: readonly number[]): ReferencePoint[] {
  const points = distinctVectors(bf, outcomes);
  return points.filter((point) => !points.some((other) => dominates(other.utilities, point.utilities)));
}

/** A best value over candidates and the vectors that reach it. */
export interface ReferenceOptimum {
  readonly value: number;
  /** Every distinct vector (over the candidates) whose value ties with the optimum (see {@link tiesWith}). */
  readonly optimal: readonly ReferencePoint[];
}

/** Maximises `objective` over the distinct vectors of `candidates`; null when there is none. */
export function optimum(bf: BruteCase, candidates: readonly number[], objective: (u: readonly number[]) => number): ReferenceOptimum | null {
  const points = distinctVectors(bf, candidates);
  if (points.length === 0) return null;
  const values = points.map((point) => objective(point.utilities));
  const value = Math.max(...values);
  return { value, optimal: points.filter((_, k) => tiesWith(values[k]!, value)) };
}

/** Nash: max Π(u_i − r_i) over agreements where every party gains (u_i > r_i beyond the tolerance). */
export function referenceNash(bf: BruteCase): ReferenceOptimum | null {
  const r = bf.reservations;
  const candidates = bf.agreements.filter((o) => bf.utilities[o]!.every((u, p) => gains(u, r[p]!)));
  return optimum(bf, candidates, (u) => u.reduce((product, value, p) => product * (value - r[p]!), 1));
}

/** Maximum welfare: max Σ u_i over agreements. */
export function referenceWelfare(bf: BruteCase): ReferenceOptimum | null {
  return optimum(bf, bf.agreements, (u) => u.reduce((sum, value) => sum + value, 0));
}

/** The ideal point: each party's best utility over the agreements (null when there are none). */
export function idealPoint(bf: BruteCase): number[] | null {
  if (bf.agreements.length === 0) return null;
  return bf.parties.map((_, p) => Math.max(...bf.agreements.map((o) => bf.utilities[o]![p]!)));
}

/**
 * Kalai–Smorodinsky: max over agreements of min_i (u_i − r_i) / (ideal_i − r_i). No
 * candidate when there is no agreement or some party's ideal does not exceed its reservation
 * (beyond the tolerance: an ideal within it of the reservation value is no gain).
 */
export function referenceKalaiSmorodinsky(bf: BruteCase): (ReferenceOptimum & { readonly ideal: readonly number[] }) | null {
  const ideal = idealPoint(bf);
  const r = bf.reservations;
  if (ideal === null || ideal.some((value, p) => !gains(value, r[p]!))) return null;
  const found = optimum(bf, bf.agreements, (u) => Math.min(...u.map((value, p) => (value - r[p]!) / (ideal[p]! - r[p]!))));
  return found === null ? null : { ...found, ideal };
}

/** All subsets of `items` of exactly `size` elements. */
export function subsetsOfSize<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  const out: T[][] = [];
  items.forEach((item, k) => {
    for (const rest of subsetsOfSize(items.slice(k + 1), size - 1)) out.push([item, ...rest]);
  });
  return out;
}
