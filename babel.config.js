// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// NutUI is imported on demand (its Taro guide), one component at a time, with
// its compiled CSS: `style: 'css'` (with `customStyle` the CSS silently
// disappears, see ../shared/STACK-NOTES.md).
module.exports = {
  presets: [
    ['taro', {
      framework: 'react',
      ts: true,
      compiler: 'webpack5'
    }]
  ],
  plugins: [
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
