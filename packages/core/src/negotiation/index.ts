export { MAX_TABLE_OUTCOMES, offerTable, type OfferSpace, type OfferTable } from './offer-table.js';
export type { Negotiator, OfferSession, OfferStrategy, OpponentEstimate } from './offer-strategy.js';
export { boulware, conceder, hardliner, linear, timeDependent, timeDependentTarget } from './time-dependent.js';
export { titForTat, titForTatTarget } from './tit-for-tat.js';
export { frequencyModel, type FrequencyModel } from './frequency-model.js';
export { frequencyPareto, type FrequencyParetoOptions } from './frequency-pareto.js';
export { randomStrategy } from './random-strategy.js';
export { negotiate, seededUniform, type NegotiateOptions, type NegotiationResult } from './negotiate.js';
