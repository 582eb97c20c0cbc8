import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createColors } from 'picocolors';
import { describe, expect, it } from 'vitest';
import { createProgram } from '@parley/cli';
import { ansi, parley, root, seeds } from './support/run-parley.js';

interface Sample {
  /** A quick invocation, without --json. */
  readonly args: readonly string[];
  /** False when the command prints no colour at all (it writes a file and says so). */
  readonly colours?: boolean;
}

/** A small tournament over one bundled GENIUS domain, written to a temporary file. */
function tournamentFile(): string {
  const domains = join(root, '../shared/genius-domains/itex-cypress');
  const file = join(mkdtempSync(join(tmpdir(), 'parley-tournament-')), 'tournament.yaml');
  writeFileSync(file, `deadline: 20\nstrategies: [{ name: b, kind: boulware }, { name: c, kind: conceder }]\ndomains:\n  - id: itex\n    genius: { domain: ${domains}/ItexvsCypress_domain.xml, profiles: [${domains}/ItexvsCypress_Itex.xml, ${domains}/ItexvsCypress_Cypress.xml] }\n`);
  return file;
}

/**
 * One sample invocation of each command. Every registered command needs one: a new command
 * fails here until it is added, so `--json` and colour-only-on-a-terminal are checked everywhere.
 */
const samples: Record<string, Sample> = {
  assess: { args: ['assess', seeds, '--plan', 'us-28'] },
  analyze: { args: ['analyze', seeds, '--max-size', '1'] },
  diff: { args: ['diff', seeds, 'us-28', 'us-ukraine-19'] },
  run: { args: ['run', seeds] },
  explore: { args: ['explore', seeds, '--runs', '8', '--workers', '1'] },
  tournament: { args: ['tournament', tournamentFile(), '--workers', '1'] },
  stability: { args: ['stability', seeds, '--concepts', 'nash'] },
  backtest: { args: ['backtest', join(root, 'cases/ukraine-2025'), '--runs', '8'] },
  report: {
    args: ['report', seeds, '--out', join(mkdtempSync(join(tmpdir(), 'parley-report-')), 'report.html')],
    colours: false,
  },
};

const commands = createProgram({ out: () => {}, err: () => {}, colors: createColors(false) }).commands.map((command) => command.name());

describe.each(commands)('parley %s', (name) => {
  const sample = samples[name];

  it('has a sample invocation in this test', () => {
    expect(sample, `add a sample invocation of "parley ${name}" to samples in ${import.meta.url}`).toBeDefined();
  });
  if (sample === undefined) return;

  it('prints plain text when not on a terminal, and colour on one', async () => {
    const plain = await parley(sample.args, { colour: false });
    expect(plain.code).toBe(0);
    expect(plain.stdout.length).toBeGreaterThan(0);
    expect(plain.stdout).not.toMatch(ansi);
    expect(plain.stderr).toBe('');
    if (sample.colours === false) return;
    const coloured = await parley(sample.args, { colour: true });
    expect(coloured.code).toBe(0);
    expect(coloured.stdout).toMatch(ansi);
  });

  it('prints plain, parseable JSON with --json, even on a terminal, and nothing on stderr', async () => {
    const { code, stdout, stderr } = await parley([...sample.args, '--json'], { colour: true });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).not.toMatch(ansi);
    expect(typeof JSON.parse(stdout)).toBe('object');
  });
});
