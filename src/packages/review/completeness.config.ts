export default definePageConfig({ navigationBarTitleText: '填报完成情况' })
