import { defineConfig } from 'vitest/config';
import SummaryReporter from './tools/summary-reporter.js';

// One test run for the whole workspace. The `source` export condition makes every
// `@parley/*` import resolve to TypeScript sources, so no build step is needed to test.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['packages/*/tests/**/*.test.ts', 'examples/tests/**/*.test.ts'],
    environment: 'node',
    reporters: ['default', new SummaryReporter()],
  },
});
