import { readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import type { Problem } from '../model/errors.js';

/**
 * Reads and parses one JSON (`.json`) or YAML (anything else) file. On failure it adds a
 * problem naming the file (relative to `baseDir`) and, for syntax errors, the line and column,
 * and returns undefined. `missingHint` ends the message for a file that cannot be read.
 */
export async function readDataFile(file: string, baseDir: string, problems: Problem[], missingHint = 'check the file name in scenario.yaml'): Promise<unknown> {
  const name = relative(baseDir, file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    problems.push({ code: 'missing-file', path: '', file: name, message: `cannot read ${join(baseDir, name)}; ${missingHint}` });
    return undefined;
  }
  if (extname(file) === '.json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      problems.push({ code: 'invalid-syntax', path: '', file: name, message: `not valid JSON: ${(error as Error).message}` });
      return undefined;
    }
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const where = error.linePos?.[0] === undefined ? '' : `line ${error.linePos[0].line}, column ${error.linePos[0].col}: `;
      problems.push({ code: 'invalid-syntax', path: '', file: name, message: `not valid YAML: ${where}${error.message.split('\n')[0]}` });
    }
    return undefined;
  }
  return document.toJS() as unknown;
}
