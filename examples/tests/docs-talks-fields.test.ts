import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mediatorStrategyNames, partyStrategyNames, talksSchema } from '@parley/core';

// docs/scenario-files.md documents every field of talks.yaml (issue 12). The fields are read
// from the schema itself, so a field added to talksSchema without a line in that section of
// the docs fails here.

const docs = readFileSync(fileURLToPath(new URL('../../docs/scenario-files.md', import.meta.url)), 'utf8');
const start = docs.indexOf('\n## The talks file: `talks.yaml`');
const section = docs.slice(start, docs.indexOf('\n## ', start + 1));

/** What the talks schema names: every object key and every literal (the `kind`s, the protocol). */
function schemaWords(schema: unknown, words = { keys: new Set<string>(), literals: new Set<string>() }) {
  const def = (schema as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'object':
      for (const [key, child] of Object.entries(def['shape'] as Record<string, unknown>)) {
        words.keys.add(key);
        schemaWords(child, words);
      }
      break;
    case 'array':
      schemaWords(def['element'], words);
      break;
    case 'optional':
    case 'nullable':
      schemaWords(def['innerType'], words);
      break;
    case 'union':
      for (const option of def['options'] as unknown[]) schemaWords(option, words);
      break;
    case 'record':
      schemaWords(def['valueType'], words);
      break;
    case 'literal':
      for (const value of def['values'] as unknown[]) words.literals.add(String(value));
      break;
    case 'string':
    case 'number':
    case 'boolean':
    case 'enum':
      break;
    default:
      // A kind of schema this walk does not look into could hide fields: teach it the kind.
      throw new Error(`schemaWords does not know zod schemas of type "${def.type}"; add a case that walks into it`);
  }
  return words;
}

describe('docs/scenario-files.md documents every field of talks.yaml', () => {
  const { keys, literals } = schemaWords(talksSchema);

  it('has the section, and the schema has fields to check', () => {
    expect(start).toBeGreaterThan(0);
    expect(keys.size).toBeGreaterThan(20);
    expect(literals).toContain('deadline');
  });

  it.each([...keys])('field `%s` is in the section', (key) => {
    expect(section).toContain(`\`${key}\``);
  });

  it.each([...literals])('value `%s` (an event kind or the protocol) is in the section', (literal) => {
    expect(section).toContain(`\`${literal}\``);
  });

  it.each([...partyStrategyNames, ...mediatorStrategyNames])('strategy `%s` is in the section', (name) => {
    expect(section).toContain(`\`${name}\``);
  });

  it('gives the ranges of the shifts, and says a deadline needs hard', () => {
    expect(section).toMatch(/`reservationShift`, a number in \[-1, 1\]/);
    expect(section).toMatch(/`leverageShift`, a number in \[-10, 10\]/);
    expect(section).toMatch(/`hard` has no default/);
  });
});
