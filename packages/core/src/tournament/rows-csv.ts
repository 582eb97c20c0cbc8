import type { TournamentRow } from './tournament.js';

/**
 * One CSV line per negotiation (RFC 4180 quoting), for analysis elsewhere: the negotiation's
 * columns, then per role k (1-based) `strategy_k, party_k, utility_k, model_error_k`, for
 * as many roles as the largest domain has (empty where a domain has fewer). Numbers are
 * written as JavaScript prints them (shortest round-trip form); empty for none.
 *
 * @example
 * ```ts
 * await writeFile('results.csv', tournamentCsv(result.rows));
 * ```
 */
export function tournamentCsv(rows: readonly TournamentRow[]): string {
  const roles = rows.reduce((most, row) => Math.max(most, row.strategies.length), 0);
  const header = ['index', 'domain', 'repetition', 'status', 'agreement', 'rounds', 'time', 'welfare', 'pareto_distance', 'nash_distance', 'outcome'];
  for (let k = 1; k <= roles; k++) header.push(`strategy_${k}`, `party_${k}`, `utility_${k}`, `model_error_${k}`);
  const lines = [header.join(',')];
  for (const row of rows) {
    const cells: (string | number | boolean | null)[] = [row.index, row.domain, row.repetition, row.status, row.agreement, row.rounds, row.time, row.welfare, row.paretoDistance, row.nashDistance, row.outcome === null ? null : row.outcome.join(';')];
    for (let k = 0; k < roles; k++) cells.push(row.strategies[k] ?? null, row.parties[k] ?? null, row.utilities[k] ?? null, row.modelError[k] ?? null);
    lines.push(cells.map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
