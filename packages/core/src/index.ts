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
  ScenarioSpec,
} from './specs.js';
export { Domain, createDomain, type Issue } from './domain.js';
export { OPEN, choicesOf, outcomeFromChoices, type Outcome, type Settlement } from './outcome.js';
export { describeRule } from './rule.js';
export { createParty, type Party } from './party.js';
export { createPlan, openIssues, pointOf, type Plan } from './plan.js';
export { createScenario, partyOf, planOf, type Scenario } from './scenario.js';
export { assessOutcome, assessPlan } from './assess.js';
export type {
  Assessment,
  AssessmentData,
  OpenIssue,
  PointAssessment,
  PointVerdict,
  RedLineViolation,
  Stance,
  UndeterminedRedLine,
} from './assessment.js';
export type { UtilityRange } from './preferences.js';
export { formatUtility } from './format.js';
export { ParleyError, ScenarioError, formatProblem, type Problem, type ProblemCode } from './errors.js';
export { domainSchema, partySchema, planSchema, ruleSchema, scenarioSchema } from './schema.js';
export {
  agreementSpace,
  analyzeParties,
  type AnalysisReport,
  type ConstraintReport,
  type SolutionReport,
  compileEvaluator,
  compileModel,
  kalaiSmorodinsky,
  maxWelfare,
  minimalRelaxations,
  nashPoint,
  paretoFrontier,
  planRepairs,
  type PlanRepair,
  type PointEdit,
  type AgreementSpace,
  type AnalysisOptions,
  type BargainingSolution,
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
