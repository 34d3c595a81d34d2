/**
 * Lazily loaded code in a subpackage (WeChat's 分包异步化), for Taro 4.2's
 * webpack runner, which has no support of its own.
 *
 * An `import(/* webpackChunkName: "packages/<root>/<name>" *\/ './x')` in the
 * source becomes an async chunk written to that subpackage, so it does not
 * count against the main package; the mini-program loads it when it is
 * first needed with `require.async` (base library 2.11.2+), from the local
 * copy once downloaded (app.config.ts preloads the subpackage).
 *
 * Three things make that work:
 * - babel keeps `import()` for the weapp build (babel.config.js); Taro's
 *   default turns it into a synchronous `require`;
 * - async chunks are never split: Taro's two split-chunk passes (webpack's
 *   own and MiniSplitChunksPlugin's sub-common/sub-vendors) would move a
 *   module the chunk shares with another subpackage into a file that only
 *   that subpackage's pages load; left alone, the chunk carries its own copy;
 * - webpack's script loader (`document.createElement('script')`) is replaced
 *   by one that calls `require.async` relative to runtime.js, the root file
 *   that holds the webpack runtime.
 *
 * The build fails if an async chunk lands outside a declared subpackage: in
 * the main package it would be size the budget does not see coming.
 */
import type { Compiler } from 'webpack'

const NAME = 'GebaoAsyncSubpackages'

/** The loader, in the runtime chunk (runtime.js at the package root); `require` there is WeChat's own. */
const LOADER = `
var gebaoLoading = {};
__webpack_require__.l = function (url, done) {
  var request = './' + String(url).replace(/^\\/+/, '');
  if (gebaoLoading[request]) { gebaoLoading[request].push(done); return; }
  gebaoLoading[request] = [done];
  var finish = function (event) {
    var waiting = gebaoLoading[request];
    delete gebaoLoading[request];
    waiting.forEach(function (fn) { fn(event); });
  };
  require.async(request).then(function () {
    finish({ type: 'load', target: { src: request } });
  }, function (e) {
    // WeChat rejects with { mod, errMsg }: keep its reason in the chunk error.
    finish({ type: (e && e.errMsg) || 'error', target: { src: request } });
  });
};
`

export class AsyncSubpackages {
  constructor(private readonly roots: string[]) {}

  apply(compiler: Compiler): void {
    const { webpack } = compiler
    const initialOnly = (chunk: { canBeInitial(): boolean }) => chunk.canBeInitial()
    // Taro's MiniSplitChunksPlugin calls SplitChunksPlugin with no options and
    // later replaces its cache groups, keeping the plugin-wide chunk filter
    // (which every group without `chunks` of its own falls back to).
    const mini = compiler.options.plugins.filter((p) => p?.constructor?.name === 'MiniSplitChunksPlugin')
    // Without it found (a Taro update renamed it?) shared modules could leave the engine's chunk unseen: stop.
    if (mini.length === 0) throw new Error(`${NAME}: Taro's MiniSplitChunksPlugin not found; see config/asyncSubpackages.ts`)
    for (const p of mini) {
      const split = p as unknown as { options: { chunksFilter: unknown } }
      split.options = { ...split.options, chunksFilter: initialOnly }
    }
    const own = compiler.options.optimization.splitChunks
    if (own) own.chunks = initialOnly as never

    class Loader extends webpack.RuntimeModule {
      constructor() {
        // After webpack's own loadScript module, so this assignment wins.
        super('gebao require.async chunk loader', webpack.RuntimeModule.STAGE_TRIGGER)
      }
      generate() {
        return LOADER
      }
    }
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.runtimeRequirementInTree.for(webpack.RuntimeGlobals.loadScript).tap(NAME, (chunk) => {
        compilation.addRuntimeModule(chunk, new Loader())
        return true
      })
      compilation.hooks.afterOptimizeChunks.tap(NAME, (chunks) => {
        for (const chunk of chunks) {
          if (chunk.canBeInitial()) continue
          const name = chunk.name ?? String(chunk.id)
          if (!this.roots.some((r) => name.startsWith(`${r}/`))) {
            compilation.errors.push(new webpack.WebpackError(`${NAME}: async chunk "${name}" is not inside a subpackage (${this.roots.join(', ')}); name it with /* webpackChunkName: "<root>/<name>" */`))
          }
        }
      })
    })
  }
}
