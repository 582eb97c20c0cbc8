/**
 * @parley/cli — the `parley` command, also usable programmatically (for tests and tools).
 *
 * @packageDocumentation
 */
export { createProgram, runCli } from './program.js';
export { capturedOutput, processOutput, type CapturedOutput, type Output } from './output.js';
export { assessmentReport, type AssessOptions } from './commands/assess.js';
export { planDiffReport, type DiffOptions, type DiffReport } from './commands/diff.js';
export { scenarioReport, type ReportOptions } from './commands/report.js';
export { MAX_MS_UNASKED, MAX_RUNS_UNASKED, workerThreads } from './commands/explore.js';
export { OutputFileError } from './output-file.js';
export { exitCodes } from './render/problems.js';
