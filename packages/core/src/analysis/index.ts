export { compileModel, type CompiledModel, type ConstraintInfo, type ConstraintRef } from './compiled-model.js';
export { compileEvaluator, type Evaluator } from './evaluator.js';
export type { AnalysisOptions, Exactness } from './analysis-options.js';
export type { SearchLimits, StopReason } from './search-budget.js';
export { agreementSpace, type AgreementSpace } from './agreement-space.js';
export { paretoFrontier, type FrontierPoint, type ParetoFrontier } from './pareto-frontier.js';
export { kalaiSmorodinsky, maxWelfare, nashPoint, type BargainingSolution } from './bargaining-solutions.js';
export { minimalRelaxations, type Relaxation, type RelaxationOptions } from './minimal-relaxations.js';
export { analyzeParties, type AnalysisReport, type ConstraintReport, type SolutionReport } from './analyze-parties.js';
