/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Browser tests need Chromium and run through `npm run test:browser`, never silently here.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // Tests must never reach the real ChartMogul API: see test/setup-env.ts.
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  testTimeout: 30000,
};
