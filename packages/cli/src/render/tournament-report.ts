import type { TopLevelSpec } from 'vega-lite';
import type { TournamentResult } from '@parley/core';
import { renderChart } from './report-charts.js';
import { escapeHtml } from './report-html.js';

const CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e6e6e6' },
  legend: { labelFontSize: 11, titleFontSize: 12 },
} as const;

const CSS = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; padding: 24px 32px 64px; max-width: 1100px; color: #1d232b; line-height: 1.45; }
h1 { font-size: 1.7rem; margin: 0 0 4px; }
h2 { font-size: 1.3rem; margin: 40px 0 8px; border-bottom: 2px solid #dfe3e8; padding-bottom: 4px; }
.meta, .note { color: #57606a; font-size: .92rem; }
figure.chart { margin: 12px 0; overflow-x: auto; }
figure.chart svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: .9rem; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; }
th { background: #f3f5f7; }
td.num { text-align: right; white-space: nowrap; }
`;

/**
 * The ranking chart: each strategy's mean utility (a point) with its 95% confidence interval
 * (a rule), best first.
 *
 * @example
 * ```ts
 * const svg = await renderChart(rankingSpec(result));
 * ```
 */
export function rankingSpec(result: TournamentResult): TopLevelSpec {
  const values = result.summary.ranking.map((s) => ({
    strategy: `${s.rank}. ${s.name}`,
    mean: s.utility.mean,
    low: s.utility.low,
    high: s.utility.high,
    hover: `${s.name}: mean utility ${s.utility.mean.toFixed(3)}, 95% CI [${s.utility.low.toFixed(3)}, ${s.utility.high.toFixed(3)}], n = ${s.utility.n}, agreed ${(100 * s.agreementRate).toFixed(0)}%`,
  }));
  const y = { field: 'strategy', type: 'nominal', title: null, sort: values.map((v) => v.strategy) } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    width: 520,
    height: { step: 28 },
    data: { values },
    layer: [
      { mark: { type: 'rule', strokeWidth: 2, color: '#4e79a7' }, encoding: { y, x: { field: 'low', type: 'quantitative', title: 'Mean utility (95% confidence interval)', scale: { zero: false } }, x2: { field: 'high' }, description: { field: 'hover', type: 'nominal' } } },
      { mark: { type: 'point', filled: true, size: 70, color: '#1f3b73' }, encoding: { y, x: { field: 'mean', type: 'quantitative' }, description: { field: 'hover', type: 'nominal' } } },
    ],
  };
}

/**
 * Where a two-party domain's negotiations ended, in utility space: one point per
 * negotiation (by the strategy in the first role), over the domain's exact Pareto frontier
 * and Nash point. Undiscounted utilities: where the talks landed.
 *
 * @example
 * ```ts
 * const svg = await renderChart(outcomesSpec(result, 'energy'));
 * ```
 */
export function outcomesSpec(result: TournamentResult, domainId: string): TopLevelSpec {
  const domain = result.meta.domains.find((d) => d.id === domainId)!;
  const rows = result.rows.filter((row) => row.domain === domainId);
  const x = { field: 'x', type: 'quantitative' as const, title: `Utility to ${domain.parties[0]}`, scale: { domain: [0, 1] } };
  const y = { field: 'y', type: 'quantitative' as const, title: `Utility to ${domain.parties[1]}`, scale: { domain: [0, 1] } };
  const discount = domain.discountFactors;
  const points = rows.map((row) => {
    // Rows carry discounted utilities when the tournament discounts: undo it to place them.
    const undo = (p: number) => (result.meta.discount && discount[p]! < 1 ? row.utilities[p]! / discount[p]! ** row.time : row.utilities[p]!);
    return { x: undo(0), y: undo(1), kind: row.agreement ? `opened by ${row.strategies[0]}` : 'no agreement', hover: `${row.strategies.join(' v ')} (${row.status}, ${row.rounds} rounds): ${undo(0).toFixed(3)}, ${undo(1).toFixed(3)}` };
  });
  const frontier = domain.pareto.map((u, order) => ({ x: u[0]!, y: u[1]!, order }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    width: 480,
    height: 420,
    layer: [
      { data: { values: frontier }, mark: { type: 'line', color: '#e15759', strokeWidth: 1.5, point: { size: 10, color: '#e15759' } }, encoding: { x, y, order: { field: 'order', type: 'quantitative' } } },
      { data: { values: points }, mark: { type: 'point', filled: true, size: 40, opacity: 0.7 }, encoding: { x, y, color: { field: 'kind', type: 'nominal', title: null, legend: { orient: 'bottom', columns: 3 } }, description: { field: 'hover', type: 'nominal' } } },
      ...(domain.nash === null ? [] : [{ data: { values: [{ x: domain.nash[0]!, y: domain.nash[1]!, hover: `Nash point: ${domain.nash.map((u) => u.toFixed(3)).join(', ')}` }] }, mark: { type: 'point' as const, shape: 'diamond', size: 160, filled: true, color: '#b07aa1' }, encoding: { x, y, description: { field: 'hover', type: 'nominal' as const } } }]),
    ],
  };
}

/**
 * One negotiation's offers in utility space: each party's offers joined in order (its
 * concession path), the exact Pareto frontier, the Nash point and where it ended. The
 * negotiation drawn is the longest that reached agreement on a two-party domain (ties: the
 * first), among rows that carry a trace; undefined when none does.
 *
 * @example
 * ```ts
 * const spec = traceSpec(result);
 * if (spec !== undefined) await renderChart(spec.spec);
 * ```
 */
export function traceSpec(result: TournamentResult): { spec: TopLevelSpec; row: TournamentResult['rows'][number] } | undefined {
  const twoParty = new Set(result.meta.domains.filter((d) => d.parties.length === 2).map((d) => d.id));
  let chosen: TournamentResult['rows'][number] | undefined;
  for (const row of result.rows) {
    if (row.trace === undefined || !row.agreement || !twoParty.has(row.domain)) continue;
    if (chosen === undefined || row.trace.length > chosen.trace!.length) chosen = row;
  }
  if (chosen === undefined) return undefined;
  const row = chosen;
  const domain = result.meta.domains.find((d) => d.id === row.domain)!;
  const x = { field: 'x', type: 'quantitative' as const, title: `Utility to ${domain.parties[0]}`, scale: { domain: [0, 1] } };
  const y = { field: 'y', type: 'quantitative' as const, title: `Utility to ${domain.parties[1]}`, scale: { domain: [0, 1] } };
  const offers = row.trace!.map(([round, by, u0, u1]) => ({ x: u0!, y: u1!, round: round!, by: `${row.strategies[by!]} (${domain.parties[by!]})`, hover: `round ${round}: ${row.strategies[by!]} offers ${u0!.toFixed(3)}, ${u1!.toFixed(3)}` }));
  const last = offers.at(-1)!;
  const frontier = domain.pareto.map((u, order) => ({ x: u[0]!, y: u[1]!, order }));
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    width: 480,
    height: 420,
    layer: [
      { data: { values: frontier }, mark: { type: 'line', color: '#e15759', strokeWidth: 1, strokeDash: [4, 3] }, encoding: { x, y, order: { field: 'order', type: 'quantitative' } } },
      { data: { values: offers }, mark: { type: 'line', point: { size: 28, filled: true }, strokeWidth: 1.2 }, encoding: { x, y, order: { field: 'round', type: 'quantitative' }, color: { field: 'by', type: 'nominal', title: null, legend: { orient: 'bottom' } }, description: { field: 'hover', type: 'nominal' } } },
      ...(domain.nash === null ? [] : [{ data: { values: [{ x: domain.nash[0]!, y: domain.nash[1]!, hover: 'Nash point' }] }, mark: { type: 'point' as const, shape: 'diamond', size: 160, filled: true, color: '#b07aa1' }, encoding: { x, y, description: { field: 'hover', type: 'nominal' as const } } }]),
      { data: { values: [{ ...last, hover: `agreement in round ${last.round}: ${last.x.toFixed(3)}, ${last.y.toFixed(3)}` }] }, mark: { type: 'point', shape: 'square', size: 140, filled: true, color: '#2d6a36' }, encoding: { x, y, description: { field: 'hover', type: 'nominal' } } },
    ],
  };
  return { spec, row };
}

/**
 * A tournament's results as one self-contained HTML page: the ranking chart and table, the
 * significant pairs, and for each two-party domain where its negotiations ended against the
 * Pareto frontier and the Nash point. No script, no timestamp: the same results give the same bytes.
 *
 * @example
 * ```ts
 * await writeFile('tournament.html', await renderTournamentHtml(result));
 * ```
 */
export async function renderTournamentHtml(result: TournamentResult): Promise<string> {
  const e = escapeHtml;
  const { meta, summary } = result;
  const ranking = await renderChart(rankingSpec(result));
  const twoParty = meta.domains.filter((d) => d.parties.length === 2);
  const spaces = await Promise.all(twoParty.map((d) => renderChart(outcomesSpec(result, d.id))));
  const traced = traceSpec(result);
  const traceChart = traced === undefined ? '' : await renderChart(traced.spec);
  const f = (x: number | null) => (x === null ? '—' : x.toFixed(3));
  const significant = summary.pairwise.filter((p) => p.significant);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tournament — Parley report</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>Tournament: ${meta.strategies.length} strategies on ${meta.domains.map((d) => e(d.id)).join(', ')}</h1>
<p class="meta">${meta.negotiations} negotiations · alternating offers, deadline ${meta.deadline} · ${meta.repetitions} repetition${meta.repetitions === 1 ? '' : 's'} · seed ${meta.seed}${meta.discount ? ' · discounted' : ''} · ${(100 * summary.agreementRate).toFixed(1)}% agreed · <code>${e(meta.fingerprint)}</code></p>
</header>
<section id="ranking">
<h2>Ranking by mean utility</h2>
<p class="note">Each strategy's utility per negotiation, pooled over every domain and role it played, with the 95% Student-t confidence interval of the mean.</p>
<figure class="chart" data-chart="ranking">${ranking}</figure>
<table><thead><tr><th>#</th><th>Strategy</th><th>Mean utility</th><th>95% CI</th><th>Agreed</th><th>Welfare</th><th>To Pareto</th><th>To Nash</th><th>Model error</th><th>Rounds</th></tr></thead><tbody>
${summary.ranking.map((s) => `<tr><td class="num">${s.rank}</td><td>${e(s.name)}</td><td class="num">${f(s.utility.mean)}</td><td class="num">[${f(s.utility.low)}, ${f(s.utility.high)}]</td><td class="num">${(100 * s.agreementRate).toFixed(0)}%</td><td class="num">${f(s.welfare)}</td><td class="num">${f(s.paretoDistance)}</td><td class="num">${f(s.nashDistance)}</td><td class="num">${f(s.modelError)}</td><td class="num">${s.rounds.toFixed(1)}</td></tr>`).join('\n')}
</tbody></table>
<p class="note">Welch t-tests, two-sided, p &lt; 0.05, not corrected for the ${summary.pairwise.length} pairs: ${significant.length === 0 ? 'no pair differs.' : significant.map((p) => `${e(p.a)} &gt; ${e(p.b)} (+${p.difference.toFixed(3)}, p = ${p.p < 1e-4 ? p.p.toExponential(1) : p.p.toFixed(4)})`).join('; ')}</p>
</section>
${twoParty.map((d, k) => `<section id="space-${e(d.id)}">
<h2>Where the negotiations on ${e(d.id)} ended</h2>
<p class="note">One point per negotiation, coloured by the strategy that opened (the first role, ${e(d.parties[0]!)}); the exact Pareto frontier over all ${d.outcomes} outcomes (red) and the Nash point (diamond)${d.exact ? '' : ' — not exact: the analysis budget ran out'}.</p>
<figure class="chart" data-chart="space">${spaces[k]}</figure>
</section>`).join('\n')}
<section id="trace">
<h2>One negotiation's offers</h2>
${traced === undefined ? '<p class="note" data-left-out="trace">No offer trace: run the tournament with <code>--trace</code> (or <code>trace: true</code> in its file) to draw one.</p>' : `<p class="note">Negotiation ${traced.row.index} on ${e(traced.row.domain)}: ${traced.row.strategies.map(e).join(' v ')}, agreed after ${traced.row.rounds} rounds (the longest agreement of the tournament). Each party's offers in order, the Pareto frontier (dashed), the Nash point (diamond) and the agreement (square).</p>
<figure class="chart" data-chart="trace">${traceChart}</figure>`}
</section>
</body>
</html>
`;
}
