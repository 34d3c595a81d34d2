// Two projects: pure and server code runs in node; components render in
// jsdom with Taro's H5 components. Both compile with babel.config.js
// (babel-preset-taro emits CommonJS under NODE_ENV=test).
const shared = {
  transform: { '^.+\\.[jt]sx?$': ['babel-jest', { configFile: './babel.config.js' }] },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' }
}

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.test.ts']
    }
  ]
}
