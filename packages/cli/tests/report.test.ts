import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioReport } from '@parley/cli';
import { parley, seeds } from './support/run-parley.js';

/** Debian's Chromium, started as the machine notes say: no sandbox (root), no background networking. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const CHROMIUM = '/usr/bin/chromium';
/**
 * CI installs Debian's Chromium (.ci/run), so there the browser test always runs and fails
 * if the browser is missing. On a developer's machine without it, the browser test is
 * skipped and says how to enable it; every other report test still runs.
 */
const browserTest = existsSync(CHROMIUM) || process.env['CI'] !== undefined;
if (!browserTest) console.warn(`report.test.ts: ${CHROMIUM} not found, so the headless-browser check is skipped; install it with "apt-get install chromium" (CI always runs it).`);

describe('parley report <scenario-dir>', () => {
  let dir: string;
  let file: string;
  let html: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-report-'));
    file = join(dir, 'report.html');
    const { code, stdout, stderr } = await parley(['report', seeds, '--out', file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(file);
    html = await readFile(file, 'utf8');
    // Playwright starts Chromium with a new, empty profile (user data dir) of its own.
    if (browserTest) browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('writes one self-contained, deterministic HTML file', async () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|@import|url\(|src=/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/)/);
    // The same scenario and seed give the same bytes.
    const again = await scenarioReport(seeds, { seed: 1 });
    expect(again.html).toBe(html);
    // The verdicts' reasons are titles of the heatmap cells; diffs and relaxations are tables.
    expect(html).toContain('<title>');
    expect(html).toContain('data-revision="geneva-cut"');
    expect(html).toContain('data-revision="e3-rewrite"');
    expect(html).toContain('<table class="relaxations">');
  }, 60_000);

  it.runIf(browserTest)('renders every chart with data in headless Chromium, with no network request and no console error', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => { if (!request.url().startsWith('file:')) requests.push(request.url()); });
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`file://${file}`, { waitUntil: 'load' });

    const count = (chart: string, selector: string) => page.locator(`figure[data-chart="${chart}"] svg ${selector}`).count();
    // Heatmap: one rect mark (a path in Vega's SVG) per point × party, with its reason as title.
    const cells = await count('heatmap', 'g.mark-rect.role-mark path');
    const { data } = await scenarioReport(seeds, { seed: 1 });
    expect(cells).toBe(data.heatmap.length);
    expect(cells).toBe(data.plans.reduce((sum, plan) => sum + plan.points, 0) * data.parties.length);
    expect(await count('heatmap', 'g.mark-rect.role-mark path title')).toBe(cells);
    expect(await count('heatmap', 'g.role-legend')).toBeGreaterThan(0);
    // Timeline: lines and points per party, and a rule per shock with its annotation.
    expect(await count('timeline', 'g.mark-line.role-mark path')).toBeGreaterThanOrEqual(8);
    expect(await count('timeline', 'g.mark-symbol.role-mark path')).toBeGreaterThan(0);
    expect(await count('timeline', 'g.mark-rule.role-mark line')).toBe(3);
    expect(await count('timeline', 'g.mark-rule.role-mark line title')).toBe(3);
    const timelineText = await page.locator('figure[data-chart="timeline"] svg').textContent();
    expect(timelineText).toContain('Pokrovsk');
    expect(timelineText).toContain('Negotiator change');
    expect(timelineText).toContain('Deadline');
    // Utility space: sampled outcomes, the frontier line, the plans. Russia and Ukraine have no
    // agreement space, so the frontier is the unrestricted one, labelled so, and there is no
    // Nash or KS point to draw (report-readable.test.ts checks the charts that have them).
    expect(await count('space', 'g.mark-symbol.role-mark path')).toBeGreaterThan(600);
    expect(await count('space', 'g.mark-line.role-mark path')).toBe(1);
    const spaceText = await page.locator('figure[data-chart="space"] svg').textContent();
    for (const label of ['us-28', 'us-ukraine-19', 'e3-counterproposal', 'No agreement space', 'so no Nash or KS point', 'Pareto frontier of all outcomes (unrestricted)', 'not parley analyze\'s 4-party Nash point']) expect(spaceText).toContain(label);
    // Diffs, relaxations, and the sources the report cites, last.
    expect(await page.locator('article.diff').count()).toBe(2);
    expect(await page.locator('table.relaxations tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('section:last-of-type h2').textContent()).toBe('Sources');
    expect(await page.locator('#sources dt').count()).toBe(data.sources.length);
    expect(await page.locator('#sources dt .low-reliability').count()).toBe(data.sources.filter((source) => source.lowReliability).length);

    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    const screenshot = join(dir, 'report.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`report screenshot: ${screenshot}`);
    await page.close();
  }, 60_000);

  it('draws the utility space for the parties asked for, and says when they are unknown', async () => {
    const { data } = await scenarioReport(seeds, { seed: 3, parties: ['russia', 'united-states'] });
    expect([data.space.x.id, data.space.y.id]).toEqual(['russia', 'united-states']);
    expect(data.space.sample).toHaveLength(600);
    const bad = await parley(['report', seeds, '--out', join(dir, 'bad.html'), '--parties', 'russia,ukrain']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/ukrain/);
  }, 60_000);
});
