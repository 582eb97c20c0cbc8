/**
 * A tournament of the standard alternating-offers strategies over three GENIUS domains
 * (energy, Itex–Cypress, England–Zimbabwe; tournament/tournament.yaml), with one strategy of
 * our own added: every strategy against every other, in both roles, twice, 100 rounds. Prints
 * the ranking with 95% intervals, the agreement rate and the distances to the Pareto
 * frontier and the Nash point. Then the Ukraine 2025 seeds under alternating offers, whose
 * 816 million outcomes are searched rather than enumerated.
 *
 * Run: pnpm --filter @parley/examples tournament
 */
import { fileURLToPath } from 'node:url';
import { runAlternatingOffers, runTournament, timeDependentTarget, type OfferStrategy } from '@parley/core';
import { loadScenario, loadTalks, loadTournamentConfig, tournamentOptionsOf } from '@parley/core/node';

// A strategy of our own: Boulware on its own offers, but it accepts anything worth at least
// what it would ask for a tenth of the time later (it looks ahead).
const lookahead: OfferStrategy = ({ space }) => ({
  propose: (_round, time) => space.ranked(space.rankAtLeast(timeDependentTarget(0.2, time, space))),
  respond: (outcome, _by, _round, time) => space.utility(outcome) >= timeDependentTarget(0.2, Math.min(1, time + 0.1), space) - 1e-9,
});

const config = await loadTournamentConfig(fileURLToPath(new URL('../tournament/tournament.yaml', import.meta.url)));
const options = await tournamentOptionsOf(config);
const result = runTournament({ ...options, strategies: [...options.strategies, { name: 'lookahead', strategy: lookahead }] });

const f = (x: number | null) => (x === null ? '—' : x.toFixed(3));
console.log(`${result.meta.negotiations} negotiations on ${result.meta.domains.map((d) => d.id).join(', ')} (seed ${result.meta.seed}); ${(100 * result.summary.agreementRate).toFixed(1)}% agreed`);
for (const s of result.summary.ranking) {
  console.log(`${s.rank}. ${s.name.padEnd(17)} utility ${f(s.utility.mean)} [${f(s.utility.low)}, ${f(s.utility.high)}]  agreed ${(100 * s.agreementRate).toFixed(0)}%  to Pareto ${f(s.paretoDistance)}  to Nash ${f(s.nashDistance)}${s.modelError === null ? '' : `  model error ${f(s.modelError)}`}`);
}
const pair = result.summary.pairwise.find((p) => p.a === 'boulware' && p.b === 'conceder');
if (pair !== undefined) console.log(`boulware − conceder: ${pair.difference.toFixed(3)}, Welch p = ${pair.p.toExponential(2)}`);

const dir = fileURLToPath(new URL('../../seeds/ukraine-2025', import.meta.url));
const scenario = await loadScenario(dir);
const talks = await loadTalks(dir, scenario);
const run = runAlternatingOffers(scenario, { deadline: 12, ...(talks.setup.strategies === undefined ? {} : { strategies: talks.setup.strategies }) });
console.log(`Ukraine 2025, alternating offers, 12 rounds: ${run.final.status} after ${run.rounds.length} offers (no outcome keeps every red line)`);
