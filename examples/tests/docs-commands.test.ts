import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { capturedOutput, runCli } from '@parley/cli';

// Every `pnpm parley …` command shown in a shell block of the README or docs/ must run as
// written (from the repository root) and exit 0: the docs cannot show a command that fails.
// Output files (`--out`) are redirected to a temporary folder; install lines are left to CI.

const root = fileURLToPath(new URL('../..', import.meta.url));
const documents = ['README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

/** Splits a shell line into words, honouring single and double quotes. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3]!);
}

const commands = new Map<string, string>();
for (const document of documents) {
  for (const [, block] of readFileSync(join(root, document), 'utf8').matchAll(/```(?:sh|bash)\n([\s\S]*?)```/g)) {
    for (const line of block!.replace(/\\\n\s*/g, ' ').split('\n')) {
      const command = line.replace(/\s+#.*$/, '').trim();
      if (!command.startsWith('pnpm parley ') || /[<>|…]/.test(command)) continue;
      if (!commands.has(command)) commands.set(command, document);
    }
  }
}

describe('commands shown in the README and docs', () => {
  it('there are commands to run', () => {
    expect(commands.size).toBeGreaterThan(10);
  });

  it.each([...commands.entries()])('%s (from %s) exits 0', async (command) => {
    const args = words(command).slice(2);
    const out = args.indexOf('--out');
    if (out >= 0) args[out + 1] = join(mkdtempSync(join(tmpdir(), 'parley-docs-')), args[out + 1]!);
    for (const arg of args) if (arg.endsWith('.xml') && !existsSync(join(root, arg))) return; // GENIUS files outside this checkout
    const output = capturedOutput();
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const code = await runCli(['node', 'parley', ...args], output);
      expect(code, output.stderr()).toBe(0);
      expect(output.stdout().length).toBeGreaterThan(0);
    } finally {
      process.chdir(cwd);
    }
  }, 60_000);
});
