// `npm run test:pg` (scripts/test-pg.mjs) runs this against the throwaway
// PostgreSQL server it starts: the PostgreSQL-only suites (*.pg.ts), the
// server suites, whose harness then gives each server its own database,
// and the roll-up projection's drift and property suites (test/rollup/world.ts
// picks PostgreSQL when DATABASE_URL is set).
const base = require('./jest.config.js').projects[0]

module.exports = {
  ...base,
  displayName: 'pg',
  testMatch: ['<rootDir>/test/**/*.pg.ts', '<rootDir>/test/server/**/*.test.ts', '<rootDir>/test/rollup/drift.test.ts', '<rootDir>/test/rollup/property.test.ts', '<rootDir>/test/rollup/setBased.test.ts', '<rootDir>/test/completeness/stores.test.ts']
}
