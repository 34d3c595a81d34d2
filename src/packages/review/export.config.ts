export default definePageConfig({ navigationBarTitleText: '导出自查表' })
