import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parley, root, seeds } from './support/run-parley.js';

// Change one assumption from the command line, without writing a file:
//   --set <party>.reservationValue=<n>   --set <party>.weights.<issue>=<n>
//   --set <party>.values.<issue>.<option>=<n>   --drop <party>/<red-line>
// Every command that loads a scenario takes them, says which were applied, and checks the
// overridden numbers as it checks a file.

const scratch = mkdtempSync(join(tmpdir(), 'parley-overrides-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface AssessJson {
  readonly assessments: readonly { readonly plan: string; readonly party: string; readonly stance: string; readonly reservationValue: number; readonly violations: readonly { readonly redLine: string }[] }[];
  readonly overrides?: readonly Record<string, unknown>[];
}

const assessmentOf = (json: AssessJson, plan: string, party: string) => json.assessments.find((a) => a.plan === plan && a.party === party)!;

/** Every file of a directory, by path, as text. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name)] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

describe('--set and --drop', () => {
  it('change a reservation value: if the United States needed 0.7, it would reject the E3 counter-proposal it accepts', async () => {
    const before = await parley(['assess', seeds, '--plan', 'e3-counterproposal', '--party', 'united-states']);
    expect(before.stdout).toContain('United States accepts "E3 counter-proposal');
    expect(before.stderr).not.toContain('With overrides');

    const { code, stdout, stderr } = await parley(['assess', seeds, '--plan', 'e3-counterproposal', '--party', 'united-states', '--set', 'united-states.reservationValue=0.7']);
    expect(code).toBe(0);
    expect(stderr).toBe("With overrides: United States's reservation value 0.5 → 0.7.");
    expect(stdout).toContain('United States rejects "E3 counter-proposal');
    expect(stdout).toContain('against a reservation value of 0.70');
  });

  it('drop a red line and change a number together, and say both on stderr', async () => {
    const { code, stdout, stderr } = await parley(['assess', seeds, '--party', 'russia', '--set', 'russia.reservationValue=0.5', '--drop', 'russia/recognition-of-annexed-regions']);
    expect(code).toBe(0);
    expect(stderr).toBe(
      "With overrides: Russia's reservation value 0.55 → 0.5; Russia drops its red line recognition-of-annexed-regions (“Crimea, Luhansk and Donetsk must be recognised as Russian, at least de facto.”).",
    );
    expect(stdout).toContain('at or above the reservation value 0.50');
    expect(stdout).not.toContain('Crimea, Luhansk and Donetsk must be recognised as Russian');
  });

  it('list what they changed under `overrides` in --json, and leave the JSON as it was without them', async () => {
    const plain = JSON.parse((await parley(['assess', seeds, '--json'])).stdout) as AssessJson;
    expect(plain).not.toHaveProperty('overrides');
    expect(assessmentOf(plain, 'e3-counterproposal', 'russia').violations.map((v) => v.redLine)).toContain('recognition-of-annexed-regions');

    const { code, stdout } = await parley([
      'assess', seeds, '--json',
      '--set', 'russia.reservationValue=0.5',
      '--set', 'russia.weights.nato.membership=20',
      '--set', 'russia.values.nato.membership.consensus-dependent=0.2',
      '--drop', 'russia/recognition-of-annexed-regions',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as AssessJson;
    expect(json.overrides).toEqual([
      { given: '--set russia.reservationValue=0.5', kind: 'reservationValue', party: 'russia', from: 0.55, to: 0.5, text: "Russia's reservation value 0.55 → 0.5" },
      { given: '--set russia.weights.nato.membership=20', kind: 'weight', party: 'russia', issue: 'nato.membership', from: 12, to: 20, text: "Russia's weight of nato.membership 12 → 20" },
      {
        given: '--set russia.values.nato.membership.consensus-dependent=0.2',
        kind: 'value', party: 'russia', issue: 'nato.membership', option: 'consensus-dependent', from: 0.1, to: 0.2,
        text: "Russia's value of consensus-dependent on nato.membership 0.1 → 0.2",
      },
      {
        given: '--drop russia/recognition-of-annexed-regions', kind: 'dropRedLine', party: 'russia', redLine: 'recognition-of-annexed-regions',
        text: 'Russia drops its red line recognition-of-annexed-regions (“Crimea, Luhansk and Donetsk must be recognised as Russian, at least de facto.”)',
      },
    ]);
    const e3 = assessmentOf(json, 'e3-counterproposal', 'russia');
    expect(e3.reservationValue).toBe(0.5);
    expect(e3.violations.map((v) => v.redLine)).not.toContain('recognition-of-annexed-regions');
  });

  it('are repeatable, applied in order: the last --set of a number wins', async () => {
    const { code, stdout, stderr } = await parley(['assess', seeds, '--json', '--set', 'russia.reservationValue=0.5', '--set', 'russia.reservationValue=0.45']);
    expect(code).toBe(0);
    expect(stderr).toBe("With overrides: Russia's reservation value 0.55 → 0.5; Russia's reservation value 0.5 → 0.45.");
    expect(assessmentOf(JSON.parse(stdout) as AssessJson, 'us-28', 'russia').reservationValue).toBe(0.45);
  });

  it('never change the scenario files: the next command without them sees the scenario as written', async () => {
    const dir = join(scratch, 'untouched');
    cpSync(seeds, dir, { recursive: true });
    const files = snapshot(dir);
    expect((await parley(['assess', dir, '--set', 'russia.reservationValue=0.1', '--drop', 'ukraine/no-recognition'])).code).toBe(0);
    expect(snapshot(dir)).toEqual(files);
    const again = JSON.parse((await parley(['assess', dir, '--json'])).stdout) as AssessJson;
    expect(assessmentOf(again, 'us-28', 'russia').reservationValue).toBe(0.55);
    expect(assessmentOf(again, 'us-28', 'ukraine').violations.map((v) => v.redLine)).toContain('no-recognition');
  });
});

describe('an override the scenario does not accept', () => {
  it.each([
    ['a reservation value outside [0, 1]', ['--set', 'russia.reservationValue=1.5'], '--set russia.reservationValue=1.5: reservationValue must be a number in [0, 1]'],
    ['an option value outside [0, 1]', ['--set', 'russia.values.nato.membership.open-door=2'], '--set russia.values.nato.membership.open-door=2: an option value must be a finite number in [0, 1]'],
    ['a negative weight', ['--set', 'russia.weights.nato.membership=-1'], '--set russia.weights.nato.membership=-1: a weight must be a finite number ≥ 0'],
    ['a misspelt party', ['--set', 'rusia.reservationValue=0.5'], '--set rusia.reservationValue=0.5: unknown party "rusia" (did you mean "russia"?)'],
    ['a misspelt issue', ['--set', 'russia.weights.nato.membrship=3'], '--set russia.weights.nato.membrship=3: unknown issue "nato.membrship" (did you mean "nato.membership"?)'],
    ['a misspelt option', ['--set', 'russia.values.nato.membership.opn-door=0.3'], '--set russia.values.nato.membership.opn-door=0.3: unknown option of "nato.membership" "opn-door" (did you mean "open-door"?)'],
    ['a misspelt red line', ['--drop', 'russia/recognition-of-annexed-region'], '--drop russia/recognition-of-annexed-region: Russia has no red line "recognition-of-annexed-region" (did you mean "recognition-of-annexed-regions"?)'],
    ['a red line dropped twice', ['--drop', 'russia/no-western-troops', '--drop', 'russia/no-western-troops'], '--drop russia/no-western-troops: the red line "no-western-troops" of Russia is dropped already, by --drop russia/no-western-troops'],
  ])('is an invalid input (exit 2) named by the option: %s', async (_what, args, problem) => {
    const { code, stdout, stderr } = await parley(['assess', seeds, ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toEqual([
      `Scenario at ${seeds} cannot be loaded: 1 problem.`,
      expect.stringContaining(`  ✘ ${problem}`),
      'Nothing was loaded. Fix the problems above and run the command again.',
    ]);
  });

  it('names the override when it leaves an issue weighed without option values', async () => {
    // Sarema's Midland does not weigh data sharing, and gives its options no values.
    const dir = join(scratch, 'sarema');
    cpSync(join(root, 'seeds/sarema-basin'), dir, { recursive: true });
    const midland = join(dir, 'parties/midland.yaml');
    const text = readFileSync(midland, 'utf8');
    writeFileSync(midland, text.replace(', data.sharing: 2 }', ' }').replace(/^ {4}data\.sharing: .*\n/m, ''));
    expect((await parley(['assess', dir])).code).toBe(0);

    const { code, stderr } = await parley(['assess', dir, '--set', 'midland.weights.data.sharing=2']);
    expect(code).toBe(2);
    expect(stderr).toContain('✘ --set midland.weights.data.sharing=2: issue "data.sharing" has weight 2 but no value for "none", "seasonal-reports", "real-time-telemetry"');

    // Giving the values too makes it a valid scenario.
    const values = ['none=0.3', 'seasonal-reports=0.7', 'real-time-telemetry=1'].flatMap((value) => ['--set', `midland.values.data.sharing.${value}`]);
    const fixed = await parley(['assess', dir, '--set', 'midland.weights.data.sharing=2', ...values]);
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toContain("Midland's weight of data.sharing 0 (not weighed) → 2; Midland's value of none on data.sharing (not set) → 0.3;");
  });
});

describe('an override not written in the override language', () => {
  it.each([
    ['no "="', ['--set', 'russia.reservationValue'], `error: option '--set <party.field=n>' argument 'russia.reservationValue' is invalid. no "=": write the assumption, "=" and its new number`],
    ['no number', ['--set', 'russia.reservationValue=high'], `error: option '--set <party.field=n>' argument 'russia.reservationValue=high' is invalid. "high" is not a finite number after "="`],
    ['an unknown field', ['--set', 'russia.reservation=0.5'], `error: option '--set <party.field=n>' argument 'russia.reservation=0.5' is invalid. unknown field "reservation" (did you mean "reservationValue"?)`],
    ['no field', ['--set', 'russia=0.5'], `error: option '--set <party.field=n>' argument 'russia=0.5' is invalid. "russia" names no field of the party`],
    ['a weight without its issue', ['--set', 'russia.weights=3'], `error: option '--set <party.field=n>' argument 'russia.weights=3' is invalid. say which issue's weight: write russia.weights.<issue>=3`],
    ['a value without its option', ['--set', 'russia.values.ceasefire=0.5'], `error: option '--set <party.field=n>' argument 'russia.values.ceasefire=0.5' is invalid. say which issue and option`],
    ['a red line without its party', ['--drop', 'recognition-of-annexed-regions'], `error: option '--drop <party/red-line>' argument 'recognition-of-annexed-regions' is invalid. write the party and the red line as <party>/<red-line>`],
  ])('is a usage error (exit 64) that says how to write it: %s', async (_what, args, reason) => {
    const { code, stdout, stderr } = await parley(['assess', seeds, ...args]);
    expect(code).toBe(64);
    expect(stdout).toBe('');
    const lines = stderr.split('\n');
    expect(lines[0]).toContain(reason);
    expect(lines.at(-1)).toBe('(Run `parley assess --help` for its options and examples.)');
  });

  it('is a usage error with --genius, which reads no scenario files to change', async () => {
    const { code, stderr } = await parley(['analyze', '--genius', 'domain.xml', 'profile.xml', '--set', 'a.reservationValue=0.5']);
    expect(code).toBe(64);
    expect(stderr).toContain('error: --set a.reservationValue=0.5: --set and --drop change the files of a scenario directory as they are read, and --genius reads none');
  });
});

describe('every command that loads a scenario takes them', () => {
  const drop = ['--drop', 'russia/recognition-of-annexed-regions'];
  const said = 'With overrides: Russia drops its red line recognition-of-annexed-regions';
  const listed = [expect.objectContaining({ given: '--drop russia/recognition-of-annexed-regions', kind: 'dropRedLine', party: 'russia', redLine: 'recognition-of-annexed-regions' })];

  it.each(['assess', 'run', 'report', 'analyze'])('%s --json', async (command) => {
    const extra = command === 'analyze' ? ['--budget', '20000'] : [];
    const { code, stdout, stderr } = await parley([command, seeds, '--json', ...extra, ...drop]);
    expect(code).toBe(0);
    expect(stderr).toContain(said);
    expect(JSON.parse(stdout).overrides).toEqual(listed);
  });

  it('explore, leaving out explore.yaml\'s probability for the red line it drops', async () => {
    // explore.yaml gives russia/recognition-of-annexed-regions a probability; the red line is gone.
    const { code, stdout, stderr } = await parley(['explore', seeds, '--runs', '20', '--workers', '1', '--json', ...drop]);
    expect(code).toBe(0);
    expect(stderr).toContain(said);
    const { overrides, ...result } = JSON.parse(stdout);
    expect(overrides).toEqual(listed);
    expect(JSON.stringify(result)).toContain('russia.red-line.no-western-troops');
    expect(JSON.stringify(result)).not.toContain('russia.red-line.recognition-of-annexed-regions');
  });

  it('explore\'s text says its "as written" verdicts are with the overrides', async () => {
    const { code, stdout } = await parley(['explore', seeds, '--runs', '20', '--workers', '1', '--no-sensitivity', '--set', 'russia.reservationValue=0.5']);
    expect(code).toBe(0);
    expect(stdout).toContain('Without perturbation (the scenario as written, with the --set / --drop overrides)');
  });

  it('report says them under the title of the HTML', async () => {
    const out = join(scratch, 'report.html');
    const { code, stderr } = await parley(['report', seeds, '--out', out, '--set', 'russia.reservationValue=0.5']);
    expect(code).toBe(0);
    expect(stderr).toContain("With overrides: Russia's reservation value 0.55 → 0.5.");
    expect(readFileSync(out, 'utf8')).toContain('<p class="overrides"><strong>With overrides: Russia&#39;s reservation value 0.55 → 0.5.</strong>');
  });
});
