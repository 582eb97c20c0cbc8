/**
 * Benchmark 8: stability analysis (the Graph Model's concepts, issue 14).
 * - 8a. The published cases (the prisoner's dilemma as a scenario and as a .gmcr file, the
 *   Elmira groundwater conflict as a .gmcr file): every concept's equilibria and the
 *   status-quo paths. Target: milliseconds (≤ 50 ms each).
 * - 8b. The Ukraine seeds (8.2 × 10^8 outcomes): every equilibrium of each of the five concepts
 *   and the status-quo paths from 2 December 2025, each part under its default budget. Target
 *   ≤ 1 s in all, every part exact.
 * - 8c. Generated conflicts of 2^16, 2^20 and 2^24 states (binary issues, four parties each
 *   moving a quarter of them, each with a red line tying one of its issues to another party's):
 *   Parley's exact Nash count beside, in the same run, the fair brute force (every state
 *   tabulated once, every party's moves from every state checked on the fly, no graph built;
 *   extrapolated past a time limit) and the explicit graph as adjacency lists (skipped, and
 *   said so, past a memory cap). What GMCR II's and gmcr-py's dense matrices would need is
 *   printed as arithmetic, not run. Target: on the largest, Parley exact and faster than the
 *   brute force.
 */
import { fileURLToPath } from 'node:url';
import { compiledParty, createDomain, createParty, keepsRedLines, stabilityAnalysis, utilityOf, type StabilityOptions } from '@parley/core';
import { loadGmcrFile, loadScenario } from '@parley/core/node';
import { formatDuration, formatRatio, heading, measure, printTable, timeOnce, verdict, type TargetRow } from './harness.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const concepts = ['nash', 'gmr', 'smr', 'seq', 'sim'] as const;
const PUBLISHED_TARGET_MS = 50;
const UKRAINE_TARGET_MS = 1000;
const BASELINE_TIME_LIMIT_MS = 20_000;
/** Past this many bytes of graph, the baselines are reported out of memory instead of tried. */
const BASELINE_MEMORY_CAP = 8 * 2 ** 30;

/** A seeded generator (mulberry32): the same conflicts on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generated(issueCount: number) {
  const next = random(issueCount);
  const issues = Array.from({ length: issueCount }, (_, i) => ({ id: `i${i}`, label: `Issue ${i}`, ordered: true, options: [{ id: 'n', label: 'no' }, { id: 'y', label: 'yes' }] }));
  const domainSpec = { issues };
  const domain = createDomain(domainSpec);
  const ids = ['a', 'b', 'c', 'd'];
  const quarter = issueCount / 4;
  const parties = ids.map((id, p) => createParty(domain, {
    id,
    name: id,
    reservationValue: 0,
    // One red line tying one of its own issues to the next party's first issue.
    redLines: [{ id: 'r', text: 'r', sources: ['S'], rule: { kind: 'if', when: { kind: 'require', issue: `i${((p + 1) % 4) * quarter}`, options: ['y'] }, then: { kind: 'require', issue: `i${p * quarter + 1}`, options: ['y'] } } }],
    preferences: {
      weights: Object.fromEntries(issues.map((issue) => [issue.id, Math.round(next() * 9) + 1])),
      values: Object.fromEntries(issues.map((issue) => [issue.id, { n: Math.round(next() * 4) / 4, y: Math.round(next() * 4) / 4 }])),
    },
  }));
  const control = { moves: issues.map((issue, i) => ({ issue: issue.id, by: [ids[Math.floor(i / quarter)]!] })) };
  return { domain, parties, control, quarter };
}

/** Every state's utility and red-line verdict per party, as both baselines start: 4 × 9 bytes a state. */
function stateTables(conflict: ReturnType<typeof generated>, issueCount: number, started: number): { utilities: Float64Array[]; keeps: Uint8Array[] } | string {
  const n = 2 ** issueCount;
  const compiled = conflict.parties.map(compiledParty);
  const utilities = compiled.map(() => new Float64Array(n));
  const keeps = compiled.map(() => new Uint8Array(n));
  const state = new Uint8Array(issueCount);
  for (let s = 0; s < n; s++) {
    for (let k = 0; k < issueCount; k++) state[k] = (s >> k) & 1;
    compiled.forEach((party, p) => {
      utilities[p]![s] = utilityOf(party, state);
      keeps[p]![s] = keepsRedLines(party, state) ? 1 : 0;
    });
    if ((s & 0xffff) === 0 && performance.now() - started > BASELINE_TIME_LIMIT_MS) return `out of time: > ${BASELINE_TIME_LIMIT_MS / 1000} s tabulating the states`;
  }
  return { utilities, keeps };
}

/**
 * The fair brute force: every state visited, and every party's unilateral moves from it
 * checked on the fly against the state tables (no graph built). Past the time limit it
 * stops and the whole run is extrapolated from the share of states it checked.
 */
function bruteForceBaseline(conflict: ReturnType<typeof generated>, issueCount: number): { text: string; ms: number; count: number | null } {
  const n = 2 ** issueCount;
  const movesPerParty = 2 ** conflict.quarter - 1;
  const started = performance.now();
  const tables = stateTables(conflict, issueCount, started);
  if (typeof tables === 'string') return { text: tables, ms: Infinity, count: null };
  const { utilities, keeps } = tables;
  let count = 0;
  for (let s = 0; s < n; s++) {
    let stable = true;
    for (let p = 0; p < 4 && stable; p++) {
      const shift = p * conflict.quarter;
      const own = utilities[p]![s]! + 1e-9;
      for (let m = 1; m <= movesPerParty; m++) {
        const t = s ^ (m << shift);
        if (keeps[p]![t] === 1 && utilities[p]![t]! > own) {
          stable = false;
          break;
        }
      }
    }
    if (stable) count++;
    if ((s & 0xffff) === 0xffff && performance.now() - started > BASELINE_TIME_LIMIT_MS) {
      const ms = ((performance.now() - started) * n) / (s + 1);
      return { text: `stopped at ${BASELINE_TIME_LIMIT_MS / 1000} s after ${(((s + 1) / n) * 100).toFixed(0)} % of the states: ~${formatDuration(ms)} extrapolated`, ms, count: null };
    }
  }
  const ms = performance.now() - started;
  return { text: formatDuration(ms), ms, count };
}

/** Nash equilibria over the explicit graph, adjacency lists (CSR), as an implementation that builds the graph would. */
function adjacencyBaseline(conflict: ReturnType<typeof generated>, issueCount: number): string {
  const n = 2 ** issueCount;
  const movesPerParty = 2 ** conflict.quarter - 1;
  const edges = n * 4 * movesPerParty;
  const bytes = edges * 4 + n * 4 * 8;
  if (bytes > BASELINE_MEMORY_CAP) return `out of memory: ${(bytes / 2 ** 30).toFixed(1)} GiB of edges (cap ${BASELINE_MEMORY_CAP / 2 ** 30} GiB), not run`;
  const started = performance.now();
  const tables = stateTables(conflict, issueCount, started);
  if (typeof tables === 'string') return tables;
  const { utilities, keeps } = tables;
  // The graph: for each party and state, every state it reaches (its issues changed in any way, ending where its red lines hold).
  const targets = new Int32Array(edges);
  const starts = new Float64Array(4 * n + 1);
  let e = 0;
  for (let p = 0; p < 4; p++) {
    const shift = p * conflict.quarter;
    for (let s = 0; s < n; s++) {
      starts[p * n + s] = e;
      for (let m = 1; m <= movesPerParty; m++) {
        const t = s ^ (m << shift);
        if (keeps[p]![t] === 1) targets[e++] = t;
      }
      if ((s & 0xffff) === 0 && performance.now() - started > BASELINE_TIME_LIMIT_MS) return `out of time: > ${BASELINE_TIME_LIMIT_MS / 1000} s building the graph`;
    }
  }
  starts[4 * n] = e;
  let count = 0;
  for (let s = 0; s < n; s++) {
    let stable = true;
    for (let p = 0; p < 4 && stable; p++) for (let k = starts[p * n + s]!; k < starts[p * n + s + 1]!; k++) if (utilities[p]![targets[k]!]! > utilities[p]![s]! + 1e-9) { stable = false; break; }
    if (stable) count++;
  }
  return `${formatDuration(performance.now() - started)}, ${(e / 1e6).toFixed(0)} M edges, ${count} equilibria`;
}

/** What dense n × n reachability matrices, one per party (as GMCR II and gmcr-py hold them), would take: arithmetic, not run. */
function denseMatrixBytes(issueCount: number): string {
  const bytes = 4 * (2 ** issueCount) ** 2;
  return bytes >= 2 ** 40 ? `${(bytes / 2 ** 40).toFixed(1)} TiB` : `${(bytes / 2 ** 30).toFixed(0)} GiB`;
}

export async function runStability(): Promise<TargetRow[]> {
  heading('8. Stability analysis: the Graph Model\'s concepts, exact, without the state graph');
  const rows: TargetRow[] = [];

  // 8a.
  const published: [string, () => ReturnType<typeof stabilityAnalysis>][] = [];
  const dilemma = await loadScenario(`${root}packages/core/tests/fixtures/prisoners-dilemma`);
  published.push(["prisoner's dilemma (scenario, 4 states)", () => stabilityAnalysis(dilemma, { equilibria: [...concepts], from: 'both-cooperate' })]);
  for (const name of ['prisoners', 'elmira']) {
    const conflict = await loadGmcrFile(`${root}packages/core/tests/fixtures/gmcr/${name}.gmcr`);
    published.push([`${name}.gmcr (${conflict.states.length} states)`, () => stabilityAnalysis(conflict.scenario, { redLines: conflict.redLines, equilibria: [...concepts], from: 'state-1' })]);
  }
  for (const [label, run] of published) {
    const timing = measure(run, { warmup: 3, runs: 15 });
    const result = timing.last;
    const met = result.exact && timing.median <= PUBLISHED_TARGET_MS;
    console.log(`8a. ${label}: all five concepts + status quo in ${formatDuration(timing.median)} (median); ${result.equilibria.map((e) => `${e.concept} ${e.count}`).join(', ')}; ${verdict(met)}`);
    rows.push({ workload: `8a. ${label}`, measured: formatDuration(timing.median), target: `≤ ${PUBLISHED_TARGET_MS} ms, exact`, baseline: '— (published equilibria in the tests)', ratio: '—', met });
  }

  // 8b.
  const ukraine = await loadScenario(`${root}seeds/ukraine-2025`);
  const sq = 'status-quo-2025-12-02';
  const parts: [string, StabilityOptions][] = [
    ['status-quo paths', { from: sq }],
    ...concepts.map((concept): [string, StabilityOptions] => [`every ${concept.toUpperCase()} equilibrium`, { equilibria: [concept] }]),
    ['coalition US+Europe at the status quo', { outcomes: [sq], concepts: ['nash'], coalitions: [['united-states', 'europe']] }],
  ];
  const table: string[][] = [];
  let total = 0;
  let allExact = true;
  for (const [label, options] of parts) {
    const { ms, value } = timeOnce(() => stabilityAnalysis(ukraine, options));
    total += ms;
    allExact &&= value.exact;
    const detail = [
      ...value.equilibria.map((e) => `${e.complete ? '' : '≥ '}${e.count.toLocaleString('en-US')} ${e.concept}`),
      ...(value.statusQuo === undefined ? [] : [`${value.statusQuo.reachable} reachable, ${value.statusQuo.equilibria.length} equilibria reached`]),
      ...value.outcomes.flatMap((o) => o.coalitions.map((c) => `coalitional Nash ${c.nash}, SEQ ${c.seq}`)),
    ].join('; ');
    table.push([label, formatDuration(ms), value.exact ? 'yes' : `NO (${value.stoppedBy})`, detail]);
  }
  console.log('\n8b. the Ukraine seeds (one run each, default budget per part):');
  printTable(['part', 'time', 'exact', 'result'], table);
  const ukraineMet = allExact && total <= UKRAINE_TARGET_MS;
  console.log(`    ${verdict(ukraineMet)}: ${formatDuration(total)} in all, ${allExact ? 'every part exact' : 'NOT every part exact'}; target ≤ ${formatDuration(UKRAINE_TARGET_MS)}, exact`);
  rows.push({ workload: '8b. Ukraine: every equilibrium + status quo', measured: `${formatDuration(total)}${allExact ? '' : ' (not exact)'}`, target: `≤ ${formatDuration(UKRAINE_TARGET_MS)}, exact`, baseline: 'explicit graph: 8.2e8 states (not built)', ratio: '—', met: ukraineMet });

  // 8c.
  console.log('\n8c. generated conflicts beside baselines over every state (one run each):');
  const generatedTable: string[][] = [];
  let largest: TargetRow | null = null;
  for (const issueCount of [16, 20, 24]) {
    const conflict = generated(issueCount);
    const input = { parties: conflict.parties, control: conflict.control };
    const nash = timeOnce(() => stabilityAnalysis(input, { equilibria: ['nash'] }));
    const equilibria = nash.value.equilibria[0]!;
    const brute = bruteForceBaseline(conflict, issueCount);
    const adjacency = adjacencyBaseline(conflict, issueCount);
    const agrees = brute.count === null || brute.count === equilibria.count;
    generatedTable.push([
      `2^${issueCount} = ${(2 ** issueCount).toLocaleString('en-US')}`,
      `${equilibria.complete ? '' : '≥ '}${equilibria.count.toLocaleString('en-US')}`,
      formatDuration(nash.ms),
      `${brute.text}${brute.count === null ? '' : `, ${brute.count} equilibria${agrees ? ' (agrees)' : ' (DIFFERS)'}`}`,
      adjacency,
      denseMatrixBytes(issueCount),
    ]);
    const ratio = brute.ms / nash.ms;
    largest = {
      workload: `8c. generated 2^${issueCount} states, Nash equilibria`,
      measured: `${formatDuration(nash.ms)}${equilibria.complete ? '' : ' (not exact)'}`,
      target: 'exact, faster than the brute force',
      baseline: `brute force ${brute.text}`,
      ratio: Number.isFinite(ratio) ? formatRatio(ratio) : '—',
      met: equilibria.complete && agrees && nash.ms < brute.ms,
    };
  }
  printTable(['states', 'Parley: Nash equilibria', 'Parley', 'brute force, moves checked on the fly', 'adjacency lists (graph built)', 'dense matrices would need (GMCR II / gmcr-py; not run)'], generatedTable);
  console.log(`    ${verdict(largest!.met)}: on the largest, Parley ${largest!.measured} against the brute force's ${largest!.baseline.replace('brute force ', '')}`);
  rows.push(largest!);
  return rows;
}
