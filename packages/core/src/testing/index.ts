/**
 * @parley/core/testing — fast-check generators for Parley's model (issues, domains,
 * outcomes, rules, red lines, preferences, parties, plans, revisions, whole scenarios and perturbations of a scenario) and
 * model-based helpers for the talks machine (events, a fold through xstate's pure
 * `transition`, the standard invariants). Every generated value is valid by construction,
 * shrunk values included. Needs `fast-check` (a peer dependency).
 *
 * See docs/property-testing.md.
 *
 * @packageDocumentation
 */
export { issueArbitrary, type IssueConstraints } from './issue.js';
export { domainArbitrary, type DomainConstraints } from './domain.js';
export { outcomeArbitrary } from './outcome.js';
export { ruleArbitrary, type RuleConstraints } from './rule.js';
export { redLineArbitrary, type RedLineConstraints } from './red-line.js';
export { preferencesArbitrary, VALUE_GRID, type PreferencesConstraints } from './preferences.js';
export { partyArbitrary, type PartyConstraints } from './party.js';
export { planArbitrary, type PlanConstraints } from './plan.js';
export { revisionArbitrary, type RevisionConstraints } from './revision.js';
export { scenarioArbitrary, type ScenarioConstraints } from './scenario.js';
export { perturbedScenarioArbitrary, type PerturbationConstraints, type PerturbedScenario } from './perturbation.js';
export { malformedPatches, malformedText, talksEventArbitrary, type TalksEventConstraints } from './talks-events.js';
export { foldTalks, type FoldTalksOptions, type TalksFold, type TalksStep } from './fold-talks.js';
export { finalStaysFinal, talksInvariants, type TalksSnapshot } from './invariants.js';
