#!/usr/bin/env node
// The `parley` command. It runs the build in ../dist, which `pnpm install` makes (the
// package's `prepare` script), so that starting it compiles no TypeScript (0.4 s instead of
// 2 s). It is a file of its own, kept in git, because the package manager links a package's
// commands before it builds the package: a command pointing into dist/ would not exist yet
// when it is linked.
//
// In the Parley repository itself (`pnpm parley …`), sources edited since the last build
// would make the build lie about what the code does: then the command runs the sources
// through tsx instead, and says so once on stderr. Outside the repository (an installed
// package) the build is used as it is.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/bin.js', import.meta.url);
const workspace = new URL('../../../pnpm-workspace.yaml', import.meta.url);
const sourceTrees = [new URL('../src/', import.meta.url), new URL('../../core/src/', import.meta.url)];
const builtFiles = [built, new URL('../../core/dist/index.js', import.meta.url)];

/** The newest modification time of any file under `dir`, in ms. */
function newestIn(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const time = statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

/** In the repository: whether some source file is newer than the build that runs it. */
function buildIsStale() {
  if (!existsSync(workspace) || !sourceTrees.every((dir) => existsSync(dir))) return false;
  if (!builtFiles.every((file) => existsSync(file))) return true;
  const builtAt = Math.min(...builtFiles.map((file) => statSync(file).mtimeMs));
  return sourceTrees.some((dir) => newestIn(dir) > builtAt);
}

if (buildIsStale()) {
  process.stderr.write('parley: the sources changed since the last build, so they run through tsx (a slower start); `pnpm build` makes it fast again.\n');
  const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
  // tsx resolved from here, not from the working directory, which may be outside the repository.
  const child = spawnSync(process.execPath, ['--conditions=source', '--import', import.meta.resolve('tsx'), bin, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}
if (!existsSync(built)) {
  process.stderr.write(
    'parley: the command is not built (packages/cli/dist/bin.js is missing). ' +
      'Run `pnpm install` (or `pnpm build`) in the Parley repository.\n',
  );
  process.exit(1);
}
await import(built.href);
