export default definePageConfig({ navigationBarTitleText: '对话' })
