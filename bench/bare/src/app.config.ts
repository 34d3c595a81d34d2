export default defineAppConfig({
  pages: ['pages/index/index'],
  window: { navigationBarTitleText: '格报', navigationBarBackgroundColor: '#ffffff', navigationBarTextStyle: 'black' }
})
