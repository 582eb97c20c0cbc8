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
  movedParty,
  perturbationSchema,
  perturbedPartySpec,
  simParties,
  validateExplorationFile,
  validatePerturbation,
  type Assumption,
  type ExplorationFile,
  type PerturbationSpec,
  type RunDraw,
} from './perturbation.js';
export type { BaseParty, SimParty } from './sim-party.js';
export { createJudge, verdictAt, type Judge, type SimText, type TextView, type Verdict } from './judge.js';
export { simTextOf } from './sim-text.js';
export { compileTalksProgram, createTalksKernel, type KernelOutcome, type KernelState, type TalksKernel, type TalksOp, type TalksProgram } from './talks-kernel.js';
export { createRunVerdict, sameVerdict } from './run-verdict.js';
export { addTallies, emptyTally, TallyBuilder, talksStatuses, type RunOutcome, type TallyShape } from './tally-ops.js';
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
