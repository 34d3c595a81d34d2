export default definePageConfig({ navigationBarTitleText: '年度计划' })
