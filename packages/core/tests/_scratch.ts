import fc from 'fast-check';
import { agreementSpace } from '@parley/core';
import { domainArbitrary, partiesArbitrary } from './support/arbitraries.js';
import { bruteForce } from './support/brute-force.js';
const cases = fc.sample(domainArbitrary.chain((domain) => fc.integer({ min: 2, max: 4 }).chain((n) => partiesArbitrary(domain, n)).map((parties) => ({ domain, parties }))), { numRuns: 300, seed: 1 });
let shown = 0;
for (const c of cases) {
  const bf = bruteForce(c.domain, c.parties);
  const space = agreementSpace(bf.parties);
  const it = [...space.iterate()].length;
  if (space.agreements !== bf.agreements.length || it !== bf.agreements.length) {
    if (shown++ < 4) {
      console.log(JSON.stringify(c.domain.issues.map(i => i.options.length)), 'engine', space.agreements, 'iter', it, 'brute', bf.agreements.length);
      // near-boundary?
      const near = bf.outcomes.map((_, o) => o).filter(o => bf.utilities[o]!.some((u, p) => Math.abs(u - bf.reservations[p]!) < 1e-9));
      console.log('near boundary outcomes', near.length, near.slice(0,3).map(o => bf.utilities[o]));
      console.log(JSON.stringify(c.parties));
    }
  }
}
