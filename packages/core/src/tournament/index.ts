export { compileTournament, negotiationSeed, type CompiledTournament, type TournamentDomain, type TournamentDomainInfo, type TournamentMeta, type TournamentOptions, type TournamentRow, type TournamentStrategy } from './tournament.js';
export { runTournament } from './run-tournament.js';
export { summarizeTournament, type PairwiseTest, type StrategyScore, type TournamentResult, type TournamentSummary } from './summary.js';
export { meanInterval, studentQuantile, studentTwoSided, welchTest, type MeanInterval, type WelchTest } from './statistics.js';
export { strategyKinds, strategyOf, type StrategySpec } from './strategy-specs.js';
export { tournamentCsv } from './rows-csv.js';
export { mergeTournamentShards, parseTournamentShard, serializeTournamentShard, type TournamentShardFile } from './tournament-shard.js';
