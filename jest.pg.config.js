// `npm run test:pg` (scripts/test-pg.mjs) runs this against the throwaway
// PostgreSQL server it starts: the PostgreSQL-only suites (*.pg.ts) and the
// server suites, whose harness then gives each server its own database.
const base = require('./jest.config.js').projects[0]

module.exports = {
  ...base,
  displayName: 'pg',
  testMatch: ['<rootDir>/test/**/*.pg.ts', '<rootDir>/test/server/**/*.test.ts']
}
