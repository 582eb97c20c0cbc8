import { formatCount, type IssueMove, type PlanDiff } from '@parley/core';
import { heatmapSpec, renderChart, timelineSpec, utilitySpaceSpec } from './report-charts.js';
import type { ReportData } from './report-data.js';

const CSS = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; padding: 24px 32px 64px; max-width: 1100px; color: #1d232b; line-height: 1.45; }
h1 { font-size: 1.7rem; margin: 0 0 4px; }
h2 { font-size: 1.3rem; margin: 40px 0 8px; border-bottom: 2px solid #dfe3e8; padding-bottom: 4px; }
h3 { font-size: 1.05rem; margin: 24px 0 6px; }
.meta, .note { color: #57606a; font-size: .92rem; }
figure.chart { margin: 12px 0; overflow-x: auto; }
figure.chart svg { max-width: 100%; height: auto; }
figure.chart svg path[aria-label]:hover { stroke: #000; stroke-width: 1.5px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: .9rem; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f5f7; }
td.num { text-align: right; white-space: nowrap; }
.kind-settled { color: #2d6a36; font-weight: 600; }
.kind-opened { color: #9a6700; font-weight: 600; }
.kind-changed { color: #0b5394; font-weight: 600; }
.verdict-none { color: #a23530; font-weight: 600; }
nav a { margin-right: 14px; }
.low-reliability { color: #a23530; font-weight: 600; white-space: nowrap; }
dl.sources dt { font-weight: 600; margin-top: 6px; }
dl.sources dd { margin: 0 0 0 2em; }
`;

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Renders the whole report as one self-contained HTML document: inline CSS, the charts as
 * inline SVG rendered by Vega, no script, no external resource and no timestamp, so the same
 * scenario and seed give the same bytes.
 */
export async function renderReportHtml(data: ReportData): Promise<string> {
  const final = data.timeline.final;
  // A report without talks (no talks.yaml) draws no timeline chart: its section says why instead.
  const [heatmap, timeline, spaceChart] = await Promise.all([renderChart(heatmapSpec(data)), final === null ? '' : renderChart(timelineSpec(data)), renderChart(utilitySpaceSpec(data))]);
  const e = escapeHtml;
  const space = data.space;
  const both = `${e(space.x.name)} and ${e(space.y.name)}`;
  const drawn = space.sampled
    ? `${formatCount(space.sample.length)} of the ${formatCount(space.outcomes)} outcomes, sampled with seed ${data.seed}`
    : `All ${formatCount(space.outcomes)} outcomes of the domain, each once`;
  const spaceNote = space.agreements !== 0
    ? `${formatCount(space.agreements)}${space.agreementsExact ? '' : '+'} outcomes are acceptable to both ${both} (green); the frontier, Nash and Kalai–Smorodinsky points are those of this agreement space.`
    : `<span class="verdict-none">No agreement space:</span> no outcome is acceptable to both ${both}${space.conflict.length > 0 ? ` (conflicting: ${space.conflict.map(e).join('; ')})` : ''}, so there is no Nash or Kalai–Smorodinsky point to draw. The dashed frontier is that of all outcomes, unrestricted: red lines and reservation values ignored.`;
  const all = space.allParties;
  const allNote = all === null
    ? ''
    : ` This chart is a two-party projection: its Nash and Kalai–Smorodinsky points, if any, are of ${both} alone, not <code>parley analyze</code>'s ${all.count}-party Nash point. ${all.agreements !== 0
      ? `${formatCount(all.agreements)}${all.agreementsExact ? '' : '+'} outcomes are acceptable to all ${all.count} parties; their Nash and Kalai–Smorodinsky points are drawn projected on these two axes, labelled "(all ${all.count})".`
      : `No outcome is acceptable to all ${all.count} parties, so there is no ${all.count}-party Nash point.`}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(data.scenario.title)} — Parley report</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${e(data.scenario.title)}</h1>
<p class="meta">Scenario <code>${e(data.scenario.id)}</code>${data.scenario.asOf === null ? '' : `, positions as of ${e(data.scenario.asOf)}`} · ${data.parties.length} parties · ${data.plans.length} plan versions · ${final === null ? 'seed' : 'replay seed'} ${data.seed}</p>
${data.overrides === undefined ? '' : `<p class="overrides"><strong>${e(data.overrides)}</strong> Every verdict below is of the scenario with these changes, not as its files say.</p>\n`}<p>${e(data.scenario.description)}</p>
<nav><a href="#heatmap">Acceptability</a><a href="#timeline">Utility timeline</a><a href="#space">Utility space</a><a href="#diffs">Version diffs</a><a href="#relaxations">Relaxations</a><a href="#stability">Stability</a><a href="#sources">Sources</a></nav>
</header>
<section id="heatmap">
<h2>Acceptability of every point</h2>
<p class="note">Each cell is one point of a plan version as one party judges it, as <code>parley assess</code> does: against its reservation value. Hover a cell for the point, the reason and the point's sources.</p>
<figure class="chart" data-chart="heatmap">${heatmap}</figure>
</section>
<section id="timeline">
<h2>Utility timeline of the talks</h2>
${final === null ? `<p class="note" data-left-out="talks">This section is left out: ${e(data.talksLeftOut ?? 'no talks were replayed')}.</p>` : `<p class="note">At every step of the replay, each party's utility for the version on the table (solid), its threshold (dashed: the least its strategy settles for at that moment, the bar a version must reach in the talks) and its reservation value (dotted: what walking away is worth, which shocks move; the threshold never falls below it). Dotted rules mark the shocks. Versions are written <code>plan@n</code>: the plan the text started from and how many times the talks have revised it. The talks ended ${e(final.status)}${final.date === null ? '' : ` on ${e(final.date)}`}: ${e(final.reason)}</p>
<figure class="chart" data-chart="timeline">${timeline}</figure>
${data.timeline.shocks.length === 0 ? '' : `<ul class="note">${data.timeline.shocks.map((shock) => `<li><strong>${e(shock.date)}</strong> (${e(shock.kind)}): ${e(shock.summary)}${citation(shock.sources)}${shock.changes === null ? '' : ` ${shock.assumption === null ? 'Effect' : 'Assumed effect'}: ${e(shock.changes)}.`}${shock.assumption === null ? '' : ` <em>Assumption: ${e(shock.assumption)}</em>`}</li>`).join('')}</ul>`}`}
</section>
<section id="space">
<h2>Utility space: ${e(data.space.x.name)} × ${e(data.space.y.name)}</h2>
<p class="note">${drawn}; dashed rules are the reservation values. ${spaceNote}${allNote}</p>
<figure class="chart" data-chart="space">${spaceChart}</figure>
</section>
<section id="diffs">
<h2>Version diffs</h2>
${data.diffs.map(({ revision, diff, before }) => diffHtml(revision, diff, before)).join('\n')}
</section>
<section id="relaxations">
<h2>Smallest relaxations that would open a deal</h2>
${relaxationsHtml(data)}
</section>
<section id="stability">
<h2>Stability at the status quo</h2>
${stabilityHtml(data)}
</section>
<section id="sources">
<h2>Sources</h2>
${sourcesHtml(data)}
</section>
</body>
</html>
`;
}

function diffHtml(revision: ReportData['diffs'][number]['revision'], diff: PlanDiff, before: ReportData['diffs'][number]['before']): string {
  const e = escapeHtml;
  const points = (title: string, list: PlanDiff['removed']) => list.length === 0
    ? `<p>${title}: none.</p>`
    : `<h4>${title} (${list.length})</h4><table><thead><tr><th>Pt</th><th>Category</th><th>Summary</th></tr></thead><tbody>${list.map((point) => `<tr><td class="num">${point.number}</td><td>${e(point.category)}</td><td>${e(point.summary)}</td></tr>`).join('')}</tbody></table>`;
  const side = (move: IssueMove, which: 'from' | 'to') => {
    const option = move[which];
    const pts = which === 'from' ? move.fromPoints : move.toPoints;
    return option === null ? '<em>open</em>' : `${e(option.label)}${pts.length === 0 ? '' : ` <span class="note">(pt${pts.length === 1 ? '' : 's'} ${pts.join(', ')})</span>`}`;
  };
  return `<article class="diff" data-revision="${e(revision.id)}">
<h3>${e(diff.from.title)} → ${e(diff.to.title)}</h3>
<p class="note">Revision <code>${e(revision.id)}</code> by ${e(revision.author)}, ${e(revision.date)}${citation(revision.sources)}. ${e(revision.rationale)}</p>
${diff.issues.length === 0 ? '<p>No issue moved.</p>' : `<h4>Issues that moved (${diff.issues.length})</h4><table><thead><tr><th>Issue</th><th>Change</th><th>${e(diff.from.id)}</th><th>${e(diff.to.id)}</th></tr></thead><tbody>${diff.issues.map((move) => `<tr><td>${e(move.label)}</td><td class="kind-${move.kind}">${move.kind}</td><td>${side(move, 'from')}</td><td>${side(move, 'to')}</td></tr>`).join('')}</tbody></table>`}
${points('Points removed', diff.removed)}
${points('Points added', diff.added)}
${diff.changed.length === 0 ? '<p>Points changed: none.</p>' : `<h4>Points changed (${diff.changed.length})</h4><table><thead><tr><th>${e(diff.from.id)} pt</th><th>${e(diff.to.id)} pt</th><th>Category</th><th>Text in ${e(diff.from.id)}</th><th>Text in ${e(diff.to.id)}</th><th>Changed</th></tr></thead><tbody>${diff.changed.map((change) => {
    const old = before.find((entry) => entry.point === change.from)?.summary ?? '';
    return `<tr><td class="num">${change.from}</td><td class="num">${change.to}</td><td>${e(change.category)}</td><td>${change.fields.includes('summary') ? e(old) : '<em>the same</em>'}</td><td>${e(change.summary)}</td><td>${change.fields.map(e).join(', ')}</td></tr>`;
  }).join('')}</tbody></table>`}
${diff.unchanged.length === 0 ? '' : `<p>Unchanged: point${diff.unchanged.length === 1 ? '' : 's'} ${diff.unchanged.join(', ')}.</p>`}
</article>`;
}

function relaxationsHtml(data: ReportData): string {
  const e = escapeHtml;
  if (data.relaxations.length === 0) return '<p>None needed: some outcome is already acceptable to every party (or no relaxation of up to three red lines opens one).</p>';
  const names = data.parties.map((party) => e(party.name)).join(', ');
  return `<p class="note">Ranked smallest first; within a size, the one opening the better deal for the worst-off (higher Nash product) first.</p>
<table class="relaxations"><thead><tr><th>#</th><th>Set aside</th><th>Opens</th><th>Nash point (${names})</th></tr></thead><tbody>
${data.relaxations.map((relaxation) => `<tr><td class="num">${relaxation.rank}</td><td>${relaxation.relax.map((line) => `<strong>${e(line.party)}</strong>: ${e(line.text)}${citation(line.sources)}`).join('<br>')}</td><td class="num">${formatCount(relaxation.agreements)}${relaxation.exact ? '' : '+'} outcomes</td><td>${relaxation.nash === null ? '—' : relaxation.nash.map((value) => value.toFixed(2)).join(', ')}</td></tr>`).join('\n')}
</tbody></table>`;
}

/** ` [S1, S2]`: the source keys a statement rests on, each linked to its bibliography entry. */
function citation(keys: readonly string[]): string {
  if (keys.length === 0) return '';
  return ` [${keys.map((key) => `<a href="#source-${escapeHtml(key)}">${escapeHtml(key)}</a>`).join(', ')}]`;
}

/**
 * The bibliography: every source key the report cites, with its citation, and a mark on
 * those the scenario's sources.yaml marks `reliability: low` (not to carry a fact alone),
 * with the note that says why.
 */
function sourcesHtml(data: ReportData): string {
  const e = escapeHtml;
  if (data.sources.length === 0) return '<p>The report cites no source key.</p>';
  const low = data.sources.filter((source) => source.lowReliability).length;
  return `<p class="note">Every source key the report cites, from the scenario's <code>sources.yaml</code>.${low === 0 ? '' : ` ${low} of them ${low === 1 ? 'is' : 'are'} marked <span class="low-reliability">low reliability</span> there: such a source should not carry a fact alone.`}</p>
<dl class="sources">
${data.sources.map((source) => `<dt id="source-${e(source.key)}">${e(source.key)}${source.lowReliability ? ' <span class="low-reliability">low reliability</span>' : ''}</dt><dd>${e(source.citation)}${source.note === null ? '' : `<br><span class="note">${e(source.note)}</span>`}</dd>`).join('\n')}
</dl>`;
}

/** The stability section: the party × concept table at the status quo, the breaking moves, the Nash count, the paths. */
function stabilityHtml(data: ReportData): string {
  const section = data.stability;
  if (section.leftOut !== null) return `<p class="note" data-left-out="stability">This section is left out: ${escapeHtml(section.leftOut)}.</p>`;
  const mark = (stable: boolean | null) => (stable === true ? '✓' : stable === false ? '✗' : '?');
  const rows = section.rows.map((row) => `<tr><th>${escapeHtml(row.party)}</th>${row.verdicts.map((v) => `<td>${mark(v)}</td>`).join('')}<td>${row.breakingMove === null ? '—' : escapeHtml(row.breakingMove)}</td></tr>`).join('\n');
  const nash = section.nashEquilibria === null ? '' : `<p>${section.nashEquilibria.exact ? '' : 'At least '}${formatCount(section.nashEquilibria.count)} outcomes are Nash equilibria (no party can do better by moving alone).</p>`;
  const paths = section.paths.map((path) => `<li>${path.length === 0 ? 'the status quo is one already' : path.map(escapeHtml).join(', then ')}</li>`).join('\n');
  return `<p class="note">From ${escapeHtml(section.from ?? '')}: whether each party would move away (Nash), and whether the others could deter it (GMR, SMR, SEQ, SIM); see docs/stability.md. ✓ stable, ✗ not, ? not decided within the budget.${section.exact ? '' : ' Some parts were cut short by the work budget.'}</p>
<table><thead><tr><th>party</th>${section.concepts.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}<th>its breaking move</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${nash}
<h3>Where the improvements lead (${formatCount(section.reachable)} states reachable)</h3>
<ol>
${paths}
</ol>`;
}
