import { Presets, SingleBar } from 'cli-progress';
import { createColors } from 'picocolors';

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
  readonly progress?: (label: string, total: number) => Progress;
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
export function startProgress(output: Output, label: string, total: number, quiet = false): Progress {
  return quiet || output.progress === undefined ? noProgress : output.progress(label, total);
}

/** The streams and environment {@link processOutput} writes to and reads; the process's own by default. */
export interface ProcessStreams {
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
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
export function processOutput({ stdout, stderr, env }: ProcessStreams = process): Output {
  const colour = env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0'
    ? true
    : stdout.isTTY === true && env['NO_COLOR'] === undefined;
  const interactive = stderr.isTTY === true && env['TERM'] !== 'dumb';
  return {
    out: (text) => stdout.write(`${text}\n`),
    err: (text) => stderr.write(`${text}\n`),
    colors: createColors(colour),
    progress: (label, total) => (interactive ? progressBar(stderr, label, total) : noProgress),
  };
}

/** A one-line bar on `stream` that redraws on every update (the work between updates is synchronous, so no timer could). */
function progressBar(stream: NodeJS.WritableStream, label: string, total: number): Progress {
  const bar = new SingleBar({
    stream,
    format: `${label} {bar} {value}/{total} {detail}`,
    barsize: 24,
    clearOnComplete: true,
    // No SIGINT handler (it would swallow Ctrl-C: the work is synchronous, so the handler could
    // only run once it is done), hence no hidden cursor that an interrupted run would leave hidden.
    gracefulExit: false,
    hideCursor: false,
  }, Presets.shades_classic);
  bar.start(total, 0, { detail: '' });
  let stopped = false;
  return {
    update: (done, detail) => {
      if (stopped) return;
      bar.update(done, detail === undefined ? {} : { detail });
      bar.render();
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
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
