import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { stringify } from 'yaml';
import { ScenarioError, type DomainSpec, type PartySpec, type Problem } from '@parley/core';
import { loadScenario } from '@parley/core/node';

// A two-party scenario written out as files, for the tests of what loading files refuses:
// scenario.yaml, sources.yaml, domain.yaml, parties/a.yaml and party b in the file asked for.

/** Two issues: an ordered army cap and sanctions. */
export const DOMAIN: DomainSpec = {
  issues: [
    { id: 'army.cap', label: 'Army cap', ordered: true, options: [{ id: 'none', label: 'None' }, { id: '800k', label: '800k' }, { id: '600k', label: '600k' }] },
    { id: 'sanctions', label: 'Sanctions', ordered: false, options: [{ id: 'kept', label: 'Kept' }, { id: 'lifted', label: 'Lifted' }] },
  ],
};

/** A party over {@link DOMAIN} that wants no cap and sanctions lifted; `overrides` replaces fields. */
export function partySpec(id: string, overrides: Partial<PartySpec> = {}): PartySpec {
  return {
    id,
    name: `Party ${id}`,
    reservationValue: 0.4,
    redLines: [],
    preferences: {
      weights: { 'army.cap': 2, sanctions: 1 },
      values: { 'army.cap': { none: 1, '800k': 0.6, '600k': 0 }, sanctions: { kept: 0.2, lifted: 0.9 } },
    },
    ...overrides,
  };
}

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Writes the scenario to a new temporary directory (removed after each test) and returns it.
 * `files` replaces or adds file texts by path; party b is `partyB` (YAML or JSON by its name),
 * written from `partySpec('b')` unless `files` gives its text.
 */
export function writeTwoPartyScenario(files: Record<string, string> = {}, partyB = 'parties/b.yaml'): string {
  return writeScenarioFiles({
    'scenario.yaml': stringify({ id: 'mini', title: 'Mini', sources: 'sources.yaml', domain: 'domain.yaml', parties: ['parties/a.yaml', partyB], plans: [] }),
    'sources.yaml': 'S1: "A citation."\n',
    'domain.yaml': stringify(DOMAIN),
    'parties/a.yaml': stringify(partySpec('a')),
    [partyB]: partyB.endsWith('.json') ? JSON.stringify(partySpec('b')) : stringify(partySpec('b')),
    ...files,
  });
}

/** Writes `files` (text by path) to a new temporary directory, removed after each test, and returns it. */
export function writeScenarioFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-files-'));
  tempDirs.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

/** The problems loading the scenario in `dir` reports (it must fail with a ScenarioError). */
export async function loadProblems(dir: string): Promise<readonly Problem[]> {
  const error: unknown = await loadScenario(dir).then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(ScenarioError);
  return (error as ScenarioError).problems;
}
