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
export type { ScenarioSpec } from './scenario/scenario-spec.js';
export { Domain, createDomain, type Issue } from './model/domain.js';
export { OPEN, choicesOf, outcomeFromChoices, type Outcome, type Settlement } from './model/outcome.js';
export { describeRule } from './model/rule.js';
export { createParty, type Party } from './model/party.js';
export { createPlan, openIssues, pointOf, type Plan } from './model/plan.js';
export { createScenario, partyOf, planOf, type Scenario } from './scenario/scenario.js';
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
export { formatUtility } from './model/format.js';
export { ParleyError, ScenarioError, formatProblem, type Problem, type ProblemCode } from './model/errors.js';
export { domainSchema, partySchema, planSchema, ruleSchema } from './model/schema.js';
export { scenarioSchema } from './scenario/scenario-schema.js';
export {
  agreementSpace,
  analyzeParties,
  type AnalysisReport,
  type ConstraintReport,
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
  createTalks,
  alternatingOffersMachine,
  createTalksMachine,
  runAlternatingOffers,
  type AlternatingOffersContext,
  type AlternatingOffersEvent,
  type AlternatingOffersOptions,
  type AlternatingOffersTranscript,
  type OfferRound,
  type OfferResponses,
  everySignatoryAccepted,
  mediatorRevision,
  mediatorStrategyNames,
  OPENING_AMBITION,
  partyMachine,
  partyStrategyNames,
  partyThreshold,
  planLifecycleMachine,
  runScenario,
  talksSchema,
  type IncomingRevision,
  type MediationInput,
  type MediatorRevision,
  type MediatorStrategyName,
  type PartyMachineContext,
  type PartyMachineEvent,
  type PartyResponse,
  type PartyStanding,
  type PartyStrategyName,
  type PlanLifecycleContext,
  type PlanLifecycleEvent,
  type ResponseBasis,
  type RunOptions,
  type ShockEffect,
  type StrategyInput,
  type SubState,
  type TalksContext,
  type TalksEffect,
  type TalksEvent,
  type TalksMachine,
  type TalksSetup,
  type TalksSpec,
  type TalksStatus,
  type TimelineEvent,
  type Transcript,
  type TranscriptStep,
} from './talks/index.js';
export * from './explore/index.js';
