import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { shortDate, type ReportData } from './report-data.js';

/** The verdict colours of the heatmap, in legend order. */
export const VERDICTS = ['acceptable', 'objectionable', 'crosses-red-line'] as const;
const VERDICT_COLOURS = ['#4c9a5b', '#e7b13c', '#c8413a'];
/** One colour per party, in scenario order (Tableau 10). */
const PARTY_COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7'];

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const CONFIG = {
  font: FONT,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e6e6e6' },
  legend: { labelFontSize: 11, titleFontSize: 12 },
} as const;

/**
 * Compiles a Vega-Lite spec with `vega-lite` and renders it to an SVG string with `vega`,
 * headless (no canvas, no network). Every data mark with a description gets it as an SVG
 * `<title>` too, so the browser shows it on hover without any script.
 */
export async function renderChart(spec: TopLevelSpec): Promise<string> {
  const { spec: compiled } = compile(spec);
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return withTitles(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/** Adds Vega's own `aria-label` of each data mark item as its SVG `<title>` (the hover text). */
function withTitles(svg: string): string {
  return svg.replace(/<(path|line)([^>]*?) aria-label="([^"]*)"([^>]*?)(\/>|><\/\1>)/g, (_all, tag: string, before: string, label: string, after: string) =>
    `<${tag}${before} aria-label="${label}"${after}><title>${label}</title></${tag}>`);
}

/** The acceptability heatmap: the points of each plan version × the parties, coloured by verdict. */
export function heatmapSpec(data: ReportData): TopLevelSpec {
  const maxPoints = Math.max(...data.plans.map((plan) => plan.points));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    data: {
      values: data.heatmap.map((cell) => ({
        ...cell,
        plan: `${cell.planTitle}`,
        hover: `${cell.partyName} on point ${cell.point} of ${cell.planTitle}: ${cell.verdict}. ${cell.summary} — ${cell.reason}`,
      })),
    },
    facet: { row: { field: 'plan', type: 'nominal', sort: data.plans.map((plan) => plan.title), title: null, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelFontSize: 13, labelFontWeight: 'bold', labelPadding: 4 } } },
    spacing: 14,
    resolve: { scale: { x: 'independent' } },
    spec: {
      width: { step: Math.max(18, Math.floor(760 / maxPoints)) },
      height: { step: 20 },
      mark: { type: 'rect', stroke: '#fff', strokeWidth: 1.5 },
      encoding: {
        x: { field: 'point', type: 'ordinal', title: 'Point', axis: { labelAngle: 0, orient: 'bottom' } },
        y: { field: 'partyName', type: 'nominal', title: null, sort: data.parties.map((party) => party.name) },
        color: {
          field: 'verdict',
          type: 'nominal',
          title: 'Verdict',
          scale: { domain: [...VERDICTS], range: VERDICT_COLOURS },
          legend: { orient: 'top', direction: 'horizontal', labelExpr: "datum.label === 'crosses-red-line' ? 'crosses a red line' : datum.label" },
        },
        description: { field: 'hover', type: 'nominal' },
      },
    },
  } as TopLevelSpec;
}

/** The utility timeline: each party's utility and threshold at each step of the replay, with the shocks. */
export function timelineSpec(data: ReportData): TopLevelSpec {
  const { responses, shocks, steps } = data.timeline;
  const partyNames = data.parties.map((party) => party.name);
  const rows = responses.flatMap((response) => [
    { ...response, series: 'utility', value: response.utility, hover: `${response.partyName}, step ${response.step} (${response.date}): utility ${response.utility.toFixed(2)} of ${response.version}, threshold ${response.threshold.toFixed(2)}; ${response.decision}. ${response.reason}` },
    { ...response, series: 'reservation value (threshold)', value: response.threshold, hover: `${response.partyName}, step ${response.step} (${response.date}): threshold ${response.threshold.toFixed(2)}` },
  ]);
  const dates = Object.fromEntries(steps.map((step) => [String(step.step), shortDate(step.date)]));
  const last = steps.length === 0 ? 1 : steps[steps.length - 1]!.step;
  const x = { field: 'step', type: 'quantitative', title: 'Step of the talks replay (date)', scale: { domain: [0, last] }, axis: { values: steps.map((step) => step.step), labelExpr: `datum.value + ' · ' + (${JSON.stringify(dates)}[datum.value] || '')`, labelAngle: -35, grid: false } } as const;
  const shockRows = shocks.map((shock, index) => ({ ...shock, row: index % 3, hover: `${shock.date}: ${shock.summary}` }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    width: 760,
    height: 320,
    layer: [
      {
        data: { values: shockRows },
        mark: { type: 'rule', color: '#777', strokeDash: [3, 3], strokeWidth: 1.5 },
        encoding: { x, description: { field: 'hover', type: 'nominal' } },
      },
      {
        data: { values: shockRows },
        mark: { type: 'text', align: 'right', dx: -4, fontSize: 11, color: '#444' },
        encoding: {
          x,
          y: { value: { expr: '-10 - datum.row * 14' } },
          text: { field: 'label', type: 'nominal' },
        },
      },
      {
        data: { values: rows },
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2, point: { filled: true, size: 45 } },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative', title: 'Utility', scale: { domain: [0, 1] } },
          color: { field: 'partyName', type: 'nominal', title: 'Party', sort: partyNames, scale: { domain: partyNames, range: PARTY_COLOURS.slice(0, partyNames.length) }, legend: { orient: 'bottom', labelLimit: 300 } },
          strokeDash: { field: 'series', type: 'nominal', title: 'Line', scale: { domain: ['utility', 'reservation value (threshold)'], range: [[1, 0], [5, 3]] }, legend: null },
          description: { field: 'hover', type: 'nominal' },
        },
      },
    ],
    resolve: { scale: { x: 'shared' } },
  } as unknown as TopLevelSpec;
}

/** The two-party utility space: a sample of outcomes, the plans, the frontier, Nash and Kalai–Smorodinsky. */
export function utilitySpaceSpec(data: ReportData): TopLevelSpec {
  const space = data.space;
  const axis = (party: { name: string }) => `Utility to ${party.name}`;
  const x = { field: 'x', type: 'quantitative', title: axis(space.x), scale: { domain: [0, 1] } } as const;
  const y = { field: 'y', type: 'quantitative', title: axis(space.y), scale: { domain: [0, 1] } } as const;
  const frontierName = space.frontierOfAgreements ? 'Pareto frontier (agreement space)' : 'Pareto frontier (all outcomes)';
  const kinds = ['sampled outcome', 'acceptable to both', frontierName, 'plan version', 'Nash point', 'Kalai–Smorodinsky point'];
  const colours = ['#b8c4d6', '#59a14f', '#e15759', '#1f3b73', '#b07aa1', '#f28e2b'];
  const colour = { field: 'kind', type: 'nominal', title: null, scale: { domain: kinds, range: colours }, legend: { orient: 'bottom', columns: 3, labelLimit: 320, symbolOpacity: 1 } } as const;
  const describe = (label: string, p: { x: number; y: number }) => `${label}: ${space.x.name} ${p.x.toFixed(3)}, ${space.y.name} ${p.y.toFixed(3)}`;
  const sample = space.sample.map((p) => ({ ...p, kind: p.acceptable ? 'acceptable to both' : 'sampled outcome', hover: describe(p.acceptable ? 'Sampled outcome, acceptable to both' : 'Sampled outcome', p) }));
  const agreements = space.agreementPoints.map((p) => ({ ...p, kind: 'acceptable to both', hover: describe('Agreement', p) }));
  const frontier = space.frontier.map((p, order) => ({ ...p, order, kind: frontierName, hover: describe(frontierName, p) }));
  const plans = space.plans.map((p) => ({ ...p, kind: 'plan version', hover: describe(p.title, p) }));
  const solutions = [
    ...(space.nash === null ? [] : [{ ...space.nash, kind: 'Nash point', label: 'Nash', hover: describe('Nash point', space.nash) }]),
    ...(space.kalaiSmorodinsky === null ? [] : [{ ...space.kalaiSmorodinsky, kind: 'Kalai–Smorodinsky point', label: 'KS', hover: describe('Kalai–Smorodinsky point', space.kalaiSmorodinsky) }]),
  ];
  const note = space.agreements > 0
    ? `Agreement space: ${space.agreements.toLocaleString('en-GB')} outcomes acceptable to both (green)`
    : `No agreement space: no outcome is acceptable to both ${space.x.name} and ${space.y.name}`;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    width: 560,
    height: 480,
    layer: [
      { data: { values: [...sample, ...agreements] }, mark: { type: 'circle', size: 14, opacity: 0.6 }, encoding: { x, y, color: colour, description: { field: 'hover', type: 'nominal' } } },
      { data: { values: [{ x: space.x.reservationValue }] }, mark: { type: 'rule', strokeDash: [4, 4], color: '#888' }, encoding: { x: { field: 'x', type: 'quantitative' } } },
      { data: { values: [{ y: space.y.reservationValue }] }, mark: { type: 'rule', strokeDash: [4, 4], color: '#888' }, encoding: { y: { field: 'y', type: 'quantitative' } } },
      { data: { values: frontier }, mark: { type: 'line', strokeWidth: 2, point: { filled: true, size: 28 } }, encoding: { x, y, order: { field: 'order', type: 'quantitative' }, color: colour, description: { field: 'hover', type: 'nominal' } } },
      { data: { values: plans }, mark: { type: 'point', shape: 'diamond', filled: true, size: 130, stroke: '#fff', strokeWidth: 1 }, encoding: { x, y, color: colour, description: { field: 'hover', type: 'nominal' } } },
      { data: { values: plans }, mark: { type: 'text', align: 'right', dx: -8, dy: -8, fontSize: 11, fontWeight: 'bold', color: '#1f3b73' }, encoding: { x, y, text: { field: 'plan', type: 'nominal' } } },
      { data: { values: solutions }, mark: { type: 'point', shape: 'square', filled: true, size: 120, stroke: '#000', strokeWidth: 1 }, encoding: { x, y, color: colour, description: { field: 'hover', type: 'nominal' } } },
      { data: { values: solutions.filter((s) => s.label === 'Nash') }, mark: { type: 'text', align: 'left', dx: 9, dy: 14, fontSize: 11, fontWeight: 'bold' }, encoding: { x, y, text: { field: 'label', type: 'nominal' } } },
      { data: { values: solutions.filter((s) => s.label === 'KS') }, mark: { type: 'text', align: 'right', dx: -9, dy: 13, fontSize: 11, fontWeight: 'bold' }, encoding: { x, y, text: { field: 'label', type: 'nominal' } } },
      { data: { values: [{ note }] }, mark: { type: 'text', align: 'left', x: 6, y: 10, fontSize: 12, fontStyle: 'italic', color: space.agreements > 0 ? '#2d6a36' : '#a23530' }, encoding: { text: { field: 'note', type: 'nominal' } } },
    ],
  } as unknown as TopLevelSpec;
}
