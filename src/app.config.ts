export default defineAppConfig({
  pages: ['pages/chat/index', 'pages/inbox/index', 'pages/progress/index', 'pages/me/index'],
  // Pages outside the tab bar live in subpackages: the main package stays
  // within its 2 MB (our budget: 400 KB, .ci/run) and loads fast on a weak signal.
  subPackages: [
    { root: 'packages/login', pages: ['index'] },
    { root: 'packages/review', pages: ['index', 'detail', 'export', 'completeness', 'signoff'] },
    { root: 'packages/org', pages: ['index'] },
    { root: 'packages/plan', pages: ['index', 'allocate', 'import'] },
    { root: 'packages/people', pages: ['index', 'sheet'] },
    // The chat's conversation engine (core/chat, the number parser, the
    // controller): an async chunk loaded with require.async once the chat
    // has painted (config/asyncSubpackages.ts). Its page is a placeholder.
    { root: 'packages/chatengine', pages: ['index'] }
  ],
  // Downloaded as soon as the chat opens, on any network: a worker who goes
  // offline afterwards still has the engine (WeChat keeps the subpackage).
  preloadRule: { 'pages/chat/index': { network: 'all', packages: ['packages/chatengine'] } },
  // WeChat's privacy check: privacy-relevant APIs (chooseMedia) wait for the
  // person's consent, asked by PrivacyPrompt on the chat page.
  __usePrivacyCheck__: true,
  // Inject only the components a page uses, when it is opened (base library 2.11.1+).
  lazyCodeLoading: 'requiredComponents',
  // An internal tool: sitemap.json keeps every page out of WeChat search.
  sitemapLocation: 'sitemap.json',
  // 同声传译 for hold-to-talk input (src/services/voice): the plugin must be
  // added in the mini-program console at this version, and the microphone
  // declared in its privacy guide.
  plugins: { WechatSI: { version: '0.3.5', provider: 'wx069ba97219f66d99' } },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '格报',
    navigationBarTextStyle: 'black'
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#1a7f5a',
    backgroundColor: '#ffffff',
    list: [
      { pagePath: 'pages/chat/index', text: '对话', iconPath: 'assets/tab/chat.png', selectedIconPath: 'assets/tab/chat-active.png' },
      { pagePath: 'pages/inbox/index', text: '待办', iconPath: 'assets/tab/inbox.png', selectedIconPath: 'assets/tab/inbox-active.png' },
      { pagePath: 'pages/progress/index', text: '进度', iconPath: 'assets/tab/progress.png', selectedIconPath: 'assets/tab/progress-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' }
    ]
  }
})
