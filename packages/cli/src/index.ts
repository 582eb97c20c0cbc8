/**
 * @parley/cli — the `parley` command, also usable programmatically (for tests and tools).
 *
 * @packageDocumentation
 */
export { createProgram, runCli } from './program.js';
export { processOutput, type Output } from './output.js';
export { assessmentReport, type AssessOptions } from './commands/assess.js';
export { planDiffReport, type DiffOptions, type DiffReport } from './commands/diff.js';
