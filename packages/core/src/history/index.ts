/**
 * Plan history: revisions recorded as immer patches (revise, replay, invert), the
 * declarative revision format the seeds use, and diffs between plan versions.
 */
export { applyRevision, revertRevision } from './replay.js';
export { compileRevision, type CompileRevisionOptions } from './compile-revision.js';
export { diffPlans, type IssueMove, type IssueMoveKind, type PlanDiff, type PointChange, type PointField, type PointMatching, type PointRef } from './diff-plans.js';
export { describeMatching, renderPlanDiff } from './render-plan-diff.js';
export { revisePlan, type Patch, type RevisedPlan, type Revision, type RevisionMeta } from './revision.js';
export { revisionEditSchema, revisionSchema } from './revision-schema.js';
export type {
  AddPointEdit,
  PlanHeaderChanges,
  PointChanges,
  RemovePointsEdit,
  RenumberEdit,
  RevisionEdit,
  RevisionSpec,
  UpdatePointEdit,
} from './revision-spec.js';
