import { canonical, fnv1a64, shardRange, type ShardSpec } from '../explore/shard-file.js';
import { ParleyError } from '../model/errors.js';
import { summarizeTournament, type TournamentResult } from './summary.js';
import type { TournamentMeta, TournamentRow } from './tournament.js';

/** The file one shard of a tournament writes: what the tournament is, its range, its rows. */
export interface TournamentShardFile {
  readonly format: 'parley-tournament-shard';
  readonly version: 1;
  readonly meta: TournamentMeta;
  readonly shard: { readonly index: number; readonly count: number; readonly from: number; readonly to: number };
  readonly rows: readonly TournamentRow[];
  /** `fnv1a64:` + 16 hex digits of the canonical JSON of `{ meta, shard, rows }`. */
  readonly checksum: string;
}

/**
 * Writes one shard of a tournament — the negotiations `shardRange(meta.negotiations, k, n)`
 * gives shard k of n — as a shard file: JSON with a checksum (FNV-1a 64 of the canonical
 * JSON, as explore's shard files), so a file damaged on its way between machines is refused.
 *
 * @throws ParleyError `INVALID_SHARD_FILE` when the rows are not exactly the shard's negotiations.
 *
 * @example
 * ```ts
 * const { from, to } = shardRange(tournament.meta.negotiations, 2, 4);
 * await writeFile('t-2-of-4.json', serializeTournamentShard(tournament.meta, { index: 2, count: 4 }, tournament.runRange(from, to)));
 * ```
 */
export function serializeTournamentShard(meta: TournamentMeta, shard: ShardSpec, rows: readonly TournamentRow[]): string {
  const range = shardRange(meta.negotiations, shard.index, shard.count);
  const content = { meta, shard: { index: shard.index, count: shard.count, from: range.from, to: range.to }, rows };
  const problems = rowProblems(content);
  if (problems.length > 0) throw new ParleyError('INVALID_SHARD_FILE', `shard ${shard.index}/${shard.count} (not written): ${problems.join('; ')}`);
  return `${JSON.stringify({ format: FORMAT, version: 1, ...content, checksum: checksumOf(content) })}\n`;
}

/**
 * Reads a tournament shard file and checks it: JSON, this format and version, intact (its
 * checksum), and its rows exactly its range of negotiations.
 *
 * @param name How to name the file in errors, usually its path.
 * @throws ParleyError `INVALID_SHARD_FILE`: `<name>: <what is wrong and how to fix it>`.
 *
 * @example
 * ```ts
 * const file = parseTournamentShard(await readFile('t-2-of-4.json', 'utf8'), 't-2-of-4.json');
 * ```
 */
export function parseTournamentShard(text: string, name: string): TournamentShardFile {
  const fail = (message: string) => new ParleyError('INVALID_SHARD_FILE', `${name}: ${message}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch {
    throw fail('not JSON (truncated or not a tournament shard file); re-run that shard');
  }
  if (typeof raw !== 'object' || raw === null) throw fail('not a tournament shard file');
  const file = raw as Partial<TournamentShardFile>;
  if (file.format !== FORMAT) throw fail(`not a tournament shard file (format "${String(file.format)}", expected "${FORMAT}")`);
  if (file.version !== 1) throw fail(`version ${String(file.version)} is not one this Parley reads (1); re-run the shard with this version`);
  if (typeof file.meta !== 'object' || typeof file.shard !== 'object' || !Array.isArray(file.rows)) throw fail('meta, shard or rows is missing; re-run that shard');
  const content = { meta: file.meta, shard: file.shard, rows: file.rows };
  if (file.checksum !== checksumOf(content)) throw fail('its checksum does not match its content: the file was changed or damaged; re-run that shard');
  const problems = rowProblems(content as Pick<TournamentShardFile, 'meta' | 'shard' | 'rows'>);
  if (problems.length > 0) throw fail(problems.join('; '));
  return file as TournamentShardFile;
}

/**
 * Merges the shard files of one tournament into its result — the very result of running
 * it in one go. Refuses files of different tournaments (fingerprint, seed, shard count) and
 * sets with a shard missing or given twice, naming them.
 *
 * @throws ParleyError `SHARD_MISMATCH` naming the files that do not belong together or what is missing.
 *
 * @example
 * ```ts
 * const result = mergeTournamentShards(files.map((name) => ({ name, file: parseTournamentShard(texts[name], name) })));
 * ```
 */
export function mergeTournamentShards(shards: readonly { readonly name: string; readonly file: TournamentShardFile }[]): TournamentResult {
  const first = shards[0];
  if (first === undefined) throw new ParleyError('SHARD_MISMATCH', 'no shard files to merge; pass every shard file of the tournament');
  const problems: string[] = [];
  for (const { name, file } of shards.slice(1)) {
    if (file.meta.fingerprint !== first.file.meta.fingerprint) problems.push(`${name} is a shard of another tournament than ${first.name} (fingerprint ${file.meta.fingerprint}, not ${first.file.meta.fingerprint}): strategies, domains, deadline, repetitions or seed differ`);
    else if (file.shard.count !== first.file.shard.count) problems.push(`${name} is shard ${file.shard.index} of ${file.shard.count}, ${first.name} of ${first.file.shard.count}: use one --shard k/n count`);
  }
  const count = first.file.shard.count;
  const seen = new Map<number, string>();
  for (const { name, file } of shards) {
    const other = seen.get(file.shard.index);
    if (other !== undefined) problems.push(`shard ${file.shard.index}/${count} is given twice: ${other} and ${name}`);
    seen.set(file.shard.index, name);
  }
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((k) => !seen.has(k));
  if (missing.length > 0 && problems.length === 0) problems.push(`shard${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${count}`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing`);
  if (problems.length > 0) throw new ParleyError('SHARD_MISMATCH', `the shard files do not make one whole tournament:\n  - ${problems.join('\n  - ')}`);
  const rows = [...shards].sort((a, b) => a.file.shard.index - b.file.shard.index).flatMap(({ file }) => file.rows);
  const meta = first.file.meta;
  return { meta, rows, summary: summarizeTournament(meta, rows) };
}

const FORMAT = 'parley-tournament-shard';

function checksumOf(content: { meta: unknown; shard: unknown; rows: unknown }): string {
  return `fnv1a64:${fnv1a64(canonical(content))}`;
}

function rowProblems(content: Pick<TournamentShardFile, 'meta' | 'shard' | 'rows'>): string[] {
  const { meta, shard, rows } = content;
  const problems: string[] = [];
  let range: { from: number; to: number };
  try {
    range = shardRange(meta.negotiations, shard.index, shard.count);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
  if (shard.from !== range.from || shard.to !== range.to) problems.push(`shard ${shard.index}/${shard.count} of ${meta.negotiations} negotiations is [${range.from}, ${range.to}), not [${shard.from}, ${shard.to})`);
  if (rows.length !== range.to - range.from) problems.push(`it has ${rows.length} rows for ${range.to - range.from} negotiations`);
  else if (rows.some((row, k) => row.index !== range.from + k)) problems.push('its rows are not its negotiations in order');
  return problems;
}
