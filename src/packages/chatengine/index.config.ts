export default definePageConfig({ navigationBarTitleText: '格报' })
