/**
 * Reading a GENIUS scenario (a domain file and its preference profiles) from disk.
 * Node.js only; the parsing itself is in `parse-genius.ts` and runs anywhere.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, relative, resolve } from 'node:path';
import { ScenarioError, type Problem } from '../model/errors.js';
import { createScenario, type Scenario } from '../scenario/scenario.js';
import type { DomainSpec } from '../model/specs.js';
import { parseGeniusDomain, parseGeniusProfile, type GeniusProfile } from '../genius/parse-genius.js';

/**
 * Reads a GENIUS domain file and preference profiles and builds a Parley scenario: the
 * domain, one party per profile (in the order given) and no plans.
 *
 * The scenario id is the domain file's name without `.xml`, each party's id and name the
 * profile file's, made unique when two files share a name. The profiles are returned too,
 * in the same order as the parties, with the discount factors that a {@link Scenario} has
 * no place for.
 *
 * Every file is read and checked before anything is built, and a single
 * {@link ScenarioError} lists every problem of every file, each naming its file (relative
 * to the domain file's directory) and the path inside it.
 *
 * @example
 * ```ts
 * import { loadGeniusScenario } from '@parley/core/node';
 * const { scenario, profiles } = await loadGeniusScenario('genius/itex-cypress/ItexvsCypress_domain.xml', [
 *   'genius/itex-cypress/ItexvsCypress_Itex50.xml',
 *   'genius/itex-cypress/ItexvsCypress_Cypress100.xml',
 * ]);
 * scenario.domain.outcomeCount; // 180
 * scenario.parties.map((party) => party.id); // ['ItexvsCypress_Itex50', 'ItexvsCypress_Cypress100']
 * profiles.map((profile) => profile.reservationValue); // [0.366869, 0.233158]
 * ```
 */
export async function loadGeniusScenario(
  domainFile: string,
  profileFiles: readonly string[],
): Promise<{ scenario: Scenario; profiles: GeniusProfile[] }> {
  const baseDir = dirname(resolve(domainFile));
  const nameOf = (file: string) => relative(baseDir, resolve(file));
  const subject = `GENIUS scenario ${domainFile}`;
  const problems: Problem[] = [];

  // Read everything first, so that one missing file does not hide the others; problems are
  // listed in the order of the files, whichever read finishes first.
  const reads = await Promise.all([domainFile, ...profileFiles].map((file) => readText(file, nameOf(file))));
  const [domainText, ...profileTexts] = reads.map((read) => {
    if (typeof read === 'string') return read;
    problems.push(read);
    return undefined;
  });
  if (profileFiles.length === 0) {
    problems.push({ code: 'invalid-shape', path: '', message: 'no preference profiles given; a scenario needs at least one party, so pass at least one profile file' });
  }
  const parsed = domainText === undefined ? undefined : collect(problems, () => parseGeniusDomain(domainText, nameOf(domainFile)));
  if (parsed === undefined) throw new ScenarioError(subject, problems);
  const domain: DomainSpec = parsed;

  const partyIds = new Set<string>();
  const profiles: GeniusProfile[] = [];
  profileFiles.forEach((file, k) => {
    const text = profileTexts[k];
    const stem = basename(file, extname(file));
    const id = uniqueId(stem, partyIds);
    if (text === undefined) return;
    const profile = collect(problems, () => parseGeniusProfile(text, domain, { id, name: stem, file: nameOf(file) }));
    if (profile !== undefined) profiles.push(profile);
  });
  if (problems.length > 0) throw new ScenarioError(subject, problems);

  const domainName = basename(domainFile, extname(domainFile));
  const scenario = createScenario({
    id: slug(domainName) || 'genius',
    title: `${domainName} (GENIUS)`,
    description: `Imported from the GENIUS domain ${basename(domainFile)} with the preference profiles ${profileFiles.map((file) => basename(file)).join(', ')}.`,
    domain,
    parties: profiles.map((profile) => profile.party),
    plans: [],
  });
  return { scenario, profiles };
}

/** The file's text, or the problem of not being able to read it. */
async function readText(file: string, name: string): Promise<string | Problem> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return { code: 'missing-file', path: '', file: name, message: `cannot read ${file}; check the file name` };
  }
}

/** Runs `parse`, moving the problems of a {@link ScenarioError} it throws into `problems`. */
function collect<T>(problems: Problem[], parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}

function slug(text: string): string {
  return text.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[-.]+|[-.]+$/g, '');
}

function uniqueId(stem: string, taken: Set<string>): string {
  const base = slug(stem) || 'party';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
