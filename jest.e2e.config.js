// Browser tests: the H5 build served by the real local server, driven in
// Debian's chromium. Run with `npm run test:e2e` (builds H5 first).
module.exports = {
  displayName: 'e2e',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  transform: { '^.+\\.[jt]sx?$': ['babel-jest', { configFile: './babel.config.js' }] },
  testTimeout: 120000,
  maxWorkers: 1
}
