// `@tarojs/taro` in jsdom: Taro's H5 implementation plus the React hooks
// (useDidShow, useRouter, …) that the React framework plugin provides at
// build time.
const h5 = require('@tarojs/taro-h5')
const runtime = require('@tarojs/plugin-framework-react/dist/runtime')

const Taro = h5.default || h5
const hooks = {}
for (const [name, value] of Object.entries(runtime)) if (name.startsWith('use')) hooks[name] = value
Object.assign(Taro, hooks)

module.exports = { __esModule: true, ...h5, ...hooks, default: Taro }
