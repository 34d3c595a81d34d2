export default definePageConfig({ navigationBarTitleText: '逐级签核' })
