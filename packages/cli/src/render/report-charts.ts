import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { formatCount } from '@parley/core';
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
        hover: `${cell.partyName} on point ${cell.point} of ${cell.planTitle}: ${cell.verdict}. ${cell.summary} — ${cell.reason}${cell.sources.length === 0 ? '' : ` [${cell.sources.join(', ')}]`}`,
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

/** The three lines of each party on the timeline, each number under its own name. */
export const TIMELINE_SERIES = ['utility', 'threshold', 'reservation value'] as const;

/**
 * The utility timeline: each party's utility for the version on the table (solid), its
 * threshold, the least its strategy settled for then (dashed), and its reservation value,
 * what walking away was worth then (dotted), at each step of the replay, with the shocks.
 */
export function timelineSpec(data: ReportData): TopLevelSpec {
  const { responses, shocks, steps } = data.timeline;
  const partyNames = data.parties.map((party) => party.name);
  const at = (response: (typeof responses)[number]) => `${response.partyName}, step ${response.step} (${response.date})`;
  const rows = responses.flatMap((response) => [
    { ...response, series: 'utility', value: response.utility, hover: `${at(response)}: utility ${response.utility.toFixed(2)} of ${response.version}, threshold ${response.threshold.toFixed(2)} (reservation value ${response.reservationValue.toFixed(2)}); ${response.decision}. ${response.reason}` },
    { ...response, series: 'threshold', value: response.threshold, hover: `${at(response)}: threshold ${response.threshold.toFixed(2)}, the least its strategy settles for now (reservation value ${response.reservationValue.toFixed(2)})` },
    { ...response, series: 'reservation value', value: response.reservationValue, hover: `${at(response)}: reservation value ${response.reservationValue.toFixed(2)}, what walking away is worth` },
  ]);
  const dates = Object.fromEntries(steps.map((step) => [String(step.step), shortDate(step.date)]));
  const last = steps.length === 0 ? 1 : steps[steps.length - 1]!.step;
  const x = { field: 'step', type: 'quantitative', title: 'Step of the talks replay (date)', scale: { domain: [0, last] }, axis: { values: steps.map((step) => step.step), labelExpr: `datum.value + ' · ' + (${JSON.stringify(dates)}[datum.value] || '')`, labelAngle: -35, grid: false } } as const;
  const shockRows = shocks.map((shock, index) => ({ ...shock, row: index % 3, hover: `${shock.date}: ${shock.summary}${shock.changes === null ? '' : ` ${shock.assumption === null ? 'Effect' : 'Assumed effect'}: ${shock.changes}.`}` }));
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
          strokeDash: { field: 'series', type: 'nominal', title: 'Line', scale: { domain: [...TIMELINE_SERIES], range: [[1, 0], [6, 3], [1, 3]] }, legend: { orient: 'bottom', labelLimit: 300, symbolType: 'stroke', symbolStrokeWidth: 2, symbolSize: 400, encode: { symbols: { update: { stroke: { value: '#444' } } } } } },
          description: { field: 'hover', type: 'nominal' },
        },
      },
    ],
    resolve: { scale: { x: 'shared' } },
  } as unknown as TopLevelSpec;
}

/** Two points closer than this on both axes draw on top of each other. */
const SAME_PLACE = 0.005;

/**
 * The two-party utility space: the outcomes (a seeded sample, or every one when there are
 * few), the plans, and what the analysis finds: the frontier, Nash and Kalai–Smorodinsky
 * points of the agreement space when there is one; otherwise the unrestricted frontier,
 * labelled so, and no Nash or KS point. With three or more parties, the analysis of all of
 * them is projected too, and the chart says the two-party points are not that.
 */
export function utilitySpaceSpec(data: ReportData): TopLevelSpec {
  const space = data.space;
  const axis = (party: { name: string }) => `Utility to ${party.name}`;
  const x = { field: 'x', type: 'quantitative', title: axis(space.x), scale: { domain: [0, 1] } } as const;
  const y = { field: 'y', type: 'quantitative', title: axis(space.y), scale: { domain: [0, 1] } } as const;
  const both = `${space.x.name} and ${space.y.name}`;
  const outcomeName = space.sampled ? 'sampled outcome' : 'outcome';
  const frontierName = space.frontierOfAgreements ? 'Pareto frontier of the agreement space' : 'Pareto frontier of all outcomes (unrestricted)';
  const nashName = `Nash point (${both} only)`;
  const ksName = `Kalai–Smorodinsky point (${both} only)`;
  const all = space.allParties;
  const allNashName = all === null ? '' : `Nash point of all ${all.count} parties (parley analyze), projected`;
  const allKsName = all === null ? '' : `Kalai–Smorodinsky point of all ${all.count} parties, projected`;
  const describe = (label: string, p: { x: number; y: number }) => `${label}: ${space.x.name} ${p.x.toFixed(3)}, ${space.y.name} ${p.y.toFixed(3)}`;
  const sample = space.sample.map((p) => ({ ...p, kind: p.acceptable ? 'acceptable to both' : outcomeName, hover: describe(p.acceptable ? `${space.sampled ? 'Sampled outcome' : 'Outcome'}, acceptable to both` : space.sampled ? 'Sampled outcome' : 'Outcome', p) }));
  // Every outcome is already drawn when the domain was drawn whole: no second copy of the agreements.
  const agreements = space.sampled ? space.agreementPoints.map((p) => ({ ...p, kind: 'acceptable to both', hover: describe('Agreement', p) })) : [];
  const frontier = space.frontier.map((p, order) => ({ ...p, order, kind: frontierName, hover: describe(frontierName, p) }));
  const plans = space.plans.map((p) => ({ ...p, kind: 'plan version', hover: describe(p.title, p) }));
  const coincide = space.nash !== null && space.kalaiSmorodinsky !== null && Math.abs(space.nash.x - space.kalaiSmorodinsky.x) < SAME_PLACE && Math.abs(space.nash.y - space.kalaiSmorodinsky.y) < SAME_PLACE;
  const nash = space.nash === null ? [] : [{ ...space.nash, kind: nashName, label: coincide ? 'Nash = KS' : 'Nash', hover: describe(coincide ? `${nashName}, the same as the Kalai–Smorodinsky point` : nashName, space.nash) }];
  const ks = space.kalaiSmorodinsky === null ? [] : [{ ...space.kalaiSmorodinsky, kind: ksName, label: 'KS', hover: describe(coincide ? `${ksName}, the same as the Nash point` : ksName, space.kalaiSmorodinsky) }];
  const allNash = all === null || all.nash === null ? [] : [{ ...all.nash, kind: allNashName, label: `Nash (all ${all.count})`, hover: describe(allNashName, all.nash) }];
  const allKs = all === null || all.kalaiSmorodinsky === null ? [] : [{ ...all.kalaiSmorodinsky, kind: allKsName, label: `KS (all ${all.count})`, hover: describe(allKsName, all.kalaiSmorodinsky) }];

  // The legend lists what is drawn, nothing else.
  const legend: [string, string][] = [
    [outcomeName, '#b8c4d6'],
    ...(space.sample.some((p) => p.acceptable) || agreements.length > 0 ? [['acceptable to both', '#59a14f'] as [string, string]] : []),
    ...(frontier.length > 0 ? [[frontierName, space.frontierOfAgreements ? '#e15759' : '#9a9a9a'] as [string, string]] : []),
    ['plan version', '#1f3b73'],
    ...(nash.length > 0 ? [[nashName, '#b07aa1'] as [string, string]] : []),
    ...(ks.length > 0 ? [[ksName, '#f28e2b'] as [string, string]] : []),
    ...(allNash.length > 0 ? [[allNashName, '#4e79a7'] as [string, string]] : []),
    ...(allKs.length > 0 ? [[allKsName, '#76b7b2'] as [string, string]] : []),
  ];
  const colour = { field: 'kind', type: 'nominal', title: null, scale: { domain: legend.map(([kind]) => kind), range: legend.map(([, value]) => value) }, legend: { orient: 'bottom', columns: 1, labelLimit: 700, symbolOpacity: 1 } } as const;

  const notes = [
    space.agreements !== 0
      ? `Agreement space: ${formatCount(space.agreements)}${space.agreementsExact ? '' : '+'} outcomes acceptable to both (green)`
      : `No agreement space: no outcome is acceptable to both ${both}, so no Nash or KS point`,
    ...(space.agreements !== 0 ? [] : ['The frontier drawn is of all outcomes (unrestricted)']),
    ...(all === null ? [] : [`Two-party projection: not parley analyze's ${all.count}-party Nash point`]),
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    width: 560,
    height: 480,
    // The notes say what the chart does and does not show: above the plot, where no mark can hide them.
    title: { text: notes[0]!, subtitle: notes.slice(1), anchor: 'start', fontSize: 13, fontStyle: 'italic', fontWeight: 'normal', color: space.agreements !== 0 ? '#2d6a36' : '#a23530', subtitleColor: '#a23530', subtitleFontStyle: 'italic', subtitleFontSize: 12 },
    layer: [
      { data: { values: [...sample, ...agreements] }, mark: { type: 'circle', size: 14, opacity: 0.6 }, encoding: { x, y, color: colour, description: { field: 'hover', type: 'nominal' } } },
      { data: { values: [{ x: space.x.reservationValue }] }, mark: { type: 'rule', strokeDash: [4, 4], color: '#888' }, encoding: { x: { field: 'x', type: 'quantitative' } } },
      { data: { values: [{ y: space.y.reservationValue }] }, mark: { type: 'rule', strokeDash: [4, 4], color: '#888' }, encoding: { y: { field: 'y', type: 'quantitative' } } },
      {
        data: { values: frontier },
        mark: { type: 'line', strokeWidth: 2, ...(space.frontierOfAgreements ? {} : { strokeDash: [6, 4] }), point: { filled: true, size: 28 } },
        encoding: { x, y, order: { field: 'order', type: 'quantitative' }, color: colour, description: { field: 'hover', type: 'nominal' } },
      },
      { data: { values: plans }, mark: { type: 'point', shape: 'diamond', filled: true, size: 130, stroke: '#fff', strokeWidth: 1 }, encoding: { x, y, color: colour, description: { field: 'hover', type: 'nominal' } } },
      { data: { values: plans }, mark: { type: 'text', align: 'right', dx: -8, dy: -8, fontSize: 11, fontWeight: 'bold', color: '#1f3b73' }, encoding: { x, y, text: { field: 'plan', type: 'nominal' } } },
      // KS as a large open ring and Nash as a small filled square: where the two points
      // coincide, the square sits inside the ring and both stay visible. The points of all the
      // parties take other shapes (an open triangle, a cross), so they are never taken for these.
      { data: { values: ks }, mark: { type: 'point', shape: 'circle', filled: false, size: 420, strokeWidth: 2.5 }, encoding: { x, y, color: colour, description: { field: 'hover', type: 'nominal' } } },
      { data: { values: nash }, mark: { type: 'point', shape: 'square', filled: true, size: 110, stroke: '#000', strokeWidth: 1 }, encoding: { x, y, color: colour, description: { field: 'hover', type: 'nominal' } } },
      { data: { values: allKs }, mark: { type: 'point', shape: 'triangle-up', filled: false, size: 420, strokeWidth: 2.5 }, encoding: { x, y, color: colour, description: { field: 'hover', type: 'nominal' } } },
      { data: { values: allNash }, mark: { type: 'point', shape: 'cross', filled: true, size: 160, stroke: '#000', strokeWidth: 0.5 }, encoding: { x, y, color: colour, description: { field: 'hover', type: 'nominal' } } },
      // The two parties' labels below their marks, all the parties' above theirs, so that
      // nearby points of the two kinds do not write over each other.
      { data: { values: nash }, mark: { type: 'text', align: 'left', dx: 12, dy: 14, fontSize: 11, fontWeight: 'bold' }, encoding: { x, y, text: { field: 'label', type: 'nominal' } } },
      { data: { values: coincide ? [] : ks }, mark: { type: 'text', align: 'right', dx: -12, dy: 14, fontSize: 11, fontWeight: 'bold' }, encoding: { x, y, text: { field: 'label', type: 'nominal' } } },
      { data: { values: allNash }, mark: { type: 'text', align: 'right', dx: -10, dy: -12, fontSize: 11, fontWeight: 'bold', color: '#2f4b6b' }, encoding: { x, y, text: { field: 'label', type: 'nominal' } } },
      { data: { values: allKs }, mark: { type: 'text', align: 'left', dx: 12, dy: -12, fontSize: 11, fontWeight: 'bold', color: '#2f4b6b' }, encoding: { x, y, text: { field: 'label', type: 'nominal' } } },
    ],
  } as unknown as TopLevelSpec;
}
