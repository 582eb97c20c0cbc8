export { explore, type ExploreRunOptions } from './explore.js';
export { compileExploration, type ExplorationModel, type ExploreOptions } from './exploration-model.js';
export { createExplorer, type Explorer } from './explorer.js';
export {
  assumptionsOf,
  basePartiesOf,
  changeMagnitude,
  describeChange,
  drawRun,
  explorationFileSchema,
  perturbationSchema,
  perturbedPartySpec,
  validateExplorationFile,
  validatePerturbation,
  type Assumption,
  type ExplorationFile,
  type PerturbationSpec,
  type RunDraw,
} from './perturbation.js';
export type { RunParty } from './run-party.js';
export { addTallies, emptyTally, talksStatuses, type RunOutcome, type TallyShape } from './tally-ops.js';
export {
  summarizeExploration,
  wilsonInterval,
  type Estimate,
  type ExploreMeta,
  type ExplorePlanResult,
  type ExploreResult,
  type ExploreSensitivity,
  type ExploreTalksResult,
} from './summary.js';
export { mergeShards, parseShard, parseShardSpec, serializeShard, shardRange, type RunRange, type ShardFile, type ShardSpec } from './shard-file.js';
export type { ExploreTally } from './tally.js';
