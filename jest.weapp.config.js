// The weapp runtime suite (npm run test:weapp): boots the built dist/ in the
// logic-layer stand-in under test/weapp/harness. The built files run as
// WeChat would run them, untransformed; only the tests compile.
module.exports = {
  displayName: 'weapp',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/weapp/**/*.weapp.ts'],
  transform: { '^.+\\.m?[jt]sx?$': ['babel-jest', { configFile: './babel.config.js' }] },
  transformIgnorePatterns: ['/node_modules/', '<rootDir>/dist/', '/gebao-weapp-cloud-'],
  testTimeout: 60000
}
