import { z } from 'zod';
import { ParleyError } from '../model/errors.js';
import { formatPath, type PathSegment } from '../model/problems.js';
import type { TalksStatus } from '../talks/talks-types.js';
import type { ExploreMeta } from './summary.js';
import type { ExploreTally } from './tally.js';
import { addTallies, emptyTally, talksStatuses } from './tally-ops.js';

// Shard files: how the tallies of an exploration split across machines (`--shard k/n`) are
// written, read back and merged. Pure and browser-safe: text in, text out, no file system.

/** Which shard of how many: `--shard 2/4` is `{ index: 2, count: 4 }`. Shards count from 1. */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/** A range of runs `[from, to)`: run numbers count from 0. */
export interface RunRange {
  readonly from: number;
  readonly to: number;
}

/** The file one shard of an exploration writes: its tally, and what it is a tally of. */
export interface ShardFile {
  readonly format: 'parley-explore-shard';
  readonly version: 1;
  readonly meta: ExploreMeta;
  readonly shard: ShardSpec & RunRange;
  readonly tally: ExploreTally;
  /** `fnv1a64:` and 16 hex digits: see {@link serializeShard}. */
  readonly checksum: string;
}

/**
 * Reads a shard spec as written on the command line, `k/n`: shard `k` of `n`.
 *
 * @throws ParleyError `INVALID_SHARD` with what is wrong and an example of what is right.
 *
 * @example
 * ```ts
 * parseShardSpec('2/4'); // { index: 2, count: 4 }
 * parseShardSpec('5/4'); // throws: --shard 5/4: the shard number must be between 1 and 4
 * ```
 */
export function parseShardSpec(spec: string): ShardSpec {
  const match = /^\s*([^/]*?)\s*\/\s*([^/]*?)\s*$/.exec(spec);
  if (match === null) {
    throw new ParleyError('INVALID_SHARD', `--shard ${spec}: write the shard as k/n, shard k of n shards, e.g. --shard 2/4`);
  }
  const [, indexText = '', countText = ''] = match;
  const whole = /^\d+$/;
  if (!whole.test(countText) || !Number.isSafeInteger(Number(countText))) {
    throw new ParleyError('INVALID_SHARD', `--shard ${spec}: the number of shards, "${countText}", must be a whole number ≥ 1, e.g. --shard 2/4`);
  }
  const count = Number(countText);
  if (count < 1) {
    throw new ParleyError('INVALID_SHARD', `--shard ${spec}: the number of shards must be at least 1, e.g. --shard 1/1 for a single shard`);
  }
  if (!whole.test(indexText) || !Number.isSafeInteger(Number(indexText))) {
    throw new ParleyError('INVALID_SHARD', `--shard ${spec}: the shard number, "${indexText}", must be a whole number between 1 and ${count}`);
  }
  const index = Number(indexText);
  if (index < 1 || index > count) {
    throw new ParleyError('INVALID_SHARD', `--shard ${spec}: the shard number must be between 1 and ${count}`);
  }
  return { index, count };
}

/**
 * The runs shard `index` of `count` makes: `[floor((index−1)·runs/count), floor(index·runs/count))`.
 * The shards' ranges are disjoint, cover `[0, runs)` and differ in size by at most one run.
 *
 * @throws ParleyError `INVALID_SHARD` when the numbers are not whole or the shard is out of range.
 *
 * @example
 * ```ts
 * shardRange(1000, 1, 3); // { from: 0, to: 333 }
 * shardRange(1000, 3, 3); // { from: 666, to: 1000 }
 * ```
 */
export function shardRange(runs: number, index: number, count: number): RunRange {
  if (!Number.isSafeInteger(runs) || runs < 0) {
    throw new ParleyError('INVALID_SHARD', `the number of runs must be a whole number ≥ 0; got ${runs}`);
  }
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new ParleyError('INVALID_SHARD', `the number of shards must be a whole number ≥ 1; got ${count}`);
  }
  if (!Number.isSafeInteger(index) || index < 1 || index > count) {
    throw new ParleyError('INVALID_SHARD', `shard ${index}/${count}: the shard number must be between 1 and ${count}`);
  }
  if (!Number.isSafeInteger(runs * count)) {
    throw new ParleyError('INVALID_SHARD', `${runs} runs in ${count} shards are too many to number exactly`);
  }
  return { from: floorDiv((index - 1) * runs, count), to: floorDiv(index * runs, count) };
}

/**
 * Writes a shard's tally as a shard file: stable JSON (same inputs, same bytes), with a
 * checksum so that a file damaged on its way between machines is refused rather than
 * merged. The run range is computed from `meta.runs` and the shard, and the tally must
 * count exactly that many runs.
 *
 * The checksum is FNV-1a (64-bit) of the UTF-8 bytes of the canonical JSON of
 * `{ meta, shard, tally }` (keys sorted, no spaces), written `fnv1a64:` + 16 hex digits.
 * It detects accidental corruption and truncation; it is not a security measure — anyone
 * can recompute it for a forged file.
 *
 * @throws ParleyError `INVALID_SHARD_FILE` when the tally does not fit `meta` and the
 *   shard (a bug in the caller: nothing is written).
 *
 * @example
 * ```ts
 * const { from, to } = shardRange(meta.runs, 2, 4);
 * const text = serializeShard(meta, { index: 2, count: 4 }, tallyOfRuns(from, to));
 * await writeFile('shard-2-of-4.json', text);
 * ```
 */
export function serializeShard(meta: ExploreMeta, shard: ShardSpec, tally: ExploreTally): string {
  const name = `shard ${shard.index}/${shard.count} (not written)`;
  const range = shardRange(meta.runs, shard.index, shard.count);
  const content = normalise(meta, { index: shard.index, count: shard.count, from: range.from, to: range.to }, tally);
  const file = { format: FORMAT, version: VERSION, ...content, checksum: checksumOf(content) };
  checkContent(name, file);
  return render(file);
}

/**
 * Reads a shard file written by {@link serializeShard}, and checks it through: that it is
 * JSON, a shard file of this version, intact (its checksum, and its text exactly as
 * written — line endings aside), and consistent (the tally's arrays fit the plans, parties
 * and assumptions, its counts are whole numbers no larger than its range of runs, the
 * range is the shard's).
 *
 * @param name How to name the file in errors, usually its path.
 * @throws ParleyError `INVALID_SHARD_FILE`: `<name>: <what is wrong and how to fix it>`.
 *
 * @example
 * ```ts
 * const file = parseShard(await readFile('shard-2-of-4.json', 'utf8'), 'shard-2-of-4.json');
 * file.shard; // { index: 2, count: 4, from: 250, to: 500 }
 * ```
 */
export function parseShard(text: string, name: string): ShardFile {
  const fail = (message: string) => new ParleyError('INVALID_SHARD_FILE', `${name}: ${message}`);
  const normalised = (text.startsWith('\uFEFF') ? text.slice(1) : text).replace(/\r\n/g, '\n');
  if (normalised.trim() === '') throw fail('the file is empty; re-run that shard');

  let raw: unknown;
  try {
    raw = JSON.parse(normalised);
  } catch (error) {
    const reason = error instanceof Error ? ` (${error.message})` : '';
    throw fail(`is not valid JSON${reason}; the file may be truncated or not a shard file — re-run that shard`);
  }
  if (!isRecord(raw) || raw['format'] !== FORMAT) {
    throw fail(`is not a Parley exploration shard file (it should start with "format": "${FORMAT}"); give the files that \`parley explore --shard k/n\` writes`);
  }
  if (raw['version'] !== VERSION) {
    throw fail(`is a shard file of version ${JSON.stringify(raw['version'])}, but this version of Parley reads version ${VERSION}; re-run that shard with this version of Parley`);
  }
  if (typeof raw['checksum'] !== 'string') {
    throw fail('has no checksum; it was not written by Parley, or was edited — re-run that shard');
  }
  let actual: string;
  try {
    actual = checksumOf({ meta: raw['meta'], shard: raw['shard'], tally: raw['tally'] });
  } catch {
    throw fail('its content is nested too deeply to be a shard file; re-run that shard');
  }
  if (actual !== raw['checksum']) {
    throw fail('its checksum does not match its content: the file was changed or truncated after it was written; re-run that shard');
  }

  const file = checkContent(name, raw);
  const expected = render(file);
  if (normalised !== expected) {
    throw fail(
      expected.startsWith(normalised)
        ? 'the file is truncated (it ends early); re-run that shard'
        : 'the file is not exactly as Parley wrote it (it was reformatted or edited); keep shard files as written — re-run that shard',
    );
  }
  return file;
}

/**
 * Merges the shard files of one exploration into its metadata and the tally of all its
 * runs. Every check comes first — the files must share the exploration (fingerprint,
 * seed, runs and number of shards), each shard must be given once, and all must be there —
 * so it merges nothing unless it can merge everything.
 *
 * @throws ParleyError `SHARD_MISMATCH` naming the files involved, e.g. `a.json and b.json
 *   were made with different seeds (1 and 2)`, `shard 3/4 is missing`, `shard 2/4 is given
 *   twice: x.json, y.json`; `INVALID_SHARD_FILE` for a file whose content is inconsistent.
 *
 * @example
 * ```ts
 * const { meta, tally } = mergeShards(names.map((name) => ({ name, file: parseShard(texts[name], name) })));
 * const result = summarizeExploration(meta, tally);
 * ```
 */
export function mergeShards(shards: readonly { readonly name: string; readonly file: ShardFile }[]): { meta: ExploreMeta; tally: ExploreTally } {
  const first = shards[0];
  if (first === undefined) {
    throw new ParleyError('SHARD_MISMATCH', 'there are no shard files to merge; give the file of every shard');
  }
  for (const { name, file } of shards) checkContent(name, file);

  const problems: string[] = [];
  const reference = first.file.meta;
  for (const { name, file } of shards.slice(1)) {
    const meta = file.meta;
    const pair = `${first.name} and ${name}`;
    const before = problems.length;
    if (meta.fingerprint !== reference.fingerprint) {
      problems.push(
        `${pair} are from different explorations (fingerprints ${reference.fingerprint} and ${meta.fingerprint}): another scenario, talks or perturbation settings; merge only the shards of one exploration`,
      );
    }
    if (meta.seed !== reference.seed) problems.push(`${pair} were made with different seeds (${reference.seed} and ${meta.seed})`);
    if (meta.runs !== reference.runs) problems.push(`${pair} were made with different numbers of runs (${reference.runs} and ${meta.runs})`);
    if (file.shard.count !== first.file.shard.count) {
      problems.push(`${pair} split the runs into different numbers of shards (${first.file.shard.count} and ${file.shard.count})`);
    }
    if (problems.length === before && canonical(meta) !== canonical(reference)) {
      problems.push(`${pair} describe the exploration differently although their fingerprints agree; re-run both shards with the same version of Parley`);
    }
  }
  if (problems.length > 0) throw mismatch(problems);

  const count = first.file.shard.count;
  const byIndex = new Map<number, string[]>();
  for (const { name, file } of shards) {
    const names = byIndex.get(file.shard.index) ?? [];
    names.push(name);
    byIndex.set(file.shard.index, names);
  }
  for (let index = 1; index <= count; index++) {
    const names = byIndex.get(index);
    if (names === undefined) problems.push(`shard ${index}/${count} is missing; run it with --shard ${index}/${count} and add its file`);
    else if (names.length > 1) problems.push(`shard ${index}/${count} is given ${names.length === 2 ? 'twice' : `${names.length} times`}: ${names.join(', ')}`);
  }
  if (problems.length > 0) throw mismatch(problems);

  const ordered = [...shards].sort((a, b) => a.file.shard.index - b.file.shard.index);
  const shape = { plans: reference.plans.length, parties: reference.parties.length, assumptions: reference.assumptions.length };
  const tally = ordered.reduce((sum, { file }) => addTallies(sum, file.tally), emptyTally(shape));
  return { meta: reference, tally };
}

// ---------------------------------------------------------------------------------------

const FORMAT = 'parley-explore-shard' as const;
const VERSION = 1 as const;

const countSchema = z.number().int('must be a whole number').nonnegative('must be ≥ 0');
const statusSchema = z.enum(talksStatuses as readonly TalksStatus[] as [TalksStatus, ...TalksStatus[]]);

const metaSchema = z.strictObject({
  scenario: z.string(),
  seed: z.number().int('must be a whole number'),
  runs: countSchema,
  rounds: countSchema,
  talks: z.boolean(),
  sensitivity: z.boolean(),
  fingerprint: z.string().min(1, 'must be non-empty'),
  plans: z.array(z.strictObject({ id: z.string().min(1, 'must be a non-empty id'), title: z.string() })),
  parties: z.array(z.strictObject({ id: z.string().min(1, 'must be a non-empty id'), name: z.string() })),
  assumptions: z.array(z.strictObject({ id: z.string().min(1, 'must be a non-empty id'), label: z.string(), kind: z.string(), party: z.string() })),
  baseline: z.strictObject({ accepted: z.array(z.array(z.boolean())), ending: statusSchema.nullable() }),
});

const tallySchema = z.strictObject({
  runs: countSchema,
  simulations: countSchema,
  accepted: z.array(z.array(countSchema)),
  acceptedByAll: z.array(countSchema),
  endings: z.strictObject(Object.fromEntries(talksStatuses.map((status) => [status, countSchema])) as Record<TalksStatus, typeof countSchema>),
  flips: z.array(countSchema),
  smallestFlip: z.array(z.number().nonnegative('must be ≥ 0').nullable()),
});

const shardFileSchema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  meta: metaSchema,
  shard: z.strictObject({
    index: z.number().int('must be a whole number').positive('must be ≥ 1'),
    count: z.number().int('must be a whole number').positive('must be ≥ 1'),
    from: countSchema,
    to: countSchema,
  }),
  tally: tallySchema,
  checksum: z.string().regex(/^fnv1a64:[0-9a-f]{16}$/, 'must be "fnv1a64:" and 16 lower-case hex digits'),
});

/** `{ meta, shard, tally }` rebuilt with their keys in the file's order, sharing nothing with the inputs. */
function normalise(meta: ExploreMeta, shard: ShardSpec & RunRange, tally: ExploreTally) {
  return {
    meta: {
      scenario: meta.scenario,
      seed: meta.seed,
      runs: meta.runs,
      rounds: meta.rounds,
      talks: meta.talks,
      sensitivity: meta.sensitivity,
      fingerprint: meta.fingerprint,
      plans: meta.plans.map((plan) => ({ id: plan.id, title: plan.title })),
      parties: meta.parties.map((party) => ({ id: party.id, name: party.name })),
      assumptions: meta.assumptions.map((a) => ({ id: a.id, label: a.label, kind: a.kind, party: a.party })),
      baseline: { accepted: meta.baseline.accepted.map((row) => [...row]), ending: meta.baseline.ending },
    },
    shard: { index: shard.index, count: shard.count, from: shard.from, to: shard.to },
    tally: {
      runs: tally.runs,
      simulations: tally.simulations,
      accepted: tally.accepted.map((row) => [...row]),
      acceptedByAll: [...tally.acceptedByAll],
      endings: Object.fromEntries(talksStatuses.map((status) => [status, tally.endings[status]])) as Record<TalksStatus, number>,
      flips: [...tally.flips],
      smallestFlip: [...tally.smallestFlip],
    },
  };
}

/**
 * Checks the shape (schema) and the consistency of a shard file's content, and returns it
 * rebuilt in the file's key order. Does not check the checksum.
 */
function checkContent(name: string, input: unknown): ShardFile {
  const parsed = shardFileSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = formatPath(issue.path.map((segment): PathSegment => (typeof segment === 'symbol' ? String(segment) : segment)));
      const message = issue.code === 'unrecognized_keys' ? `unexpected ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message.replace(/^Invalid input: /, '');
      return `${path === '' ? 'the file' : path}: ${message}`;
    });
    throw invalid(name, problems);
  }
  const { meta, shard, tally, checksum } = parsed.data;
  const problems = consistencyProblems(meta, shard, tally);
  if (problems.length > 0) throw invalid(name, problems);
  return { format: FORMAT, version: VERSION, ...normalise(meta, shard, tally), checksum };
}

function invalid(name: string, problems: readonly string[]): ParleyError {
  const shown = problems.slice(0, 3).join('; ');
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
  return new ParleyError(
    'INVALID_SHARD_FILE',
    `${name}: ${shown}${more}; the file was not written by this version of Parley, or was edited — re-run that shard`,
  );
}

function consistencyProblems(meta: ExploreMeta, shard: ShardSpec & RunRange, tally: ExploreTally): string[] {
  const problems: string[] = [];
  const plans = meta.plans.length;
  const parties = meta.parties.length;
  const assumptions = meta.assumptions.length;
  const duplicates = (what: string, ids: readonly string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`meta.${what}: "${id}" appears twice; ids must be unique`);
      seen.add(id);
    }
  };
  duplicates('plans', meta.plans.map((p) => p.id));
  duplicates('parties', meta.parties.map((p) => p.id));
  duplicates('assumptions', meta.assumptions.map((a) => a.id));
  if (meta.baseline.accepted.length !== plans || meta.baseline.accepted.some((row) => row.length !== parties)) {
    problems.push(`meta.baseline.accepted: must say whether each of the ${parties} parties accepts each of the ${plans} plan versions`);
  }

  if (shard.index > shard.count) {
    problems.push(`shard: shard ${shard.index}/${shard.count} does not exist; the shard number must be between 1 and ${shard.count}`);
  } else if (Number.isSafeInteger(meta.runs * shard.count)) {
    const range = shardRange(meta.runs, shard.index, shard.count);
    if (range.from !== shard.from || range.to !== shard.to) {
      problems.push(`shard: shard ${shard.index}/${shard.count} of ${meta.runs} runs covers runs ${range.from}–${range.to}, not ${shard.from}–${shard.to}`);
    }
  }
  const size = shard.to - shard.from;
  if (tally.runs !== size) problems.push(`tally.runs: the shard covers ${Math.max(0, size)} runs but its tally counts ${tally.runs}`);

  const within = (path: string, value: number) => {
    if (value > tally.runs) problems.push(`${path}: ${value} is more than the ${tally.runs} runs counted`);
  };
  if (tally.accepted.length !== plans || tally.accepted.some((row) => row.length !== parties)) {
    problems.push(`tally.accepted: must hold a count for each of the ${parties} parties for each of the ${plans} plan versions`);
  }
  if (tally.acceptedByAll.length !== plans) problems.push(`tally.acceptedByAll: must hold one count for each of the ${plans} plan versions; has ${tally.acceptedByAll.length}`);
  if (tally.flips.length !== assumptions) problems.push(`tally.flips: must hold one count for each of the ${assumptions} assumptions; has ${tally.flips.length}`);
  if (tally.smallestFlip.length !== assumptions) problems.push(`tally.smallestFlip: must hold one entry for each of the ${assumptions} assumptions; has ${tally.smallestFlip.length}`);
  tally.accepted.forEach((row, p) => row.forEach((value, q) => within(`tally.accepted[${p}][${q}]`, value)));
  tally.acceptedByAll.forEach((value, p) => {
    within(`tally.acceptedByAll[${p}]`, value);
    const row = tally.accepted[p] ?? [];
    const fewest = Math.min(tally.runs, ...row);
    if (value <= tally.runs && value > fewest) problems.push(`tally.acceptedByAll[${p}]: ${value} runs in which every party accepts, but one party accepts in only ${fewest}`);
  });
  for (const status of talksStatuses) within(`tally.endings[${JSON.stringify(status)}]`, tally.endings[status]);
  const ended = talksStatuses.reduce((sum, status) => sum + tally.endings[status], 0);
  if (meta.talks && ended !== tally.runs) problems.push(`tally.endings: the talks ended in ${ended} of the ${tally.runs} runs; every run's talks must end one way`);
  if (!meta.talks && ended !== 0) problems.push('tally.endings: must all be 0, as this exploration simulates no talks');
  tally.flips.forEach((value, a) => {
    within(`tally.flips[${a}]`, value);
    if (value === 0 && tally.smallestFlip[a] !== null) problems.push(`tally.smallestFlip[${a}]: must be null, as the assumption never flipped the verdict`);
  });
  return problems;
}

function mismatch(problems: readonly string[]): ParleyError {
  return new ParleyError(
    'SHARD_MISMATCH',
    problems.length === 1 ? `the shard files do not fit together: ${problems[0]!}` : `the shard files do not fit together:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  );
}

/** The file's text: two-space indentation, arrays of plain values on one line, a final newline. */
function render(file: ShardFile): string {
  return `${renderValue(file, '')}\n`;
}

function renderValue(value: unknown, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((item) => item === null || typeof item !== 'object')) return `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
    return `[\n${value.map((item) => inner + renderValue(item, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${renderValue(item, inner)}`).join(',\n')}\n${indent}}`;
}

/** `fnv1a64:` + the FNV-1a hash of the canonical JSON of the content. */
function checksumOf(content: { meta: unknown; shard: unknown; tally: unknown }): string {
  return `fnv1a64:${fnv1a64(canonical(content))}`;
}

/**
 * @internal JSON with object keys sorted (by UTF-16 code units) and no whitespace, so that
 * equal content has one text however its keys were ordered. Throws on absurd nesting.
 */
export function canonical(value: unknown, depth = 0): string {
  if (depth > 512) throw new RangeError('nested too deeply');
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item, depth + 1)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(record[key], depth + 1)}`).join(',')}}`;
}

/**
 * @internal The 64-bit FNV-1a hash of the UTF-8 bytes of `text`, as 16 lower-case hex
 * digits. Computed in two 32-bit halves: multiplying by the prime 2⁴⁰ + 0x1b3 is the low
 * half times 0x1b3 (with its carry) plus the low half shifted into the high half.
 * For detecting corruption, not for security.
 */
export function fnv1a64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (const byte of bytes) {
    lo ^= byte;
    const low = (lo >>> 0) * 0x1b3;
    const carry = Math.floor(low / 0x1_0000_0000);
    hi = (Math.imul(hi, 0x1b3) + (lo << 8) + carry) >>> 0;
    lo = low >>> 0;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `floor(a / b)` exactly, for safe integers `a ≥ 0`, `b ≥ 1` (division in floating point can round up to the next integer). */
function floorDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  while (q * b > a) q -= 1;
  while ((q + 1) * b <= a) q += 1;
  return q;
}
