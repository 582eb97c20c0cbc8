/**
 * `@parley/core/internal`: the engine's insides that Parley's own tests and benchmarks
 * reach for. Not part of the public API: anything here may change in any release.
 *
 * @packageDocumentation
 */
export { TallyBuilder } from './explore/tally-ops.js';
export { fnv1a64 } from './explore/shard-file.js';
export { simParties } from './explore/perturbation.js';
export { tallyRuns } from './node/explore-in-parallel.js';
export { resettlementScorer, type ResettlementScorer } from './model/text-view.js';
export { readDataFile } from './node/read-data-file.js';
export { SkylineTree } from './analysis/skyline-tree.js';
export { bundledSourceWorker } from './node/source-worker.js';
