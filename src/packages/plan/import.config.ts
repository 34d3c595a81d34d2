export default definePageConfig({ navigationBarTitleText: '导入自查表' })
