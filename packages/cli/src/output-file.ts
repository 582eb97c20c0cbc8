import { constants } from 'node:fs';
import { access, mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * Thrown when a file the command was asked to write (`--out FILE`) cannot be written: it
 * names the option, the file and what stands in the way, and says what to do, instead of
 * the file system's errno text (`EEXIST: file already exists, mkdir '…'`).
 *
 * @example
 * ```ts
 * try {
 *   await writeOutputFile('--out', 'README.md/report.html', html);
 * } catch (error) {
 *   if (error instanceof OutputFileError) console.error(error.message, error.file);
 * }
 * ```
 */
export class OutputFileError extends Error {
  /** Stable, for callers that branch on it. */
  readonly code = 'OUTPUT_NOT_WRITABLE';
  /** The absolute path of the file that could not be written. */
  readonly file: string;
  constructor(option: string, file: string, reason: string, fix: string) {
    super(`cannot write ${option} ${file}: ${reason}; ${fix}`);
    this.name = 'OutputFileError';
    this.file = file;
  }
}

/**
 * Checks, without writing anything, that `path` (given as `option`) could be written: it is
 * not a directory, and the nearest existing directory above it is a directory this process
 * may write to (the missing ones are created when writing). Run before slow work, so that a
 * mistyped `--out` fails in a second, not after the work is done.
 *
 * @throws OutputFileError when the file could not be written.
 */
export async function checkOutputFile(option: string, path: string): Promise<void> {
  const file = resolve(path);
  const found = await statOf(file);
  if (found !== null) {
    if (found.isDirectory()) throw isDirectory(option, file);
    if (!(await writable(file))) throw notPermitted(option, file, file);
    return;
  }
  let parent = dirname(file);
  for (;;) {
    const above = await statOf(parent);
    if (above !== null) {
      if (!above.isDirectory()) throw underAFile(option, file, parent);
      if (!(await writable(parent))) throw notPermitted(option, file, parent);
      return;
    }
    const next = dirname(parent);
    if (next === parent) return;
    parent = next;
  }
}

/**
 * Writes `text` to `path` (given as `option`), creating the directories it needs, and
 * returns the absolute path written.
 *
 * @throws OutputFileError naming the file, the reason and the fix, whatever the file system refused.
 */
export async function writeOutputFile(option: string, path: string, text: string): Promise<string> {
  const file = resolve(path);
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text, 'utf8');
    return file;
  } catch (error) {
    throw await explain(option, file, error);
  }
}

/** What the file system's error means for `file`, as an {@link OutputFileError}. */
async function explain(option: string, file: string, error: unknown): Promise<OutputFileError> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EISDIR':
      return isDirectory(option, file);
    case 'ENOTDIR':
    case 'EEXIST': {
      // mkdir met a file where a directory must be: name it.
      let parent = dirname(file);
      while ((await statOf(parent)) === null && dirname(parent) !== parent) parent = dirname(parent);
      return underAFile(option, file, parent);
    }
    case 'EACCES':
    case 'EPERM':
      return notPermitted(option, file, file);
    case 'EROFS':
      return new OutputFileError(option, file, 'the file system is read-only', `give ${option} a path on a writable disk`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new OutputFileError(option, file, 'the disk is full', `free some space or give ${option} a path on another disk`);
    case 'ENAMETOOLONG':
      return new OutputFileError(option, file, 'the path is too long', `give ${option} a shorter path`);
    default:
      return new OutputFileError(option, file, `the file system refused (${error instanceof Error ? error.message : String(error)})`, `give ${option} another path`);
  }
}

function isDirectory(option: string, file: string): OutputFileError {
  return new OutputFileError(option, file, 'it is a directory', `give ${option} the name of a file to write inside it, not the directory itself`);
}

function underAFile(option: string, file: string, blocker: string): OutputFileError {
  return new OutputFileError(option, file, `${blocker} is a file, not a directory`, `give ${option} a path inside a directory (missing directories are created)`);
}

function notPermitted(option: string, file: string, where: string): OutputFileError {
  return new OutputFileError(option, file, `permission denied on ${where}`, `give ${option} a path in a directory you can write to`);
}

async function statOf(path: string) {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}

async function writable(path: string): Promise<boolean> {
  try {
    await access(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
