import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parley, root, seeds } from './support/run-parley.js';

// `parley analyze` shows outcomes and repairs in the words of the domain file's labels, and
// names the points a repair changes with their short titles.

const sarema = join(root, 'seeds/sarema-basin');

describe('parley analyze: outcomes and repairs by label', () => {
  it('shows the Nash, Kalai–Smorodinsky and max-welfare outcomes one issue per line, by label', async () => {
    const { code, stdout } = await parley(['analyze', sarema]);
    expect(code).toBe(0);
    expect(stdout).toContain([
      'Nash point',
      '  Upland 0.6387, Midland 0.8240, Deltania 0.6774',
      '  outcome:',
      '    How fast Upland fills the new reservoir: Filled within 3 years',
      '    Minimum flow at the Deltania border: A minimum flow guaranteed all year',
      "    Who bears the cuts in a drought year: Every state's share is cut in proportion",
      '    Sharing of flow and reservoir data: Real-time telemetry from every gauge',
      '    How disputes are settled: A joint basin commission with a neutral chair',
      "    Sale of the dam's hydropower: Sold to the other riparians at a discount",
    ].join('\n'));
    expect(stdout).not.toMatch(/dam\.filling|flow\.minimum|=3-years/);
  });

  it('names the points a repair changes with their short titles, and the options by label', async () => {
    const { stdout } = await parley(['analyze', sarema]);
    expect(stdout).toContain([
      'What would make "Upland\'s draft Sarema treaty" acceptable to every party',
      '  1. no red line set aside',
      '     change point 1 (Upland fills the reservoir within three…):',
      '       How fast Upland fills the new reservoir: Filled within 3 years → Filled over 7 years',
    ].join('\n'));
    expect(stdout).toContain([
      '     settle the open issues:',
      '       Sale of the dam\'s hydropower: Sold at market price',
    ].join('\n'));
  });

  it('sets aside red lines under the party\'s name, and settles open issues by label', async () => {
    const { stdout } = await parley(['analyze', seeds, '--max-size', '3']);
    expect(stdout).toContain('set aside Russia\'s "Ukraine must withdraw from the part of Donetsk region it still holds."');
    expect(stdout).not.toMatch(/russia's|territory\.donetsk-held|buffer-recognised-russian/);
    // Long lines wrap, indented under their line: read them as one.
    expect(stdout.replace(/\n +(?=[^\s\d])/g, ' ')).toContain('change point 21 (Crimea, Luhansk and Donetsk are treated as…): Ukrainian-held Donetsk: Ukraine withdraws; demilitarised buffer recognised as Russian → Stays under Ukrainian control');
  }, 60_000);
});
