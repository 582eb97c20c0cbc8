import { agreementSpace, nashPoint, kalaiSmorodinsky, maxWelfare, paretoFrontier } from '@parley/core';
import { generateScenario, type PreferenceShape } from './generated-domain.js';
const shape = (process.argv[2] ?? 'independent') as PreferenceShape;
const issues = Number(process.argv[3] ?? 12), options = Number(process.argv[4] ?? 10);
const frac = Number(process.argv[5] ?? 0.9);
const g = generateScenario({ seed: 42, issues, options, parties: 4, shape, singleIssueRedLines: 3, reservationFraction: frac });
console.log(g.domain.outcomeCount, g.compromiseUtilities, g.parties.map((p) => p.reservationValue));
for (const [name, fn] of [['nash', nashPoint], ['ks', kalaiSmorodinsky], ['welfare', maxWelfare]] as const) {
  const t = performance.now();
  const r = fn(g.parties, { budget: 5e7 });
  console.log(name, r?.exact, r?.utilities, r?.value, (performance.now() - t).toFixed(1), 'ms');
}
const t = performance.now();
const s = agreementSpace(g.parties, { budget: 2e7 });
console.log('space', s.agreements, s.exact, (performance.now() - t).toFixed(1));
