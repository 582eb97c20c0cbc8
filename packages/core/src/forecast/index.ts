export { forecast, type ConcessionForecast, type Forecast, type ForecastOptions, type RedLineForecast } from './forecast.js';
export { knownAt, type KnownAt, type KnownFact } from './known-at.js';
export type { RedLinePrice } from './price.js';
export {
  backtest,
  BACKTEST_METHODS,
  LOG_LOSS_EPSILON,
  scoreCalls,
  type BacktestCase,
  type BacktestMethod,
  type BacktestOptions,
  type BacktestResult,
  type Reaction,
  type ScoredCall,
  type Scores,
  type Snapshot,
} from './backtest.js';
