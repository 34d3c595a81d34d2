import { quickCheckin } from '../../src/core/chat'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'

const pick = (text: string) => {
  const m = quickCheckin(text, SEED_INDICATORS)
  return m && { code: m.indicator.code, field: m.field.key, value: m.value }
}

describe('quick check-in: one figure typed on the home screen', () => {
  test.each([
    ['床位 9133', { code: 'YL-BED', field: 'beds', value: 9133 }],
    ['培训 300人次', { code: 'YL-133', field: 'trainees', value: 300 }],
    ['养老床位9133张', { code: 'YL-BED', field: 'beds', value: 9133 }],
    ['新建服务网点两个', { code: 'YL-133', field: 'service_points', value: 2 }],
    ['户籍老人15.59万', { code: 'YL-BED', field: 'elderly', value: 155900 }],
    ['勘界 30%', { code: 'QH-BORDER', field: 'border_progress', value: 0.3 }],
    ['新增社工5人', { code: 'SQ-TEAM', field: 'new_social_workers', value: 5 }],
    ['社会组织12支', { code: 'SQ-GOV', field: 'new_social_orgs', value: 12 }]
  ])('%s', (text, expected) => {
    expect(pick(text)).toEqual(expected)
  })

  test.each([['你好'], ['9133'], ['床位'], ['床位 -5'], ['网点2个，食堂1个'], ['土地转让 1']])('%s is no check-in', (text) => {
    expect(pick(text)).toBeNull()
  })

  test('only the indicators given are considered', () => {
    const onlyBeds = SEED_INDICATORS.filter((i) => i.code === 'YL-BED')
    expect(quickCheckin('培训 300人次', onlyBeds)).toBeNull()
    expect(quickCheckin('床位 9133', onlyBeds)?.field.key).toBe('beds')
  })
})
