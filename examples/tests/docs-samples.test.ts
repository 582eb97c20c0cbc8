import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

// Every TypeScript sample in the README and in docs/ must run as written: each is saved as
// a module and imported, exactly as a reader would paste it into a file of their own.

const root = fileURLToPath(new URL('../..', import.meta.url));
const samplesDir = fileURLToPath(new URL('../.samples/', import.meta.url));
const documents = ['README.md', ...readdirSync(`${root}/docs`).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
const samples = documents.flatMap((document) =>
  [...readFileSync(`${root}/${document}`, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((match, index) => ({ name: `${document} #${index + 1}`, code: match[1]! })),
);

describe('code samples in the README and docs', () => {
  it('has samples to run in the README and in docs/analysis.md', () => {
    expect(samples.filter((sample) => sample.name.startsWith('README.md')).length).toBeGreaterThanOrEqual(2);
    expect(samples.some((sample) => sample.name.startsWith('docs/analysis.md'))).toBe(true);
  });

  it.each(samples.map((sample, index) => [sample.name, index + 1, sample.code] as const))('%s runs without error', async (_name, index, code) => {
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
