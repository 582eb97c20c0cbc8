import { backtest, type BacktestCase } from '@parley/core';
import { loadCase } from '@parley/core/node';
import type { Command } from 'commander';
import { checkOutputFile, writeOutputFile } from '../output-file.js';
import type { Output } from '../output.js';
import { wholeNumberOption } from '../parse-options.js';
import { renderBacktestTable } from '../render/backtest-report.js';

/** Options of `parley backtest`. */
export interface BacktestCommandOptions {
  readonly runs: number;
  readonly seed: number;
  readonly json?: boolean;
  readonly html?: string;
}

/** Adds `parley backtest` to `program`. */
export function registerBacktest(program: Command, output: Output): void {
  program
    .command('backtest')
    .description('Forecast every dated snapshot of each case from what was known then, and score the forecasts against what happened next (accuracy, Brier score, log loss), beside the baselines: chance, nothing changes, the Nash point without red lines, and Parley without firmness and prices.')
    .argument('<case-dir...>', 'case directories (case.yaml and a scenario; docs/forecasting.md)')
    .option('--runs <n>', 'Monte Carlo runs per forecast', wholeNumberOption(1), 200)
    .option('--seed <n>', 'seed of every forecast', wholeNumberOption(0), 1)
    .option('--json', 'print every call and the scores as JSON')
    .option('--html <file>', 'also write an HTML report with the table and a calibration chart')
    .addHelpText('after', ['', 'Examples:', '  pnpm parley backtest cases/ukraine-2025', '  pnpm parley backtest cases/* --json > backtest.json', '  pnpm parley backtest cases/* --html backtest.html'].join('\n'))
    .action(async (dirs: string[], options: BacktestCommandOptions) => {
      if (options.html !== undefined) await checkOutputFile('--html', options.html);
      const cases: BacktestCase[] = [];
      for (const dir of dirs) cases.push(await loadCase(dir));
      const result = backtest(cases, { runs: options.runs, seed: options.seed });
      if (options.json === true) output.out(JSON.stringify(result, null, 2));
      else {
        output.out(renderBacktestTable(result, output.colors));
        output.out('');
        output.out(`${result.calls.length} calls from ${cases.reduce((n, item) => n + item.snapshots.length, 0)} snapshots, ${options.runs} runs each (seed ${options.seed}). Few cases, small samples: docs/forecasting.md.`);
      }
      if (options.html !== undefined) {
        const { renderBacktestHtml } = await import('../render/backtest-report.js');
        const file = await writeOutputFile('--html', options.html, await renderBacktestHtml(result));
        if (options.json !== true) output.out(`Wrote ${file}`);
      }
    });
}
