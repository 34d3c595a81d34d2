// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// NutUI is imported on demand (its Taro guide), one component at a time, with
// its compiled CSS: `style: 'css'` (with `customStyle` the CSS silently
// disappears, see ../shared/STACK-NOTES.md).
//
// The weapp build targets iOS 12's JavaScriptCore: WeChat runs our code on
// the phone's own engine on iOS and does not transpile it (project.config.json
// has es6: false), and before iOS 14 `?.`, `??` and `??=` are SyntaxErrors
// that stop the app before it starts. iOS 12 keeps classes, arrows and async
// native (small code) and brings everything down to ES2019, which
// test/weapp/syntax.weapp.ts checks on every dist/*.js. H5 and jest keep the
// browserslist in package.json.
//
// Three ES2015 transforms preset-env adds for iOS 12 only to dodge Safari
// engine bugs (parameters < 16.3, destructuring < 14.5, template literals
// < 13) would rewrite every default parameter and destructuring in Taro's
// runtime too (+16 KB in the main package). Instead the narrow fixes that
// preset-env's `bugfixes` mode uses are applied (babel-preset-taro does not
// pass `bugfixes` through); tagged templates, whose caching bug the third
// covers, do not occur in this code.
const weapp = process.env.TARO_ENV === 'weapp' && process.env.NODE_ENV !== 'test'

module.exports = {
  presets: [
    ['taro', {
      framework: 'react',
      ts: true,
      compiler: 'webpack5',
      // Keep import() in the weapp build: config/asyncSubpackages.ts loads those chunks with require.async.
      ...(weapp ? { 'dynamic-import-node': false } : {}),
      ...(weapp ? { targets: { ios: '12' }, exclude: ['transform-parameters', 'transform-destructuring', 'transform-template-literals'] } : {})
    }]
  ],
  // No `document.all` exists in the mini-program, so `a?.b` and `a ?? b`
  // may compile to the short `a == null` tests (babel assumptions).
  ...(weapp ? { assumptions: { noDocumentAll: true } } : {}),
  plugins: [
    ...(weapp ? ['@babel/plugin-bugfix-safari-id-destructuring-collision-in-function-expression', '@babel/plugin-bugfix-safari-rest-destructuring-rhs-array'] : []),
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        libraryDirectory: 'dist/es/packages',
        camel2DashComponentName: false,
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
        style: 'css'
      },
      'nutui-react-taro'
    ]
  ]
}
