import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScenario } from '@parley/core';
import { loadScenario, loadTalks } from '@parley/core/node';

// docs/scenario-files.md says what the battlefield shifts of a timeline do: they add up, and
// the shifted reservation value stays on the utility scale [0, 1], as the engine keeps it.

const docs = readFileSync(fileURLToPath(new URL('../../docs/scenario-files.md', import.meta.url)), 'utf8');
const seeds = fileURLToPath(new URL('../../seeds/ukraine-2025', import.meta.url));

describe('the docs of reservationShift', () => {
  it('say that the shifts add up and that the shifted reservation value is kept in [0, 1]', () => {
    const rows = docs.split('\n').filter((line) => line.includes('the shifts of a timeline add up'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/the shifts of a timeline add up, and the shifted reservation value .*is kept in \[0, 1\]/);
  });

  it('describe what the engine does: shifts that add up past 1 leave the reservation value at 1', async () => {
    const scenario = await loadScenario(seeds);
    const talks = await loadTalks(seeds, scenario);
    const party = scenario.parties[0]!.id;
    const shock = { date: '2025-12-31', kind: 'battlefield', summary: 'A large shock.', sources: talks.timeline[0]!.sources, effects: [{ party, reservationShift: 1 }] };
    const transcript = runScenario(scenario, { ...talks, timeline: [...talks.timeline, shock, { ...shock, date: '2026-01-01' }] } as typeof talks, { seed: 1 });

    const moved = transcript.steps.flatMap((step) => (step.effect?.kind === 'shock' ? (step.effect.moved ?? []) : [])).filter((entry) => entry.party === party);
    expect(moved.length).toBeGreaterThan(0);
    for (const entry of moved) expect(entry.reservationValue).toBeLessThanOrEqual(1);
    expect(moved.at(-1)!.reservationValue).toBe(1);
  });
});
