import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import { GenerateSW } from 'workbox-webpack-plugin'
import { AsyncSubpackages } from './asyncSubpackages'
import devConfig from './dev'
import prodConfig from './prod'

// NutUI's own files are drawn on a 375 px design, ours on 750 px (NutUI's
// Taro guide); Taro calls this per file.
const designWidth = (input?: unknown): number => {
  const file = typeof input === 'object' && input !== null ? (input as { file?: string }).file : undefined
  return file?.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'gebao',
    date: '2026-11-28',
    designWidth,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2
    },
    sourceRoot: 'src',
    // The weapp build is the mini-program root DevTools opens (dist/); the H5
    // build goes elsewhere so neither wipes the other and the local server
    // never ships into the mini-program package.
    outputRoot: process.env.TARO_ENV === 'h5' ? 'build/h5' : 'dist',
    // Must match @tarojs/* exactly: a different version gives a white screen.
    plugins: ['@tarojs/plugin-html'],
    alias: {
      '@': path.resolve(__dirname, '..', 'src')
    },
    // Build-time settings of the client (see README): where a self-hosted
    // server is, which CloudBase environment the weapp calls, and the https
    // address the weapp's invite QR codes start from (the install's H5 app,
    // which the console's 扫普通链接二维码打开小程序 rule maps to the login page).
    defineConstants: {
      __API_BASE__: JSON.stringify(process.env.TARO_APP_API_BASE ?? ''),
      __CLOUD_ENV__: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
      __LOGIN_BASE__: JSON.stringify(process.env.TARO_APP_LOGIN_BASE ?? '')
    },
    // sitemap.json (every page kept out of WeChat search) belongs to the mini-program only.
    copy: { patterns: process.env.TARO_ENV === 'weapp' ? [{ from: 'src/sitemap.json', to: 'dist/sitemap.json' }] : [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // base.wxml holds one set of templates per nesting level (16 by
      // default, ~3.4 KB each). Our own views nest about 8 deep; deeper nodes
      // render through Taro's recursive `comp` component instead, which is
      // slower only for them. The webpack5 runner reads `mini.baseLevel`;
      // Taro's config type does not list it, hence the spread.
      ...({ baseLevel: 8 } as object),
      // NutUI components are imported per page; their CSS order does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      // Babel sees src/ and Taro's own packages only. The plan designer
      // (packages/plan, a subpackage) checks with the server's zod schema, and
      // zod ships `??`: transpile it too, so the ES2019 floor holds there.
      compile: { include: [(file: string) => /node_modules[\\/]zod[\\/]/.test(file)] },
      // Taro's default minifier writes every Chinese character as \uXXXX (6
      // bytes instead of UTF-8's 3). Mini-program JS is UTF-8, as every
      // hand-written page with Chinese literals shows; plain text keeps the
      // chat's wording from eating the main-package budget (−17 KB measured).
      // Set for the mini-program only (the runner reads mini.terser; Taro's
      // type lists it at the top level only, hence the spread).
      ...({ terser: { enable: true, config: { output: { ascii_only: false } } } } as object),
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // The chat's conversation engine is an async chunk in packages/chatengine (see asyncSubpackages.ts).
        chain.plugin('async-subpackages').use(AsyncSubpackages, [['packages/chatengine']])
        // GEBAO_WEAPP_STATS=<file>: which module went into which chunk, for
        // finding what weighs on the main package.
        const statsFile = process.env.GEBAO_WEAPP_STATS
        if (statsFile) {
          chain.plugin('gebao-stats').use(
            class {
              apply(compiler: { hooks: { done: { tap(name: string, fn: (stats: { toJson(o: object): unknown }) => void): void } } }) {
                compiler.hooks.done.tap('gebao-stats', (stats) => {
                  // eslint-disable-next-line @typescript-eslint/no-require-imports
                  require('node:fs').writeFileSync(statsFile, JSON.stringify(stats.toJson({ all: false, modules: true, chunks: true, chunkModules: true, reasons: true, ids: true, assets: true, nestedModules: true })))
                })
              }
            }
          )
        }
      }
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js'
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash].css',
        chunkFilename: 'css/[name].[chunkhash].css'
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      webpackChain(chain, webpack) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // No single bundle any more (issue 13): Taro loads each page as its
        // own chunk, so the admin and review pages (packages/*) never weigh
        // on the chat's first load (`npm run bench h5first` measures it).
        // Offline still opens every page: the service worker below precaches
        // every emitted chunk when it installs.
        void webpack
        // The H5 app opens offline: a Workbox service worker precaches the
        // shell (index.html) and every emitted chunk, stylesheet and image,
        // and answers navigations with the cached index.html. The API is
        // never cached: the offline queue owns what is sent.
        if (process.env.NODE_ENV === 'production') {
          chain.plugin('workbox').use(GenerateSW, [
            {
              swDest: 'sw.js',
              clientsClaim: true,
              skipWaiting: true,
              navigateFallback: 'index.html',
              navigateFallbackDenylist: [/^\/api\//, /^\/files\//, /^\/exports\//],
              exclude: [/\.map$/, /LICENSE/, /\.txt$/],
              cleanupOutdatedCaches: true,
              sourcemap: false
            }
          ])
        }
      }
    }
  }
  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
