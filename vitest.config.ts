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
    // Test files share their worker's modules instead of importing the whole workspace from
    // its TypeScript sources again for each file: that import was most of the suite's time.
    // Nothing in the tests depends on fresh module state (spies and fake timers are restored
    // where they are made; the engine's memos are caches).
    isolate: false,
    reporters: ['default', new SummaryReporter()],
  },
});
