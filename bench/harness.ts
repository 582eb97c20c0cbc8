/**
 * Small timing helpers for the benchmarks: warm runs, then the median of several, with
 * `performance.now()`. Nothing here asserts a time; the benchmarks print what they measure
 * and whether each target is met.
 */
import { xoroshiro128plus } from 'pure-rand';

/** One target's verdict, for the closing summary table. */
export interface TargetRow {
  readonly workload: string;
  readonly measured: string;
  readonly target: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly met: boolean;
  /**
   * Set on a stress case run beyond the targets (e.g. "stress: zero-sum, not the target
   * shape"): its figures are printed as measured, but it is not a target, so it is neither
   * met nor missed, and the summary says so instead of a verdict.
   */
  readonly stress?: string;
}

/** The verdict column of a summary row: the stress label for a stress case, else met or MISSED. */
export function rowVerdict(row: TargetRow): string {
  return row.stress ?? verdict(row.met);
}

export interface Timing {
  /** Median of the measured runs, in ms. */
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** How many runs were measured (after the warm-up runs). */
  readonly runs: number;
  readonly warmups: number;
}

export interface MeasureOptions {
  /** Runs before measuring, to let the JIT compile the hot paths. Default 3. */
  readonly warmup?: number;
  /** Measured runs; the median is reported. Default 15. */
  readonly runs?: number;
  /**
   * Stop warming up, and stop measuring, once this much time is spent on either (at least
   * one measured run is always made). Default 4000 ms, so a slow workload cannot stall the
   * whole bench.
   */
  readonly maxMs?: number;
}

/** Keeps results alive so that the JIT cannot drop the work that produced them. */
export let sink: unknown;

/** Times `fn` warm: `warmup` runs first, then the median of `runs` runs. */
export function measure<T>(fn: () => T, options: MeasureOptions = {}): Timing & { readonly last: T } {
  const { warmup = 3, runs = 15, maxMs = 4000 } = options;
  let last: T | undefined;
  let warmups = 0;
  const warmStart = performance.now();
  while (warmups < warmup && performance.now() - warmStart < maxMs) {
    last = fn();
    warmups++;
  }
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < runs && (samples.length === 0 || performance.now() - start < maxMs)) {
    const t0 = performance.now();
    last = fn();
    samples.push(performance.now() - t0);
  }
  sink = last;
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples), runs: samples.length, warmups, last: last as T };
}

/** Times one call of `fn`. */
export function timeOnce<T>(fn: () => T): { readonly ms: number; readonly value: T } {
  const t0 = performance.now();
  const value = fn();
  const ms = performance.now() - t0;
  sink = value;
  return { ms, value };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A duration, in the unit that reads best: µs, ms, s, minutes, hours, days or years. */
export function formatDuration(ms: number): string {
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 100) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  const s = ms / 1000;
  if (s < 120) return `${s.toFixed(2)} s`;
  if (s < 7200) return `${(s / 60).toFixed(1)} minutes`;
  if (s < 2 * 86_400) return `${(s / 3600).toFixed(1)} hours`;
  if (s < 2 * 365 * 86_400) return `${(s / 86_400).toFixed(1)} days`;
  return `${(s / (365 * 86_400)).toFixed(1)} years`;
}

/** A speed-up ratio, e.g. `123×` or `1.8×`. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  if (ratio >= 100) return `${Math.round(ratio).toLocaleString('en-US')}×`;
  return `${ratio.toFixed(ratio >= 10 ? 1 : 2)}×`;
}

/** A rate per second, e.g. `23.4 M/s`. */
export function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k/s`;
  return `${perSecond.toFixed(0)} /s`;
}

/** A timing as `median (min–max, N runs after W warm-up)`. */
export function describeTiming(timing: Timing): string {
  return `${formatDuration(timing.median)} median (min ${formatDuration(timing.min)}, max ${formatDuration(timing.max)}; ${timing.runs} runs after ${timing.warmups} warm-up)`;
}

export function verdict(met: boolean): string {
  return met ? 'target met' : 'target MISSED';
}

/** Prints a heading for a benchmark. */
export function heading(title: string): void {
  console.log(`\n${'='.repeat(78)}\n${title}\n${'='.repeat(78)}`);
}

/** Prints rows as a plain-text table with a header. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((title, c) => Math.max(title.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ').trimEnd();
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
  for (const row of rows) console.log(line(row));
}

/**
 * Deterministic pseudo-random outcomes (one option index per issue), as views into one
 * buffer. One 32-bit `pure-rand` draw per issue, reduced modulo the option count (the
 * tiny modulo bias does not matter for timing).
 */
export function randomOutcomes(seed: number, count: number, optionCounts: ArrayLike<number>): Uint8Array[] {
  const issues = optionCounts.length;
  const buffer = new Uint8Array(count * issues);
  const rng = xoroshiro128plus(seed);
  for (let k = 0; k < count; k++) for (let i = 0; i < issues; i++) buffer[k * issues + i] = (rng.unsafeNext() >>> 0) % optionCounts[i]!;
  return Array.from({ length: count }, (_, k) => buffer.subarray(k * issues, (k + 1) * issues));
}
