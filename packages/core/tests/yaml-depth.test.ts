import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { MAX_YAML_DEPTH, loadScenario } from '@parley/core/node';
import { loadProblems, writeScenarioFiles } from './support/two-party-files.js';

// The yaml library, given a file nested a few thousand levels deep after another deep one,
// killed the process ("FATAL ERROR: RegExpCompiler Allocation failed"). Such files are refused
// as a limit of the file, with its line and the fix: js-yaml's parser stops at the limit.

/** `a:` nested `depth` levels deep in block style, two spaces a level. */
const blockNested = (depth: number): string => `${Array.from({ length: depth }, (_, level) => `${'  '.repeat(level)}a:`).join('\n')} 1\n`;

/** A list nested `depth` levels deep in flow style: `[[[…]]]`. */
const flowNested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}\n`;

const writeScenario = (domainYaml: string): string => writeScenarioFiles({ 'scenario.yaml': stringify({ id: 'deep', title: 'Deep', domain: 'domain.yaml', parties: [], plans: [] }), 'domain.yaml': domainYaml });

describe(`YAML nested more than MAX_YAML_DEPTH (${MAX_YAML_DEPTH}) levels deep`, () => {
  it('is 256 levels', () => {
    expect(MAX_YAML_DEPTH).toBe(256);
  });

  it('refuses a 1 000-deep file and then a 3 000-deep file in the same process, each as a problem of its file', async () => {
    const first = await loadProblems(writeScenario(blockNested(1_000)));
    const second = await loadProblems(writeScenario(flowNested(3_000)));
    const third = await loadProblems(writeScenario(blockNested(3_000)));

    for (const problems of [first, second, third]) {
      expect(problems).toEqual([expect.objectContaining({ code: 'limit-exceeded', file: 'domain.yaml', path: '' })]);
      expect(problems[0]!.message).toContain(`more than ${MAX_YAML_DEPTH} levels`);
      expect(problems[0]!.message).toMatch(/flatten/);
    }
    expect(first[0]!.message).toMatch(/^line 257, column 513: /);
    // The 257th [ is the first past the limit.
    expect(second[0]!.message).toMatch(/^line 1, column 257: /);
  });

  it('still reads a file nested just under the limit, and brackets inside text do not count', async () => {
    const deepButAllowed = `issues: []\nnote: ${flowNested(MAX_YAML_DEPTH - 2).trim()}\n`;
    const problems = await loadProblems(writeScenario(deepButAllowed));
    expect(problems.every((problem) => problem.code !== 'limit-exceeded')).toBe(true);

    const text = `issues: []\nnote: "${'['.repeat(1_000)}"\nmore: |\n  ${'{'.repeat(1_000)}\n`;
    const textProblems = await loadProblems(writeScenario(text));
    expect(textProblems.every((problem) => problem.code !== 'limit-exceeded')).toBe(true);
  });
});
