export { partyMachine, stepParty, type PartyMachineContext, type PartyMachineEvent, type ResponseBasis } from './party-machine.js';
export { everySignatoryAccepted, planLifecycleMachine, type PlanLifecycleContext, type PlanLifecycleEvent } from './plan-lifecycle-machine.js';
export { acceptedBy, initialTalks, reduceTalks, reseated, talksOver, talksTable, talksTakes, type TalksStep, type TalksTable, type TalksTableOptions } from './mediated-text.js';
export { createTalksMachine, type TalksMachine } from './talks-machine.js';
export { mediatorRevision, mediatorStrategies, type CandidateScore, type MediationInput, type MediatorRevision, type MediatorStrategy } from './mediator.js';
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
export { timelineEvents, timelineScript, type TimelineScript } from './timeline-script.js';
export { playTalks, runScenario, type PlayOptions, type RunOptions, type Transcript, type TranscriptAssessment, type TranscriptStep } from './runner.js';
export { transcriptTexts } from './transcript-texts.js';
export type {
  IncomingRevision,
  NeutralMediator,
  PartyResponse,
  PartyStanding,
  ShockEffect,
  SubState,
  TalksContext,
  TalksEffect,
  TalksEvent,
  TalksPhase,
  TalksSetup,
  TalksStatus,
  TalksWhen,
} from './talks-types.js';
export { mediatorId, mediatorName } from './mediator-name.js';
export { initialOffers, offersTake, proposerOf, reduceOffers, type AlternatingOffersContext, type AlternatingOffersEvent, type OffersPhase, type OfferResponses } from './alternating-offers.js';
export { alternatingOffersMachine } from './alternating-offers-machine.js';
export { runAlternatingOffers, type AlternatingOffersOptions, type AlternatingOffersTranscript, type OfferRound } from './alternating-offers-runner.js';
