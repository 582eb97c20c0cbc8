import type { TopLevelSpec } from 'vega-lite';
import { BACKTEST_METHODS, type BacktestResult, type Scores } from '@parley/core';
import { renderChart } from './report-charts.js';
import { escapeHtml } from './report-html.js';

const CSS = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; padding: 24px 32px 64px; max-width: 1100px; color: #1d232b; line-height: 1.45; }
h1 { font-size: 1.7rem; margin: 0 0 4px; }
h2 { font-size: 1.3rem; margin: 40px 0 8px; border-bottom: 2px solid #dfe3e8; padding-bottom: 4px; }
.note { color: #57606a; font-size: .92rem; }
figure.chart svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: .9rem; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; }
th { background: #f3f5f7; }
td.num { text-align: right; white-space: nowrap; }
`;

/** The rows of the backtest table: one per case and method, then overall. */
export function backtestRows(result: BacktestResult): { scope: string; method: string; scores: Scores }[] {
  const rows: { scope: string; method: string; scores: Scores }[] = [];
  for (const item of result.cases) for (const method of BACKTEST_METHODS) rows.push({ scope: `${item.name} (${item.use})`, method, scores: item.scores[method] });
  for (const method of BACKTEST_METHODS) rows.push({ scope: 'overall', method, scores: result.overall[method] });
  return rows;
}

/**
 * The backtest as a plain-text table: accuracy, Brier score and log loss per case and method.
 *
 * @example
 * ```ts
 * console.log(renderBacktestTable(backtest([ukraine], { runs: 200 }), output.colors));
 * ```
 */
export function renderBacktestTable(result: BacktestResult, colors: { readonly bold: (text: string) => string; readonly dim: (text: string) => string } = { bold: (text) => text, dim: (text) => text }): string {
  const rows = backtestRows(result);
  const scope = Math.max(5, ...rows.map((row) => row.scope.length));
  const method = Math.max(6, ...rows.map((row) => row.method.length));
  const head = `${'case'.padEnd(scope)}  ${'method'.padEnd(method)}  calls  accuracy  Brier   log loss`;
  const lines = rows.map((row) => `${row.scope.padEnd(scope)}  ${row.method.padEnd(method)}  ${String(row.scores.calls).padStart(5)}  ${row.scores.accuracy.toFixed(3).padStart(8)}  ${row.scores.brier.toFixed(3)}  ${row.scores.logLoss.toFixed(3).padStart(8)}`);
  return [colors.bold(head), colors.dim('-'.repeat(head.length)), ...lines].join('\n');
}

/** The calibration chart: Parley's mean predicted probability per bin against how often it happened, with the diagonal. */
export function calibrationSpec(result: BacktestResult): TopLevelSpec {
  const bins = result.calibration.filter((bin) => bin.calls > 0).map((bin) => ({ ...bin, label: `${bin.from.toFixed(1)}–${bin.to.toFixed(1)}: ${bin.calls} calls, predicted ${bin.predicted.toFixed(2)}, happened ${bin.observed.toFixed(2)}` }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: 360,
    height: 360,
    config: { font: 'system-ui, sans-serif', view: { stroke: null } },
    layer: [
      { data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }, mark: { type: 'line', strokeDash: [4, 4], color: '#999' }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } },
      {
        data: { values: bins },
        mark: { type: 'point', filled: true, color: '#4e79a7' },
        encoding: {
          x: { field: 'predicted', type: 'quantitative', title: 'predicted probability', scale: { domain: [0, 1] } },
          y: { field: 'observed', type: 'quantitative', title: 'share that happened', scale: { domain: [0, 1] } },
          size: { field: 'calls', type: 'quantitative', title: 'calls' },
          description: { field: 'label' },
        },
      },
    ],
  } as TopLevelSpec;
}

/**
 * The backtest as an HTML page: the table and the calibration chart.
 *
 * @example
 * ```ts
 * await writeFile('backtest.html', await renderBacktestHtml(result));
 * ```
 */
export async function renderBacktestHtml(result: BacktestResult): Promise<string> {
  const e = escapeHtml;
  const chart = await renderChart(calibrationSpec(result));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Backtest — Parley report</title>
<style>${CSS}</style>
</head>
<body>
<h1>Backtest: ${result.cases.map((item) => e(item.name)).join(', ')}</h1>
<p class="note">${result.calls.length} calls. Few cases and small samples: see docs/forecasting.md for what these numbers can and cannot show.</p>
<section id="scores">
<h2>Scores</h2>
<table><thead><tr><th>Case</th><th>Method</th><th>Calls</th><th>Accuracy</th><th>Brier</th><th>Log loss</th></tr></thead><tbody>
${backtestRows(result).map((row) => `<tr><td>${e(row.scope)}</td><td>${e(row.method)}</td><td class="num">${row.scores.calls}</td><td class="num">${row.scores.accuracy.toFixed(3)}</td><td class="num">${row.scores.brier.toFixed(3)}</td><td class="num">${row.scores.logLoss.toFixed(3)}</td></tr>`).join('\n')}
</tbody></table>
</section>
<section id="calibration">
<h2>Calibration</h2>
<p class="note">Parley's calls in five bins of predicted probability: a calibrated forecaster's points lie on the diagonal.</p>
<figure class="chart" data-chart="calibration">${chart}</figure>
</section>
<section id="calls">
<h2>Every call</h2>
<table><thead><tr><th>Case</th><th>As of</th><th>Question</th><th>Happened</th>${BACKTEST_METHODS.map((method) => `<th>${e(method)}</th>`).join('')}<th>Sources</th></tr></thead><tbody>
${result.calls.map((call) => `<tr><td>${e(call.case)}</td><td>${e(call.asOf)}</td><td>${e(call.question)}</td><td>${call.happened ? 'yes' : 'no'}</td>${BACKTEST_METHODS.map((method) => `<td class="num">${call.predicted[method].toFixed(2)}</td>`).join('')}<td>${e(call.sources.join(', '))}</td></tr>`).join('\n')}
</tbody></table>
</section>
</body>
</html>
`;
}
