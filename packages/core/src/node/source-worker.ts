import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ParleyError, type ParleyErrorCode } from '../model/errors.js';
import { threadId } from 'node:worker_threads';

// How the worker threads (exploration, tournament) start when Parley runs from its TypeScript
// sources (vitest, `tsx --conditions=source`). Node-only, and not part of the public API.
//
// Loading the worker's `.ts` files through tsx in every thread cost about a second of
// start-up per thread on this project's 2-core machine (tsx's loader and its hooks set up in
// each thread, and every file resolved and loaded through them, whatever tsx's file cache
// spares), against ~150 ms for the built `.js`. So the worker is bundled once per process
// with esbuild (which tsx runs on anyway) into one plain `.js` file, from the sources as
// they are now, and every thread loads that: about 100 ms of bundling, once.

/** How to start a worker thread: its file and Node's options for it. */
export interface WorkerStart {
  readonly filename: string;
  readonly execArgv?: string[];
}

/**
 * @internal How to start the worker `name` that lives beside `caller` (a module's
 * `import.meta.url`). Built, the `.js` file, with Node's options as they are. Under the
 * TypeScript sources (the caller's URL ends in `.ts`: vitest, `tsx --conditions=source`), the
 * worker's `.ts` file bundled once per process into plain JavaScript (see
 * {@link bundledSourceWorker}), so that no thread compiles TypeScript; failing that, the `.ts`
 * file itself, with tsx's loader (resolved from here) imported in each worker and the `source`
 * condition: tsx's full loader rather than `tsx/esm`, because on Node 20 tsx installs its ESM
 * hooks on the main thread only, so a worker loads the `.ts` file through tsx's `require`
 * hook, which piscina tries first. Without tsx either, a `ParleyError` with `code`.
 *
 * @example
 * ```ts
 * const pool = new Piscina({ ...workerStart(import.meta.url, 'explore-worker', 'INVALID_EXPLORATION'), maxThreads: 2 });
 * ```
 */
export function workerStart(caller: string, name: string, code: ParleyErrorCode): WorkerStart {
  const source = /\.[cm]?ts$/.test(caller);
  const url = new URL(`./${name}.${source ? 'ts' : 'js'}`, caller);
  if (!source) return { filename: url.href };
  const bundled = bundledSourceWorker(url);
  if (bundled !== null) return bundled;
  let loader: string;
  try {
    loader = pathToFileURL(createRequire(caller).resolve('tsx')).href;
  } catch {
    throw new ParleyError(code, 'running Parley from its TypeScript sources on worker threads needs tsx: install it (pnpm add -D tsx), use the built package, or set workers to 1');
  }
  return { filename: url.href, execArgv: ['--import', loader, '--conditions=source'] };
}

/** How long an unused bundle is kept: a day. */
const STALE_MS = 24 * 60 * 60 * 1000;

/** The bundles made in this process, by the worker's source file: each is made once. */
const bundles = new Map<string, WorkerStart | null>();

/**
 * @internal The worker whose TypeScript source is `source`, bundled into one ES module of
 * plain JavaScript (its own files bundled, its packages imported as they are), or null
 * when it cannot be bundled here (esbuild missing, a directory that cannot be written):
 * the caller then loads the `.ts` file through tsx in each thread as before.
 *
 * The bundle is written, named by a hash of its contents, to `node_modules/.cache/parley/`
 * of the package the source belongs to, so that its packages resolve from there, and a
 * bundle of other sources never overwrites it; a bundle is written once (to a temporary
 * name, then renamed), so processes that bundle at the same time agree. Threads start with
 * source maps on, so their stack traces name the `.ts` files, and none of the parent's
 * options: those load tsx, which the bundle does not need.
 *
 * @example
 * ```ts
 * const start = bundledSourceWorker(new URL('./explore-worker.ts', import.meta.url));
 * // { filename: 'file:///…/node_modules/.cache/parley/explore-worker-1f2e….mjs', execArgv: ['--enable-source-maps'] }
 * ```
 */
export function bundledSourceWorker(source: URL): WorkerStart | null {
  const path = fileURLToPath(source);
  if (!bundles.has(path)) bundles.set(path, bundle(path, source));
  return bundles.get(path)!;
}

function bundle(path: string, source: URL): WorkerStart | null {
  try {
    // Loaded only here, from the sources: the built package has no use for esbuild.
    const esbuild = createRequire(source)('esbuild') as typeof import('esbuild');
    const directory = join(packageDirectoryOf(path), 'node_modules', '.cache', 'parley');
    const name = basename(path).replace(/\.[cm]?ts$/, '');
    const built = esbuild.buildSync({
      entryPoints: [path],
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['source'],
      sourcemap: 'inline',
      sourcesContent: false,
      write: false,
      logLevel: 'silent',
      // Where the bundle goes (renamed there with its hash), for the source map's paths.
      outfile: join(directory, `${name}.mjs`),
    });
    const text = built.outputFiles[0]!.contents;
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
    const file = join(directory, `${name}-${hash}.mjs`);
    if (existsSync(file)) {
      // Used again: its time says so, for the pruning below.
      const now = new Date();
      utimesSync(file, now, now);
    } else {
      mkdirSync(directory, { recursive: true });
      const temporary = `${file}.${process.pid}-${threadId}.tmp`;
      writeFileSync(temporary, text);
      renameSync(temporary, file);
      pruneBundles(directory, name, file);
    }
    return { filename: pathToFileURL(file).href, execArgv: ['--enable-source-maps'] };
  } catch {
    return null;
  }
}

/**
 * Every edit of the sources makes a new bundle: those not used for {@link STALE_MS} go
 * (a process that still runs an older version of the sources may start threads from its
 * bundle later, so the recent ones stay). Best effort: a file that cannot go stays.
 */
function pruneBundles(directory: string, name: string, keep: string): void {
  const cutoff = statSync(keep).mtimeMs - STALE_MS;
  for (const entry of readdirSync(directory)) {
    if (!entry.startsWith(`${name}-`)) continue;
    const file = join(directory, entry);
    try {
      if (file !== keep && statSync(file).mtimeMs < cutoff) unlinkSync(file);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}

/** The directory of the nearest `package.json` above `path`. */
function packageDirectoryOf(path: string): string {
  for (let directory = dirname(path); ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'package.json'))) return directory;
    if (dirname(directory) === directory) throw new Error(`no package.json above ${path}`);
  }
}
