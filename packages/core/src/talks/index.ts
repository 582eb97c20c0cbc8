export { partyMachine, type PartyMachineContext, type PartyMachineEvent, type ResponseBasis } from './party-machine.js';
export { everySignatoryAccepted, planLifecycleMachine, type PlanLifecycleContext, type PlanLifecycleEvent } from './plan-lifecycle-machine.js';
export { createTalksMachine, type TalksMachine } from './talks-machine.js';
export { mediatorRevision, type MediationInput, type MediatorRevision } from './mediator.js';
export {
  mediatorStrategyNames,
  OPENING_AMBITION,
  partyStrategyNames,
  partyThreshold,
  type MediatorStrategyName,
  type PartyStrategyName,
  type StrategyInput,
} from './strategies.js';
export { createTalks, talksSchema, type TalksSpec, type TimelineEvent } from './timeline.js';
export { runScenario, type RunOptions, type Transcript, type TranscriptStep } from './runner.js';
export type {
  IncomingRevision,
  PartyResponse,
  PartyStanding,
  ShockEffect,
  SubState,
  TalksContext,
  TalksEffect,
  TalksEvent,
  TalksSetup,
  TalksStatus,
} from './talks-types.js';
export { alternatingOffersMachine, type AlternatingOffersContext, type AlternatingOffersEvent, type OfferResponses } from './alternating-offers-machine.js';
export { runAlternatingOffers, type AlternatingOffersOptions, type AlternatingOffersTranscript, type OfferRound } from './alternating-offers-runner.js';
export { atThreshold, bestUtility } from './party-variants.js';
