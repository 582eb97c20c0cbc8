/**
 * @parley/core — model multi-party peace negotiations: issues and outcomes, parties with
 * declarative red lines and preferences, plan versions made of numbered points, and the
 * assessment of any plan or outcome by any party.
 *
 * Reading scenarios from disk lives in `@parley/core/node`.
 *
 * @packageDocumentation
 */
export type {
  DomainSpec,
  InteractionSpec,
  IssueOptionSpec,
  IssueSpec,
  PartySpec,
  PlanSpec,
  PointSpec,
  PreferencesSpec,
  ProvisionSpec,
  RedLineSpec,
  Rule,
} from './model/specs.js';
export type { ScenarioSpec, SourceCitation, SourceEntry } from './scenario/scenario-spec.js';
export { Domain, createDomain, type Issue } from './model/domain.js';
export { OPEN, choicesOf, outcomeFromChoices, type Outcome, type Settlement } from './model/outcome.js';
export { describeRule } from './model/rule.js';
export { createParty, type Party } from './model/party.js';
export { createPlan, openIssues, pointOf, type Plan } from './model/plan.js';
export { createScenario, partyOf, planOf, type Scenario } from './scenario/scenario.js';
export { applyScenarioOverrides, createScenarioWithOverrides, overrideLabel, type AppliedOverride, type ScenarioOverride } from './scenario/overrides.js';
export { compareSourceKeys, type SourceMarks } from './model/source-reliability.js';
export { assessOutcome, assessPlan } from './model/assess.js';
export type {
  Assessment,
  AssessmentData,
  OpenIssue,
  PointAssessment,
  PointVerdict,
  RedLineViolation,
  Stance,
  UndeterminedRedLine,
} from './model/assessment.js';
export type { UtilityRange } from './model/preferences.js';
export { compilePartySpec, keepsRedLines, utilityOf, type CompiledInteraction, type CompiledParty, type CompiledRedLine, type PartyRules, type RedLineClause } from './model/compiled-party.js';
export { compiledParty } from './model/party.js';
export { bareText, planTextOf, type PlanText } from './model/plan-text.js';
export { pointScoresAt, verdictAt, viewOf, type RedLineFact, type TextView, type Verdict } from './model/text-view.js';
export { bestUtility } from './model/best-utility.js';
export { explainedAssessment, stanceReason } from './model/explanation.js';
export { COMPLETION_LIMIT } from './model/completions.js';
export { formatUtility, pointTitle } from './model/format.js';
export { ownValue } from './model/own-key.js';
export { ParleyError, ScenarioError, formatProblem, parleyErrorCodes, type ParleyErrorCode, type Problem, type ProblemCode } from './model/errors.js';
export { MAX_RULE_DEPTH, domainSchema, partySchema, planSchema, ruleSchema } from './model/schema.js';
export { scenarioSchema } from './scenario/scenario-schema.js';
export {
  agreementSpace,
  analysisPartLabels,
  analyzeParties,
  countJson,
  DEFAULT_BUDGET,
  findPlanRepairs,
  findRelaxations,
  formatCount,
  type AnalysisPart,
  type AnalysisReport,
  type AnalyzeOptions,
  type ConstraintReport,
  type CountJson,
  type PlanRepairOptions,
  type PlanRepairSearch,
  type RelaxationSearch,
  type SearchReport,
  type SolutionReport,
  compileEvaluator,
  compileModel,
  kalaiSmorodinsky,
  bestOffer,
  maxLeastMargin,
  maxWelfare,
  minimalRelaxations,
  nashPoint,
  paretoFrontier,
  planRepairs,
  type PlanRepair,
  type PointEdit,
  type AgreementSpace,
  type AnalysisOptions,
  type BargainingResult,
  type BargainingSolution,
  type SearchCutShort,
  type CompiledModel,
  type ConstraintInfo,
  type ConstraintRef,
  type Evaluator,
  type Exactness,
  type FrontierPoint,
  type ParetoFrontier,
  type Relaxation,
  type RelaxationOptions,
  type SearchLimits,
  type StopReason,
} from './analysis/index.js';
export { parseGeniusDomain, parseGeniusProfile, type GeniusProfile, type GeniusProfileOptions } from './genius/parse-genius.js';
export { UTILITY_TOLERANCE, meetsThreshold } from './model/tolerance.js';
export {
  applyRevision,
  compileRevision,
  describeMatching,
  diffPlans,
  renderPlanDiff,
  revertRevision,
  revisePlan,
  revisionEditSchema,
  revisionSchema,
  type AddPointEdit,
  type CompileRevisionOptions,
  type IssueMove,
  type IssueMoveKind,
  type Patch,
  type PlanDiff,
  type PlanHeaderChanges,
  type PointChange,
  type PointChanges,
  type PointField,
  type PointMatching,
  type PointRef,
  type RemovePointsEdit,
  type RenumberEdit,
  type RevisedPlan,
  type Revision,
  type RevisionEdit,
  type RevisionMeta,
  type RevisionSpec,
  type UpdatePointEdit,
} from './history/index.js';
export {
  acceptedBy,
  alternatingOffersMachine,
  createTalks,
  createTalksMachine,
  everySignatoryAccepted,
  initialOffers,
  initialTalks,
  mediatorRevision,
  mediatorStrategies,
  mediatorStrategyNames,
  offersTake,
  OPENING_AMBITION,
  partyMachine,
  partyStrategyNames,
  partyThreshold,
  planLifecycleMachine,
  playTalks,
  proposerOf,
  reduceOffers,
  reduceTalks,
  reseated,
  runAlternatingOffers,
  runScenario,
  stepParty,
  talksOver,
  talksSchema,
  talksTable,
  talksTakes,
  timelineEvents,
  timelineScript,
  transcriptTexts,
  mediatorId,
  mediatorName,
  type NeutralMediator,
  type AlternatingOffersContext,
  type AlternatingOffersEvent,
  type AlternatingOffersOptions,
  type AlternatingOffersTranscript,
  type CandidateScore,
  type IncomingRevision,
  type MediationInput,
  type MediatorRevision,
  type MediatorStrategy,
  type MediatorStrategyName,
  type OfferResponses,
  type OfferRound,
  type OffersPhase,
  type PartyMachineContext,
  type PartyMachineEvent,
  type PartyResponse,
  type PartyStanding,
  type PartyStrategyName,
  type PlanLifecycleContext,
  type PlanLifecycleEvent,
  type PlayOptions,
  type ResponseBasis,
  type RunOptions,
  type ShockEffect,
  type StrategyInput,
  type SubState,
  type TalksContext,
  type TalksEffect,
  type TalksEvent,
  type TalksMachine,
  type TalksPhase,
  type TalksSetup,
  type TalksSpec,
  type TalksStatus,
  type TalksStep,
  type TalksTable,
  type TalksTableOptions,
  type TalksWhen,
  type TimelineEvent,
  type TimelineScript,
  type Transcript,
  type TranscriptAssessment,
  type TranscriptStep,
} from './talks/index.js';
export {
  addTallies,
  assumptionsOf,
  basePartiesOf,
  changeMagnitude,
  compileExploration,
  createExplorer,
  describeChange,
  drawRun,
  emptyTally,
  explorationFileSchema,
  explore,
  mergeShards,
  parseShard,
  parseShardSpec,
  perturbationSchema,
  perturbedPartySpec,
  serializeShard,
  shardRange,
  summarizeExploration,
  talksStatuses,
  validateExplorationFile,
  validatePerturbation,
  wilsonInterval,
  type Assumption,
  type Estimate,
  type ExplorationFile,
  type ExplorationModel,
  type ExploreMeta,
  type ExploreOptions,
  type Explorer,
  type ExplorePlanResult,
  type ExploreResult,
  type ExploreRunOptions,
  type ExploreSensitivity,
  type ExploreTalksResult,
  type ExploreTally,
  type PerturbationSpec,
  type RunDraw,
  type RunOutcome,
  type RunParty,
  type RunRange,
  type ShardFile,
  type ShardSpec,
  type TallyShape,
} from './explore/index.js';
export { stabilityAnalysis, type OutcomeRef, type OutcomeStability, type StabilityInput, type StabilityOptions, type StabilityReport } from './stability/stability-analysis.js';
export { compileStabilityModel, type JointMove, type RedLineMode, type StabilityModel } from './stability/stability-model.js';
export { STABILITY_CONCEPTS, type PartyVerdict, type Sanctioned, type StabilityConcept } from './stability/verdict.js';
export type { PathStep } from './stability/sanction-search.js';
export type { EquilibriaReport, EquilibriumSet } from './stability/equilibria.js';
export type { CoalitionVerdict } from './stability/coalition.js';
export type { ReachedEquilibrium, StatusQuoReport } from './stability/status-quo.js';
export { gmcrConflict, type GmcrConflict } from './stability/gmcr-file.js';
export { controlSchema, moveSchema, namedOutcomeSchema, type ControlSpec, type MoveSpec, type NamedOutcomeSpec } from './scenario/control-spec.js';
