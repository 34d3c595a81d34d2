// Two projects: pure and server code runs in node; components render in
// jsdom with Taro's H5 components. Both compile with babel.config.js
// (babel-preset-taro emits CommonJS under NODE_ENV=test). Facts behind the
// dom setup: ../shared/STACK-NOTES.md.
const shared = {
  transform: { '^.+\\.m?[jt]sx?$': ['babel-jest', { configFile: './babel.config.js' }] },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' }
}

const ESM_PACKAGES = ['@tarojs', '@nutui', '@stencil', 'swiper', 'lodash-es', 'query-string', 'decode-uri-component', 'filter-obj', 'split-on-first', 'style-inject', 'tslib', 'nanoid', 'ics', '\\.pnpm']

const NODE_ESM_PACKAGES = ['file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer', '@borewit']

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // file-type (the upload sniffer) and its helpers ship only ESM: babel
      // turns them into CommonJS here, as tsx does for the running server.
      transformIgnorePatterns: [`/node_modules/(?!(${NODE_ESM_PACKAGES.join('|')})/)`],
      moduleNameMapper: { ...shared.moduleNameMapper, '^file-type$': '<rootDir>/node_modules/file-type/index.js' }
    },
    {
      ...shared,
      displayName: 'dom',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/**/*.test.tsx'],
      setupFiles: ['<rootDir>/test/setup/dom.js'],
      transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
      moduleNameMapper: {
        ...shared.moduleNameMapper,
        '^@tarojs/taro$': '<rootDir>/test/setup/taro.js',
        '^@tarojs/components$': '<rootDir>/node_modules/@tarojs/components/lib/react',
        '\\.(css|scss|sass|less)$': 'identity-obj-proxy'
      },
      globals: {
        ENABLE_INNER_HTML: true,
        ENABLE_ADJACENT_HTML: true,
        ENABLE_SIZE_APIS: true,
        ENABLE_TEMPLATE_CONTENT: true,
        ENABLE_MUTATION_OBSERVER: true,
        ENABLE_CLONE_NODE: true,
        ENABLE_CONTAINS: true,
        DEPRECATED_ADAPTER_COMPONENT: false,
        __TARO_FRAMEWORK__: 'react',
        __API_BASE__: '',
        __CLOUD_ENV__: '',
        __LOGIN_BASE__: ''
      }
    }
  ]
}
