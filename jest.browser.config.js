/** @type {import('jest').Config} Browser tests: headless Debian Chromium through playwright-core (`npm run test:browser`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  // One browser at a time: the machine is shared and Chromium is heavy.
  maxWorkers: 1,
  testTimeout: 120000,
};
