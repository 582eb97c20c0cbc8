import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { ParleyError, type TalksStatus } from '@parley/core';
import {
  addTallies,
  emptyTally,
  mergeShards,
  parseShard,
  parseShardSpec,
  serializeShard,
  shardRange,
  summarizeExploration,
  talksStatuses,
  wilsonInterval,
  type ExploreMeta,
  type ExploreTally,
  type RunOutcome,
  type ShardFile,
  type TallyShape,
} from '@parley/core';
import { fnv1a64, TallyBuilder } from '@parley/core/internal';

// Tallies of disjoint ranges of runs must add up to the tally of the whole, however the
// runs are split (worker threads, shards on different machines); shard files must refuse
// any damage; merging must refuse shards that do not belong together.

// ---------------------------------------------------------------------------------------
// Arbitraries

const shapeArb: fc.Arbitrary<TallyShape> = fc.record({
  plans: fc.integer({ min: 0, max: 3 }),
  parties: fc.integer({ min: 0, max: 3 }),
  assumptions: fc.integer({ min: 0, max: 3 }),
});

const countArb = fc.integer({ min: 0, max: 1_000_000 });
const magnitudeArb = fc.double({ min: 0, max: 10, noNaN: true, noDefaultInfinity: true });

function tallyArb(shape: TallyShape): fc.Arbitrary<ExploreTally> {
  return fc.record({
    runs: countArb,
    simulations: countArb,
    accepted: fc.array(fc.array(countArb, { minLength: shape.parties, maxLength: shape.parties }), { minLength: shape.plans, maxLength: shape.plans }),
    acceptedByAll: fc.array(countArb, { minLength: shape.plans, maxLength: shape.plans }),
    endings: fc.record(Object.fromEntries(talksStatuses.map((s) => [s, countArb])) as Record<TalksStatus, fc.Arbitrary<number>>),
    flips: fc.array(countArb, { minLength: shape.assumptions, maxLength: shape.assumptions }),
    smallestFlip: fc.array(fc.option(magnitudeArb, { nil: null }), { minLength: shape.assumptions, maxLength: shape.assumptions }),
  });
}

/** Everything one run reports to a builder. */
interface RunRecord {
  readonly outcome: RunOutcome;
  /** Per assumption: whether it flipped the verdict and by how much it was changed. */
  readonly sensitivity: readonly (readonly [boolean, number | null])[];
  readonly simulations: number;
}

function runArb(shape: TallyShape, talks: boolean): fc.Arbitrary<RunRecord> {
  return fc.record({
    outcome: fc.record({
      accepted: fc.array(fc.array(fc.boolean(), { minLength: shape.parties, maxLength: shape.parties }), { minLength: shape.plans, maxLength: shape.plans }),
      ending: talks ? fc.constantFrom(...talksStatuses) : fc.constant(null),
    }),
    sensitivity: fc.array(fc.tuple(fc.boolean(), fc.option(magnitudeArb, { nil: null })), { minLength: shape.assumptions, maxLength: shape.assumptions }),
    simulations: fc.integer({ min: 0, max: 5 }),
  });
}

function count(builder: TallyBuilder, run: RunRecord): void {
  builder.countRun(run.outcome);
  run.sensitivity.forEach(([flipped, magnitude], a) => builder.countSensitivity(a, flipped, magnitude));
  builder.countSimulations(run.simulations);
}

function tallyOf(shape: TallyShape, runs: readonly RunRecord[]): ExploreTally {
  const builder = new TallyBuilder(shape);
  for (const run of runs) count(builder, run);
  return builder.toTally();
}

function metaFor(shape: TallyShape, runs: number, talks: boolean, overrides: Partial<ExploreMeta> = {}): ExploreMeta {
  return {
    scenario: 'ukraine-2025',
    seed: 7,
    runs,
    rounds: 12,
    talks,
    sensitivity: true,
    fingerprint: 'f00dfeed',
    plans: Array.from({ length: shape.plans }, (_, i) => ({ id: `plan-${i}`, title: `Plan ${i} “draft”` })),
    parties: Array.from({ length: shape.parties }, (_, i) => ({ id: `party-${i}`, name: `Party ${i}` })),
    assumptions: Array.from({ length: shape.assumptions }, (_, i) => ({ id: `a-${i}`, label: `Assumption ${i}`, kind: 'weight', party: `party-${i % Math.max(1, shape.parties)}` })),
    baseline: { accepted: Array.from({ length: shape.plans }, (_, p) => Array.from({ length: shape.parties }, (_, q) => (p + q) % 2 === 0)), ending: talks ? 'stalled' : null },
    ...overrides,
  };
}

/** A whole exploration: a shape, its runs, and whether talks are simulated. */
const explorationArb = fc
  .tuple(shapeArb, fc.boolean())
  .chain(([shape, talks]) => fc.record({ shape: fc.constant(shape), talks: fc.constant(talks), runs: fc.array(runArb(shape, talks), { maxLength: 40 }) }));

/** Each shard's file, written and read back, for a split of `runs` into `n` shards. */
function shardFiles(shape: TallyShape, talks: boolean, runs: readonly RunRecord[], n: number, overrides: Partial<ExploreMeta> = {}): { name: string; file: ShardFile }[] {
  const meta = metaFor(shape, runs.length, talks, overrides);
  return Array.from({ length: n }, (_, i) => {
    const { from, to } = shardRange(runs.length, i + 1, n);
    const name = `shard-${i + 1}-of-${n}.json`;
    return { name, file: parseShard(serializeShard(meta, { index: i + 1, count: n }, tallyOf(shape, runs.slice(from, to))), name) };
  });
}

function expectParleyError(action: () => unknown, code: string, message: RegExp | string): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ParleyError);
  expect((caught as ParleyError).code).toBe(code);
  expect((caught as ParleyError).message).toMatch(message);
}

// ---------------------------------------------------------------------------------------

describe('addTallies', () => {
  const threeOfAShape = shapeArb.chain((shape) => fc.tuple(tallyArb(shape), tallyArb(shape), tallyArb(shape)));

  test.prop([threeOfAShape])('is associative and commutative', ([a, b, c]) => {
    expect(addTallies(addTallies(a, b), c)).toEqual(addTallies(a, addTallies(b, c)));
    expect(addTallies(a, b)).toEqual(addTallies(b, a));
  });

  test.prop([shapeArb.chain((shape) => fc.tuple(fc.constant(shape), tallyArb(shape)))])('has emptyTally as identity', ([shape, a]) => {
    expect(addTallies(emptyTally(shape), a)).toEqual(a);
    expect(addTallies(a, emptyTally(shape))).toEqual(a);
  });

  test.prop([threeOfAShape])('never mutates its arguments', ([a, b]) => {
    const before = structuredClone([a, b]);
    addTallies(a, b);
    expect([a, b]).toEqual(before);
  });

  test('sums counts and takes the smaller smallest flip, null meaning none', () => {
    const a: ExploreTally = { ...emptyTally({ plans: 1, parties: 1, assumptions: 3 }), runs: 2, accepted: [[1]], smallestFlip: [0.3, null, null] };
    const b: ExploreTally = { ...emptyTally({ plans: 1, parties: 1, assumptions: 3 }), runs: 3, accepted: [[2]], smallestFlip: [0.1, 0.2, null] };
    const sum = addTallies(a, b);
    expect(sum.runs).toBe(5);
    expect(sum.accepted).toEqual([[3]]);
    expect(sum.smallestFlip).toEqual([0.1, 0.2, null]);
  });

  test('refuses tallies of different shapes', () => {
    expectParleyError(
      () => addTallies(emptyTally({ plans: 2, parties: 3, assumptions: 1 }), emptyTally({ plans: 2, parties: 2, assumptions: 1 })),
      'TALLY_MISMATCH',
      /2 plan versions × 3 parties.*2 plan versions × 2 parties/,
    );
    expectParleyError(() => addTallies(emptyTally({ plans: 1, parties: 1, assumptions: 1 }), emptyTally({ plans: 1, parties: 1, assumptions: 2 })), 'TALLY_MISMATCH', /1 assumptions.*2 assumptions/);
  });
});

describe('TallyBuilder', () => {
  const splitArb = explorationArb.chain((exploration) =>
    fc.tuple(fc.constant(exploration), fc.uniqueArray(fc.integer({ min: 0, max: exploration.runs.length }), { maxLength: 6 })),
  );

  test.prop([splitArb])('builders over the pieces of any split add up to one builder over all the runs', ([{ shape, runs }, cuts]) => {
    const points = [0, ...[...cuts].sort((x, y) => x - y), runs.length];
    const pieces = points.slice(1).map((to, i) => tallyOf(shape, runs.slice(points[i]!, to)));
    const merged = pieces.reduce(addTallies, emptyTally(shape));
    expect(merged).toEqual(tallyOf(shape, runs));
  });

  test.prop([explorationArb])('counts what the runs say', ({ shape, runs }) => {
    const tally = tallyOf(shape, runs);
    expect(tally.runs).toBe(runs.length);
    expect(tally.simulations).toBe(runs.reduce((sum, run) => sum + run.simulations, 0));
    for (let p = 0; p < shape.plans; p++) {
      expect(tally.acceptedByAll[p]).toBe(runs.filter((run) => run.outcome.accepted[p]!.every(Boolean)).length);
      for (let q = 0; q < shape.parties; q++) expect(tally.accepted[p]![q]).toBe(runs.filter((run) => run.outcome.accepted[p]![q]).length);
    }
    for (let a = 0; a < shape.assumptions; a++) {
      const flipping = runs.map((run) => run.sensitivity[a]!).filter(([flipped]) => flipped);
      expect(tally.flips[a]).toBe(flipping.length);
      const sizes = flipping.flatMap(([, m]) => (m === null ? [] : [m]));
      expect(tally.smallestFlip[a]).toBe(sizes.length === 0 ? null : Math.min(...sizes));
    }
  });

  test('toTally is a snapshot: counting on does not change it', () => {
    const builder = new TallyBuilder({ plans: 1, parties: 2, assumptions: 1 });
    builder.countRun({ accepted: [[true, true]], ending: 'agreed' });
    const first = builder.toTally();
    builder.countRun({ accepted: [[true, false]], ending: 'stalled' });
    expect(first.runs).toBe(1);
    expect(first.accepted).toEqual([[1, 1]]);
    expect(builder.toTally().accepted).toEqual([[2, 1]]);
    expect(builder.toTally().acceptedByAll).toEqual([1]);
    expect(builder.toTally().endings).toEqual({ agreed: 1, 'broken-off': 0, stalled: 1, expired: 0, adjourned: 0 });
  });

  test('refuses a run of the wrong shape without counting any of it', () => {
    const builder = new TallyBuilder({ plans: 2, parties: 2, assumptions: 1 });
    const before = builder.toTally();
    expectParleyError(() => builder.countRun({ accepted: [[true, true]], ending: null }), 'TALLY_MISMATCH', /each of the 2 plan versions/);
    expectParleyError(() => builder.countRun({ accepted: [[true, true], [true]], ending: null }), 'TALLY_MISMATCH', /each of the 2 parties accepts plan version 1/);
    expectParleyError(() => builder.countRun({ accepted: [[true, true], [true, true]], ending: 'won' as TalksStatus }), 'TALLY_MISMATCH', /"won" is not a way talks end/);
    expectParleyError(() => builder.countSensitivity(1, true, 0.1), 'TALLY_MISMATCH', /out of range/);
    expectParleyError(() => builder.countSensitivity(0, true, Number.NaN), 'TALLY_MISMATCH', /finite non-negative/);
    expect(builder.toTally()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------

describe('wilsonInterval', () => {
  const proportionArb = fc.integer({ min: 1, max: 100_000 }).chain((runs) => fc.tuple(fc.integer({ min: 0, max: runs }), fc.constant(runs)));

  test.prop([proportionArb])('contains the observed proportion and lies in [0, 1]', ([count, runs]) => {
    const { low, high } = wilsonInterval(count, runs);
    expect(0).toBeLessThanOrEqual(low);
    expect(low).toBeLessThanOrEqual(count / runs);
    expect(count / runs).toBeLessThanOrEqual(high);
    expect(high).toBeLessThanOrEqual(1);
  });

  test.prop([proportionArb, fc.integer({ min: 2, max: 50 })])('narrows as the runs grow at the same proportion', ([count, runs], k) => {
    const narrow = wilsonInterval(count * k, runs * k);
    const wide = wilsonInterval(count, runs);
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
  });

  test('is [0, 1] with no runs, exact at the edges, and matches known values', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
    expect(wilsonInterval(0, 500).low).toBe(0);
    expect(wilsonInterval(0, 500).high).toBeCloseTo(0.007624, 6);
    expect(wilsonInterval(500, 500).high).toBe(1);
    const half = wilsonInterval(50, 100);
    expect(half.low).toBeCloseTo(0.4038, 4);
    expect(half.high).toBeCloseTo(0.5962, 4);
    expectParleyError(() => wilsonInterval(3, 2), 'INVALID_ESTIMATE', /0 ≤ count ≤ runs/);
  });
});

describe('summarizeExploration', () => {
  const shape = { plans: 2, parties: 2, assumptions: 4 };

  function exampleTally(): ExploreTally {
    const builder = new TallyBuilder(shape);
    for (let run = 0; run < 10; run++) {
      builder.countRun({ accepted: [[true, run < 3], [run < 5, false]], ending: run < 3 ? 'agreed' : 'stalled' });
      builder.countSensitivity(0, run < 2, 0.5); // 2 flips, smallest 0.5
      builder.countSensitivity(1, run < 2, 0.25); // 2 flips, smallest 0.25
      builder.countSensitivity(2, run < 6, null); // 6 flips, no size
      builder.countSensitivity(3, run < 2, null); // 2 flips, no size
      builder.countSimulations(5);
    }
    return builder.toTally();
  }

  test('estimates each plan, the talks and the sensitivity, ranked', () => {
    const meta = metaFor(shape, 10, true);
    const result = summarizeExploration(meta, exampleTally());
    expect(Object.keys(result)).toEqual(['scenario', 'seed', 'runs', 'rounds', 'confidence', 'fingerprint', 'plans', 'talks', 'sensitivity']);
    expect(result.confidence).toBe(0.95);
    expect(result.plans[0]!.acceptedBy['party-1']).toMatchObject({ probability: 0.3, count: 3, runs: 10 });
    expect(result.plans[0]!.acceptedByAll).toMatchObject({ probability: 0.3, count: 3 });
    expect(result.plans[1]!.acceptedByAll).toMatchObject({ probability: 0, low: 0, count: 0 });
    expect(result.plans[0]!.baseline.acceptedBy).toEqual(['party-0']);
    expect(result.plans[1]!.baseline.acceptedBy).toEqual(['party-1']);
    expect(result.talks?.agreement.count).toBe(3);
    expect(Object.keys(result.talks!.endings)).toEqual([...talksStatuses]);
    expect(result.talks?.baseline).toBe('stalled');
    expect(result.sensitivity.map((s) => [s.assumption, s.flips.count, s.smallestChange])).toEqual([
      ['a-2', 6, null],
      ['a-1', 2, 0.25],
      ['a-0', 2, 0.5],
      ['a-3', 2, null],
    ]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  test('has no talks section when no talks are simulated', () => {
    const builder = new TallyBuilder(shape);
    builder.countRun({ accepted: [[true, true], [true, true]], ending: null });
    expect(summarizeExploration(metaFor(shape, 1, false), builder.toTally()).talks).toBeNull();
  });

  test('refuses an incomplete tally: it must never pass for a result', () => {
    expectParleyError(() => summarizeExploration(metaFor(shape, 11, true), exampleTally()), 'TALLY_MISMATCH', /counts 10 runs but the exploration makes 11/);
    expectParleyError(() => summarizeExploration(metaFor({ ...shape, assumptions: 3 }, 10, true), exampleTally()), 'TALLY_MISMATCH', /another exploration/);
  });
});

// ---------------------------------------------------------------------------------------

describe('shard specs and ranges', () => {
  test('parseShardSpec reads k/n and explains what is wrong', () => {
    expect(parseShardSpec('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShardSpec(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    expectParleyError(() => parseShardSpec('5/4'), 'INVALID_SHARD', '--shard 5/4: the shard number must be between 1 and 4');
    expectParleyError(() => parseShardSpec('0/4'), 'INVALID_SHARD', /between 1 and 4/);
    expectParleyError(() => parseShardSpec('1/0'), 'INVALID_SHARD', /number of shards must be at least 1/);
    expectParleyError(() => parseShardSpec('1.5/4'), 'INVALID_SHARD', /whole number between 1 and 4/);
    expectParleyError(() => parseShardSpec('2/x'), 'INVALID_SHARD', /"x", must be a whole number/);
    expectParleyError(() => parseShardSpec('2'), 'INVALID_SHARD', /write the shard as k\/n/);
    expectParleyError(() => parseShardSpec('1/2/3'), 'INVALID_SHARD', /write the shard as k\/n/);
  });

  test.prop([fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 1000 })])('shardRange partitions the runs into near-equal ranges', (runs, n) => {
    let next = 0;
    const indices = n <= 20 ? Array.from({ length: n }, (_, i) => i + 1) : [1, 2, Math.ceil(n / 2), n - 1, n];
    for (const k of indices) {
      const { from, to } = shardRange(runs, k, n);
      expect(from).toBe(Math.floor(((k - 1) * runs) / n));
      expect(to).toBe(Math.floor((k * runs) / n));
      expect(to - from).toBeGreaterThanOrEqual(Math.floor(runs / n));
      expect(to - from).toBeLessThanOrEqual(Math.ceil(runs / n));
      if (n <= 20) {
        expect(from).toBe(next);
        next = to;
      }
    }
    if (n <= 20) expect(next).toBe(runs);
  });
});

describe('shard files', () => {
  test('the checksum is 64-bit FNV-1a of UTF-8', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
    expect(fnv1a64('é')).not.toBe(fnv1a64('e'));
  });

  const oneShardArb = explorationArb.chain((exploration) =>
    fc.tuple(fc.constant(exploration), fc.integer({ min: 1, max: 4 })).chain(([e, n]) => fc.tuple(fc.constant(e), fc.constant(n), fc.integer({ min: 1, max: n }))),
  );

  function writeOne([{ shape, talks, runs }, n, k]: [{ shape: TallyShape; talks: boolean; runs: RunRecord[] }, number, number]) {
    const meta = metaFor(shape, runs.length, talks);
    const { from, to } = shardRange(runs.length, k, n);
    const tally = tallyOf(shape, runs.slice(from, to));
    return { meta, tally, text: serializeShard(meta, { index: k, count: n }, tally), shard: { index: k, count: n, from, to } };
  }

  test.prop([oneShardArb])('round-trip: what serializeShard writes, parseShard reads back', (args) => {
    const { meta, tally, text, shard } = writeOne(args);
    const file = parseShard(text, 'x.json');
    expect(file.meta).toEqual(meta);
    expect(file.tally).toEqual(tally);
    expect(file.shard).toEqual(shard);
    expect(serializeShard(file.meta, file.shard, file.tally)).toBe(text);
    expect(parseShard(text.replace(/\n/g, '\r\n'), 'x.json')).toEqual(file); // line endings converted in transit are fine
  });

  const edits = fc.constantFrom(' ', '\t', '\n', '\r', '0', '1', '9', 'e', 'E', '-', '.', '"', ',', ':', '{', '}', '[', ']', 'a', 'f', 'n', '\uFEFF', 'é');

  test.prop([oneShardArb, fc.nat(), edits])('refuses any single-character change', (args, position, replacement) => {
    const { text } = writeOne(args);
    const at = position % text.length;
    fc.pre(text[at] !== replacement);
    const changed = text.slice(0, at) + replacement + text.slice(at + 1);
    expectParleyError(() => parseShard(changed, 'changed.json'), 'INVALID_SHARD_FILE', /^changed\.json: /);
  });

  test.prop([oneShardArb, fc.nat()])('refuses any truncation', (args, position) => {
    const { text } = writeOne(args);
    const truncated = text.slice(0, position % text.length);
    expectParleyError(() => parseShard(truncated, 'cut.json'), 'INVALID_SHARD_FILE', /^cut\.json: /);
  });

  test('explains what is wrong with a file and how to fix it', () => {
    const shape = { plans: 1, parties: 2, assumptions: 1 };
    const meta = metaFor(shape, 4, false);
    const builder = new TallyBuilder(shape);
    builder.countRun({ accepted: [[true, false]], ending: null });
    builder.countRun({ accepted: [[true, true]], ending: null });
    const text = serializeShard(meta, { index: 1, count: 2 }, builder.toTally());

    expectParleyError(() => parseShard('', 'a.json'), 'INVALID_SHARD_FILE', 'a.json: the file is empty');
    expectParleyError(() => parseShard(text.slice(0, 100), 'a.json'), 'INVALID_SHARD_FILE', /a\.json: is not valid JSON.*truncated/);
    expectParleyError(() => parseShard(text.slice(0, -1), 'a.json'), 'INVALID_SHARD_FILE', /a\.json: the file is truncated/);
    expectParleyError(() => parseShard('{"runs": 3}', 'a.json'), 'INVALID_SHARD_FILE', /not a Parley exploration shard file/);
    expectParleyError(() => parseShard(text.replace('"version": 1', '"version": 2'), 'a.json'), 'INVALID_SHARD_FILE', /version 2, but this version of Parley reads version 1/);
    expectParleyError(
      () => parseShard(text.replace('[2, 1]', '[2, 0]'), 'a.json'),
      'INVALID_SHARD_FILE',
      'a.json: its checksum does not match its content: the file was changed or truncated after it was written; re-run that shard',
    );
    expectParleyError(() => parseShard(JSON.stringify(JSON.parse(text)), 'a.json'), 'INVALID_SHARD_FILE', /reformatted or edited/);
    // Consistent checksums over inconsistent content: a writer's bug, or a forgery.
    expectParleyError(() => serializeShard(meta, { index: 1, count: 2 }, { ...builder.toTally(), runs: 3 }), 'INVALID_SHARD_FILE', /covers 2 runs but its tally counts 3/);
    expectParleyError(() => serializeShard(meta, { index: 1, count: 2 }, { ...builder.toTally(), flips: [3] }), 'INVALID_SHARD_FILE', /tally\.flips\[0\]: 3 is more than the 2 runs/);
    expectParleyError(() => serializeShard(meta, { index: 1, count: 2 }, { ...builder.toTally(), accepted: [[2]] }), 'INVALID_SHARD_FILE', /tally\.accepted: must hold a count for each of the 2 parties/);
    expectParleyError(() => serializeShard(meta, { index: 1, count: 2 }, { ...builder.toTally(), smallestFlip: [Number.POSITIVE_INFINITY] }), 'INVALID_SHARD_FILE', /tally\.smallestFlip\[0\]/);
  });
});

describe('mergeShards', () => {
  const mergeArb = explorationArb.chain((exploration) => fc.tuple(fc.constant(exploration), fc.integer({ min: 1, max: 6 })).chain(([e, n]) => fc.tuple(fc.constant(e), fc.constant(n), fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: n }))));

  test.prop([mergeArb])('merging the shards of any split, in any order, gives the tally of all the runs', ([{ shape, talks, runs }, n, order]) => {
    const files = shardFiles(shape, talks, runs, n);
    const { meta, tally } = mergeShards(order.map((i) => files[i]!));
    expect(tally).toEqual(tallyOf(shape, runs));
    expect(meta).toEqual(metaFor(shape, runs.length, talks));
    expect(summarizeExploration(meta, tally).runs).toBe(runs.length);
  });

  const shape = { plans: 2, parties: 2, assumptions: 2 };
  const runs = fc.sample(fc.array(runArb(shape, true), { minLength: 12, maxLength: 12 }), { numRuns: 1, seed: 42 })[0]!;
  const named = (files: { name: string; file: ShardFile }[], names: string[]) => files.map((f, i) => ({ name: names[i] ?? f.name, file: f.file }));

  test('refuses shards of different explorations, naming the files', () => {
    const [a] = named(shardFiles(shape, true, runs, 2), ['a.json']);
    const [, b] = named(shardFiles(shape, true, runs, 2, { seed: 2 }), ['', 'b.json']);
    expectParleyError(() => mergeShards([{ ...a!, file: { ...a!.file, meta: { ...a!.file.meta, seed: 1 } } }, b!]), 'SHARD_MISMATCH', 'a.json and b.json were made with different seeds (1 and 2)');

    const [, c] = named(shardFiles(shape, true, runs, 2, { fingerprint: 'beefcafe' }), ['', 'c.json']);
    expectParleyError(() => mergeShards([a!, c!]), 'SHARD_MISMATCH', /a\.json and c\.json are from different explorations \(fingerprints f00dfeed and beefcafe\)/);

    const [, d] = named(shardFiles(shape, true, [...runs, ...runs], 2), ['', 'd.json']);
    expectParleyError(() => mergeShards([a!, d!]), 'SHARD_MISMATCH', /a\.json and d\.json were made with different numbers of runs \(12 and 24\)/);

    const [, e] = named(shardFiles(shape, true, runs, 3), ['', 'e.json']);
    expectParleyError(() => mergeShards([a!, e!]), 'SHARD_MISMATCH', /a\.json and e\.json split the runs into different numbers of shards \(2 and 3\)/);

    const [, f] = named(shardFiles(shape, true, runs, 2, { scenario: 'other' }), ['', 'f.json']);
    expectParleyError(() => mergeShards([a!, f!]), 'SHARD_MISMATCH', /a\.json and f\.json describe the exploration differently/);
  });

  test('refuses a shard given twice, or missing', () => {
    const files = named(shardFiles(shape, true, runs, 4), ['w.json', 'x.json', 'y.json', 'z.json']);
    const [w, x, y, z] = files as [typeof files[0], typeof files[0], typeof files[0], typeof files[0]];
    expectParleyError(() => mergeShards([w, x, { ...x, name: 'x-copy.json' }, y, z]), 'SHARD_MISMATCH', 'shard 2/4 is given twice: x.json, x-copy.json');
    expectParleyError(() => mergeShards([w, x, z]), 'SHARD_MISMATCH', /shard 3\/4 is missing/);
    expectParleyError(() => mergeShards([w, z]), 'SHARD_MISMATCH', /shard 2\/4 is missing[^]*shard 3\/4 is missing/);
    expectParleyError(() => mergeShards([]), 'SHARD_MISMATCH', /no shard files/);
    expect(mergeShards([z, y, x, w]).tally.runs).toBe(12);
  });

  test('refuses a shard file whose range is not its shard', () => {
    const [a, b] = shardFiles(shape, true, runs, 2);
    const moved = { ...b!, file: { ...b!.file, shard: { ...b!.file.shard, from: 5 } } };
    expectParleyError(() => mergeShards([a!, moved]), 'INVALID_SHARD_FILE', /shard 2\/2 of 12 runs covers runs 6–12, not 5–12/);
  });
});
