import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parley, root, seeds } from './support/run-parley.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-report-stability-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('the stability section of the HTML report', () => {
  it('shows who would move away from the status quo, in words, the Nash equilibria and where the improvements lead', async () => {
    const file = join(scratch, 'ukraine.html');
    const { code } = await parley(['report', seeds, '--out', file]);
    expect(code).toBe(0);
    const html = await readFile(file, 'utf8');
    const section = html.slice(html.indexOf('<section id="stability">'), html.indexOf('<section id="sources">'));
    expect(section).toContain('From The situation on 2 December 2025 (no settlement)');
    expect(section).toMatch(/<tr><th>United States<\/th><td>✗<\/td>(<td>[✓✗?]<\/td>){4}<td>[^<]*Sanctions on Russia: Maintained → /);
    expect(section).toMatch(/<tr><th>Russia<\/th>(<td>✓<\/td>){5}<td>—<\/td><\/tr>/);
    expect(section).toContain('232,502,400 outcomes are Nash equilibria');
    expect(section).toMatch(/<h3>Where the improvements lead \(1,500 states reachable\)<\/h3>\s*<ol>\s*<li>United States: /);
    expect(html).toContain('<a href="#stability">Stability</a>');
  }, 120_000);

  it('is left out, saying why, for a scenario without a control of moves', async () => {
    const file = join(scratch, 'sarema.html');
    const { code } = await parley(['report', join(root, 'seeds/sarema-basin'), '--out', file]);
    expect(code).toBe(0);
    const html = await readFile(file, 'utf8');
    expect(html).toContain('<p class="note" data-left-out="stability">This section is left out: the scenario has no control of moves (control.yaml).</p>');
  }, 120_000);
});
