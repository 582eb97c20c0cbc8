// The default import: Node finds only some of cli-progress's CommonJS exports by name (not `Format`).
import cliProgress from 'cli-progress';
import { createColors } from 'picocolors';

const { Format, Presets, SingleBar } = cliProgress;

/** A progress display for slow work: move it on with `update`, and `stop` it before printing results. */
export interface Progress {
  /** `done` of the total steps are finished; `detail` says what is being done now. */
  readonly update: (done: number, detail?: string) => void;
  /** Clears the display. Safe to call more than once. */
  readonly stop: () => void;
}

/** Where a command writes, and whether it may use colour. Injected so tests can capture it. */
export interface Output {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Colour functions: real ones on a terminal, identity functions otherwise. */
  readonly colors: ReturnType<typeof createColors>;
  /**
   * Starts a progress display of `total` steps labelled `label`: a bar on stderr when it is a
   * terminal, nothing otherwise (so piped and captured output never contains it). Optional:
   * an output without it shows no progress.
   */
  readonly progress?: (label: string, total: number, options?: ProgressOptions) => Progress;
}

/** How a progress display shows its steps. */
export interface ProgressOptions {
  /**
   * Show the time left, estimated from the speed so far. Only for steps that cost alike (the
   * runs of an exploration); for a few steps of different sizes it would mislead.
   */
  readonly timeLeft?: boolean;
}

/** A progress display that shows nothing. */
export const noProgress: Progress = { update: () => {}, stop: () => {} };

/**
 * Starts `output`'s progress display, or a silent one when `output` has none or `quiet` is
 * set (as it is for `--json`, whose callers are scripts).
 *
 * @example
 * ```ts
 * const progress = startProgress(output, 'Simulating', rounds, options.json === true);
 * try { work((done) => progress.update(done)); } finally { progress.stop(); }
 * ```
 */
export function startProgress(output: Output, label: string, total: number, quiet = false, options: ProgressOptions = {}): Progress {
  return quiet || output.progress === undefined ? noProgress : output.progress(label, total, options);
}

/** The streams and environment {@link processOutput} writes to and reads; the process's own by default. */
export interface ProcessStreams {
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  /**
   * The wall clock the time left is estimated with, in milliseconds (default
   * `performance.now`): the only clock the CLI reads, passed in so that what it measures is
   * explicit and a test can give its own.
   */
  readonly clock?: () => number;
}

/**
 * The output of the real process: colour only when stdout is a TTY and `NO_COLOR` is unset
 * (or when `FORCE_COLOR` is set), so piped output is plain text; a progress bar only when
 * stderr is a TTY (and `TERM` is not `dumb`).
 *
 * @example
 * ```ts
 * await runCli(process.argv, processOutput());
 * ```
 */
export function processOutput({ stdout, stderr, env, clock = () => performance.now() }: ProcessStreams = process): Output {
  const colour = env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0'
    ? true
    : stdout.isTTY === true && env['NO_COLOR'] === undefined;
  const interactive = stderr.isTTY === true && env['TERM'] !== 'dumb';
  return {
    out: (text) => stdout.write(`${text}\n`),
    err: (text) => stderr.write(`${text}\n`),
    colors: createColors(colour),
    progress: (label, total, options = {}) => (interactive ? progressBar(stderr, label, total, options.timeLeft === true, clock) : noProgress),
  };
}

/**
 * A one-line bar on `stream`, with the time left when `timeLeft` is set. A new `detail` (the next step) is drawn at
 * once; otherwise cli-progress redraws at most five times a second as updates come (work
 * between updates is often synchronous, so its timer could not fire), and on its timer while
 * the event loop is free (work on worker threads), so the time left keeps moving.
 */
function progressBar(stream: NodeJS.WritableStream, label: string, total: number, timeLeft: boolean, clock: () => number): Progress {
  const template = `${label} {bar} {value}/{total} {detail}{remaining}`;
  // The speed is measured from the first step done, not from the start: start-up (worker
  // threads, compiling) would otherwise make the first estimates hours too long.
  let first: { readonly at: number; readonly done: number } | undefined;
  const bar = new SingleBar({
    stream,
    // A function rather than a template string, so that the time left is worked out at every
    // draw, including the draws of cli-progress's own timer.
    format: (options, params, payload: Record<string, unknown>) => {
      const remaining = !timeLeft || first === undefined ? '' : timeLeftText(params.value - first.done, params.total - first.done, clock() - first.at);
      return Format.Formatter({ ...options, format: template }, params, { ...payload, remaining });
    },
    barsize: 24,
    clearOnComplete: true,
    // No SIGINT handler (it would swallow Ctrl-C: the work is synchronous, so the handler could
    // only run once it is done), hence no hidden cursor that an interrupted run would leave hidden.
    gracefulExit: false,
    hideCursor: false,
  }, Presets.shades_classic);
  bar.start(total, 0, { detail: '' });
  let stopped = false;
  let shown: string | undefined = '';
  return {
    update: (done, detail) => {
      if (stopped) return;
      if (first === undefined && done > 0) first = { at: clock(), done };
      bar.update(done, detail === undefined ? {} : { detail });
      if (detail !== undefined && detail !== shown) {
        shown = detail;
        bar.render();
      }
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}

/**
 * The time left of a progress display, after `done` of `total` steps in `elapsedMs`, as
 * ` · 3m 12s left` (empty before a step is done, and once all are). Steps are taken to cost
 * alike, as the runs of an exploration do: the average so far is the estimate.
 *
 * @example
 * ```ts
 * timeLeftText(250, 1000, 10_000); // ' · 30s left'
 * ```
 */
export function timeLeftText(done: number, total: number, elapsedMs: number): string {
  if (done <= 0 || done >= total || elapsedMs <= 0) return '';
  return ` · ${formatDuration((elapsedMs * (total - done)) / done)} left`;
}

/**
 * A duration for people, to the precision that matters at its size: `45s`, `3m 12s`,
 * `2h 05m`, `3d 20h`.
 *
 * @example
 * ```ts
 * formatDuration(192_000); // '3m 12s'
 * ```
 */
export function formatDuration(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** An {@link Output} that keeps what a command prints, in order, with no colour and no progress. */
export interface CapturedOutput extends Output {
  /** Every line written to stdout, joined. */
  stdout(): string;
  /** Every line written to stderr, joined. */
  stderr(): string;
}

/**
 * An output that captures instead of printing, for running the `parley` command from code
 * (tests, tools, notebooks).
 *
 * @example
 * ```ts
 * const output = capturedOutput();
 * const code = await runCli(['node', 'parley', 'assess', 'seeds/ukraine-2025', '--json'], output);
 * const report = JSON.parse(output.stdout());
 * ```
 */
export function capturedOutput(): CapturedOutput {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    colors: createColors(false),
    stdout: () => out.join('\n'),
    stderr: () => err.join('\n'),
  };
}
