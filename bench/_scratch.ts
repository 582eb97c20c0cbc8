import { agreementSpace, paretoFrontier, nashPoint, kalaiSmorodinsky, minimalRelaxations, maxWelfare } from '@parley/core';
import { loadScenario, loadGeniusScenario } from '@parley/core/node';
const g = '../shared/genius-domains/energy/';
const { scenario } = await loadGeniusScenario(g + 'energy_domain.xml', [g + 'energy_consumer.xml', g + 'energy_distributor.xml']);
const ps = scenario.parties;
for (let i = 0; i < 8; i++) {
  const t = performance.now();
  const f = paretoFrontier(ps, { acceptableOnly: false });
  const t1 = performance.now();
  const n = nashPoint(ps);
  const t2 = performance.now();
  const k = kalaiSmorodinsky(ps);
  const t3 = performance.now();
  console.log(f.points.length, n?.utilities, k?.utilities, (t1 - t).toFixed(2), (t2 - t1).toFixed(2), (t3 - t2).toFixed(2));
}
const u = await loadScenario('seeds/ukraine-2025');
console.log(u.domain.outcomeCount);
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const s = agreementSpace(u.parties);
  const t1 = performance.now();
  const f = paretoFrontier(u.parties);
  const t2 = performance.now();
  const n = nashPoint(u.parties);
  const t3 = performance.now();
  const r = minimalRelaxations(u.parties);
  const t4 = performance.now();
  console.log(s.agreements, s.conflict?.length, f.points.length, n?.value, r.length, [t1 - t, t2 - t1, t3 - t2, t4 - t3].map((x) => x.toFixed(2)));
}
