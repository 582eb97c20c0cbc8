import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

// Every TypeScript sample in the README must run as written: each is saved as a module
// and imported, exactly as a reader would paste it into a file of their own.

const root = fileURLToPath(new URL('../..', import.meta.url));
const samplesDir = fileURLToPath(new URL('../.samples/', import.meta.url));
const readme = readFileSync(`${root}/README.md`, 'utf8');
const samples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);

describe('README code samples', () => {
  it('has samples to run', () => {
    expect(samples.length).toBeGreaterThanOrEqual(2);
  });

  it.each(samples.map((code, index) => [index + 1, code] as const))('sample %i runs without error', async (index, code) => {
    mkdirSync(samplesDir, { recursive: true });
    const file = `${samplesDir}readme-${index}.ts`;
    writeFileSync(file, `${code}\nexport {};\n`);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await expect(import(/* @vite-ignore */ file)).resolves.toBeDefined();
    } finally {
      log.mockRestore();
    }
  });
});
