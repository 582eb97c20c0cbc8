#!/usr/bin/env node
// The installed `parley` command. It runs the build in ../dist, which `pnpm install` makes
// (the package's `prepare` script), so that starting it compiles no TypeScript. It is a file
// of its own, kept in git, because the package manager links a package's commands before it
// builds the package: a command pointing into dist/ would not exist yet when it is linked.
import { existsSync } from 'node:fs';

const built = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write(
    'parley: the command is not built (packages/cli/dist/bin.js is missing). ' +
      'Run `pnpm install` (or `pnpm build`) in the Parley repository, or `pnpm parley …` there to run it from the sources.\n',
  );
  process.exit(1);
}
await import(built.href);
