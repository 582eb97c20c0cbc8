import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scenarioReport } from '@parley/cli';
import { parley, root } from './support/run-parley.js';

// `parley report` on a scenario that has no talks.yaml (issue 12): everything that does not
// need the talks is reported, and the talks' section says why it is left out.

let dir: string;

beforeAll(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'parley-no-talks-')), 'sarema-basin');
  await cp(join(root, 'seeds/sarema-basin'), dir, { recursive: true });
  await rm(join(dir, 'talks.yaml'));
});

describe('parley report on a scenario without talks.yaml', () => {
  it('writes the report, and says the talks are left out because there is no talks.yaml', async () => {
    const file = join(dir, 'report.html');
    const { code, stdout, stderr } = await parley(['report', dir, '--out', file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(file);
    const html = await readFile(file, 'utf8');
    expect(html).toMatch(/<section id="timeline">\s*<h2>[^<]*<\/h2>\s*<p class="note" data-left-out="talks">This section is left out: there is no talks\.yaml/);
    expect(html).not.toContain('data-chart="timeline"');
    // Everything else is there.
    for (const chart of ['heatmap', 'space']) expect(html).toContain(`data-chart="${chart}"`);
    expect(html).toContain('data-revision="commission-compromise"');
    expect(html).toContain('<section id="relaxations">');
  }, 60_000);

  it('leaves the talks out of the data too: an empty timeline, no ending, and the reason', async () => {
    const { data } = await scenarioReport(dir, { seed: 1 });
    expect(data.timeline).toEqual({ responses: [], shocks: [], steps: [], final: null });
    expect(data.talksLeftOut).toMatch(/^there is no talks\.yaml/);
    expect(data.heatmap.length).toBeGreaterThan(0);
    // Given the scenario file instead of its directory, it looks beside that file.
    const fromFile = await scenarioReport(join(dir, 'scenario.yaml'), { seed: 1 });
    expect(fromFile.html).toBe((await scenarioReport(dir, { seed: 1 })).html);
  }, 60_000);

  it('with a talks.yaml, the talks are in the report and nothing is left out', async () => {
    const { data } = await scenarioReport(join(root, 'seeds/sarema-basin'), { seed: 1 });
    expect(data.talksLeftOut).toBeNull();
    expect(data.timeline.final?.status).toBe('agreed');
  }, 60_000);

  it('a talks.yaml that is there but broken is still an error, naming the file and the path', async () => {
    const broken = join(await mkdtemp(join(tmpdir(), 'parley-bad-talks-')), 'sarema-basin');
    await cp(join(root, 'seeds/sarema-basin'), broken, { recursive: true });
    const talks = await readFile(join(broken, 'talks.yaml'), 'utf8');
    await writeFile(join(broken, 'talks.yaml'), talks.replace('mediator: midland', 'mediator: midlnd'));
    const { code, stderr } = await parley(['report', broken, '--json']);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/talks\.yaml: setup\.mediator: unknown party "midlnd".*did you mean "midland"/);
  }, 60_000);
});
