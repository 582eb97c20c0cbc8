import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createColors } from 'picocolors';
import { runCli, type Output } from '@parley/cli';

/** The repository root, and the bundled Ukraine 2025 scenario in it. */
export const root = fileURLToPath(new URL('../../../..', import.meta.url));
export const seeds = join(root, 'seeds/ukraine-2025');

/** Matches an ANSI colour escape. */
export const ansi = /\u001b\[/;

/** Runs `parley …args` in-process, as from a terminal with or without colour, and captures what it prints. */
export async function parley(args: readonly string[], { colour = false } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const output: Output = { out: (text) => out.push(text), err: (text) => err.push(text), colors: createColors(colour) };
  const code = await runCli(['node', 'parley', ...args], output);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
